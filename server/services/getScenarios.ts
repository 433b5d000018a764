// The scenarios for a set of parameters, computed once per (data version, parameters) from the
// thesis of the same companies and AI revenue, read over every quarter with capex: the cohorts of
// a useful life reach back before `from`.
import type { Store } from "../db/client.ts";
import type { ScenarioParams } from "../domain/parameters.ts";
import { computeScenarios, type Scenario, scenarioInputs } from "../domain/scenarios.ts";
import { DEFAULT_THESIS_PARAMS, type ThesisParams } from "../domain/thesis.ts";
import { type AnswerCache, answerCache } from "./answerCache.ts";
import { computeInTurn } from "./computeInTurn.ts";
import { getDataVersion } from "./getDataVersion.ts";
import { getThesis } from "./getThesis.ts";
import { type JsonAnswer, jsonAnswer } from "./jsonAnswer.ts";

export interface ScenariosResult extends Scenario {
  dataVersion: number;
  params: ScenarioParams;
}

export interface CachedScenarios extends JsonAnswer {
  scenarios: ScenariosResult;
}

const cacheByStore = new WeakMap<Store, AnswerCache<CachedScenarios>>();

function cacheOf(store: Store): AnswerCache<CachedScenarios> {
  let cache = cacheByStore.get(store);
  if (!cache) {
    cache = answerCache<CachedScenarios>(store.cacheMaxBytes);
    cacheByStore.set(store, cache);
  }
  return cache;
}

/**
 * The thesis the scenarios read: the same companies, AI revenue and `to`, every other parameter the
 * default (they do not change the series read), so the dashboard's default thesis is shared.
 */
export function scenarioThesisParams({ companies, aiRevenue, carryForwardDays, to }: ScenarioParams): ThesisParams {
  return { ...DEFAULT_THESIS_PARAMS, companies, aiRevenue, carryForwardDays, to };
}

export function getScenarios(store: Store, params: ScenarioParams): CachedScenarios {
  const cache = cacheOf(store);
  const paramsKey = JSON.stringify(params);
  const hit = cache.get(`${getDataVersion(store).version}|${paramsKey}`);
  if (hit) return hit;

  const { thesis } = getThesis(store, scenarioThesisParams(params));
  const key = `${thesis.dataVersion}|${paramsKey}`;
  const scenarios: ScenariosResult = { dataVersion: thesis.dataVersion, params, ...computeScenarios(scenarioInputs(thesis), params) };
  const entry: CachedScenarios = {
    scenarios,
    ...jsonAnswer("scenarios", thesis.dataVersion, paramsKey, scenarios, () => cache.resized(key)),
  };
  cache.set(key, entry);
  return entry;
}

/** The cached scenarios, or ones computed in their turn (computeInTurn.ts): what a request should ask for. */
export async function scenariosInTurn(store: Store, params: ScenarioParams): Promise<CachedScenarios> {
  return (
    cacheOf(store).get(`${getDataVersion(store).version}|${JSON.stringify(params)}`) ?? computeInTurn(() => getScenarios(store, params))
  );
}
