// The thesis for a set of parameters, computed once per (data version, parameters): the figures
// change only when an import commits, and that bumps the data version.
import type { Store } from "../db/client.ts";
import { inputFilters } from "../domain/inputs.ts";
import { computeThesis, type Thesis, type ThesisParams } from "../domain/thesis.ts";
import { type AnswerCache, answerCache } from "./answerCache.ts";
import { computeInTurn } from "./computeInTurn.ts";
import { getDataVersion } from "./getDataVersion.ts";
import { type JsonAnswer, jsonAnswer } from "./jsonAnswer.ts";
import { listObservations } from "./listObservations.ts";

export interface ThesisResult extends Thesis {
  dataVersion: number;
}

export interface CachedThesis extends JsonAnswer {
  thesis: ThesisResult;
}

const cacheByStore = new WeakMap<Store, AnswerCache<CachedThesis>>();

/**
 * The data version and the observations the thesis reads, in one transaction: one consistent
 * snapshot. Only the thesis's inputs are loaded (by index), not the whole table.
 */
function snapshot(store: Store, params: ThesisParams) {
  return store.sqlite.transaction(() => ({
    dataVersion: getDataVersion(store).version,
    observations: inputFilters(params).flatMap((input) => listObservations(store, input)),
  }))();
}

function cacheOf(store: Store): AnswerCache<CachedThesis> {
  let cache = cacheByStore.get(store);
  if (!cache) {
    cache = answerCache<CachedThesis>(store.cacheMaxBytes);
    cacheByStore.set(store, cache);
  }
  return cache;
}

/** The thesis if it is cached for the present data version; no computation. */
export function cachedThesis(store: Store, params: ThesisParams): CachedThesis | undefined {
  return cacheOf(store).get(`${getDataVersion(store).version}|${JSON.stringify(params)}`);
}

/** The cached thesis, or one computed in its turn (computeInTurn.ts): what a request should ask for. */
export async function thesisInTurn(store: Store, params: ThesisParams): Promise<CachedThesis> {
  return cachedThesis(store, params) ?? computeInTurn(() => getThesis(store, params));
}

export function getThesis(store: Store, params: ThesisParams): CachedThesis {
  const cache = cacheOf(store);
  const paramsKey = JSON.stringify(params);
  const hit = cache.get(`${getDataVersion(store).version}|${paramsKey}`);
  if (hit) return hit;

  const { dataVersion, observations } = snapshot(store, params);
  const key = `${dataVersion}|${paramsKey}`;
  const thesis = { dataVersion, ...computeThesis(observations, params) };
  const entry: CachedThesis = { thesis, ...jsonAnswer("thesis", dataVersion, paramsKey, thesis, () => cache.resized(key)) };
  cache.set(key, entry);
  return entry;
}
