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

/**
 * The catalog's AI apps, whose app-store spending the thesis shows beside AI revenue: part of the
 * data, not of the request, so read from the store (in the snapshot the answer reads).
 */
export const withAiApps = async (store: Store, params: ThesisParams): Promise<ThesisParams> => ({
  ...params,
  aiApps: (await appsOf(store)).filter((app) => AI_APP_GROUPS.includes(app.group)).map((app) => app.id),
});

const THESIS: AnswerKind<ThesisParams, Thesis> = {
  name: "thesis",
  // Only the thesis's inputs are loaded (by index), not the whole table.
  compute: (store, params) =>
    readSnapshot(store, async (snapshot) => {
      const withApps = await withAiApps(snapshot, params);
      const observations = await Promise.all(inputFilters(withApps).map((input) => listObservations(snapshot, input)));
      return { dataVersion: (await getDataVersion(snapshot)).version, answer: computeThesis(observations.flat(), withApps) };
    }),
};

export const getThesis = (store: Store, params: ThesisParams): Promise<CachedAnswer<Thesis>> => answer(store, THESIS, params);

export const thesisInTurn = (store: Store, params: ThesisParams): Promise<CachedAnswer<Thesis>> => answerInTurn(store, THESIS, params);
