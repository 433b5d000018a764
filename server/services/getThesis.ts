// The thesis for a set of parameters, computed once per (data version, parameters).
import type { Store } from "../db/client.ts";
import { readSnapshot } from "../db/query.ts";
import { inputFilters } from "../domain/inputs.ts";
import { AI_APP_GROUPS } from "../domain/killerApps.ts";
import { computeThesis, type Thesis, type ThesisParams } from "../domain/thesis.ts";
import { type AnswerKind, answer, answerInTurn, type CachedAnswer } from "./cachedAnswer.ts";
import { getDataVersion } from "./getDataVersion.ts";
import { appsOf } from "./getKillerApps.ts";
import { listObservations } from "./listObservations.ts";

const THESIS: AnswerKind<ThesisParams, Thesis> = {
  name: "thesis",
  // Only the thesis's inputs are loaded (by index), not the whole table. The catalog's AI apps,
  // whose app-store spending the thesis shows beside AI revenue, are read in the same snapshot:
  // they are part of the data, not of the request.
  compute: (store, params) =>
    readSnapshot(store, async (snapshot) => {
      const aiApps = (await appsOf(snapshot)).filter((app) => AI_APP_GROUPS.includes(app.group)).map((app) => app.id);
      const withApps = { ...params, aiApps };
      const observations = await Promise.all(inputFilters(withApps).map((input) => listObservations(snapshot, input)));
      return { dataVersion: (await getDataVersion(snapshot)).version, answer: computeThesis(observations.flat(), withApps) };
    }),
};

export const getThesis = (store: Store, params: ThesisParams): Promise<CachedAnswer<Thesis>> => answer(store, THESIS, params);

export const thesisInTurn = (store: Store, params: ThesisParams): Promise<CachedAnswer<Thesis>> => answerInTurn(store, THESIS, params);
