// The thesis for a set of parameters, computed once per (data version, parameters).
import type { Store } from "../db/client.ts";
import { inputFilters } from "../domain/inputs.ts";
import { AI_APP_GROUPS } from "../domain/killerApps.ts";
import { computeThesis, type Thesis, type ThesisParams } from "../domain/thesis.ts";
import { type AnswerKind, answer, answerInTurn, type CachedAnswer } from "./cachedAnswer.ts";
import { getDataVersion } from "./getDataVersion.ts";
import { appsOf } from "./getKillerApps.ts";
import { listObservations } from "./listObservations.ts";

const THESIS: AnswerKind<ThesisParams, Thesis> = {
  name: "thesis",
  // Only the thesis's inputs are loaded (by index), not the whole table.
  compute: (store, params) =>
    store.sqlite.transaction(() => ({
      dataVersion: getDataVersion(store).version,
      answer: computeThesis(
        inputFilters(params).flatMap((input) => listObservations(store, input)),
        params,
      ),
    }))(),
};

/** The catalog's AI apps, whose app-store spending the thesis shows beside AI revenue. */
export const withAiApps = (store: Store, params: ThesisParams): ThesisParams => ({
  ...params,
  aiApps: appsOf(store)
    .filter((app) => AI_APP_GROUPS.includes(app.group))
    .map((app) => app.id),
});

export const getThesis = (store: Store, params: ThesisParams): CachedAnswer<Thesis> => answer(store, THESIS, withAiApps(store, params));

export const thesisInTurn = (store: Store, params: ThesisParams): Promise<CachedAnswer<Thesis>> =>
  answerInTurn(store, THESIS, withAiApps(store, params));
