// The scenarios for a set of parameters, computed once per (data version, parameters) from the
// thesis of the same companies and AI revenue, read over every quarter with capex: the cohorts of
// a useful life reach back before `from`.
import type { Store } from "../db/client.ts";
import type { ScenarioParams } from "../domain/parameters.ts";
import { computeScenarios, type Scenario, scenarioInputs } from "../domain/scenarios.ts";
import { DEFAULT_THESIS_PARAMS, type ThesisParams } from "../domain/thesis.ts";
import { type AnswerKind, answer, answerInTurn, type CachedAnswer } from "./cachedAnswer.ts";
import { getThesis } from "./getThesis.ts";

export type Scenarios = Scenario & { params: ScenarioParams };

/**
 * The thesis the scenarios read: the same companies, AI revenue and `to`, every other parameter the
 * default (they do not change the series read), so the dashboard's default thesis is shared.
 */
export function scenarioThesisParams({ companies, aiRevenue, carryForwardDays, to }: ScenarioParams): ThesisParams {
  return { ...DEFAULT_THESIS_PARAMS, companies, aiRevenue, carryForwardDays, to };
}

const SCENARIOS: AnswerKind<ScenarioParams, Scenarios> = {
  name: "scenarios",
  async compute(store, params) {
    const { answer: thesis } = await getThesis(store, scenarioThesisParams(params));
    return { dataVersion: thesis.dataVersion, answer: { params, ...computeScenarios(scenarioInputs(thesis), params) } };
  },
};

export const getScenarios = (store: Store, params: ScenarioParams): Promise<CachedAnswer<Scenarios>> => answer(store, SCENARIOS, params);

export const scenariosInTurn = (store: Store, params: ScenarioParams): Promise<CachedAnswer<Scenarios>> =>
  answerInTurn(store, SCENARIOS, params);
