// Earlier cycles as a yardstick: consumer revenue pools of the smartphone era beside AI revenue,
// each aligned by years since its cycle's start (iPhone launch, ChatGPT launch), so a chart can lay
// "year 2 of the iPhone" next to "year 2 of ChatGPT".

import { type Computed, isKnown, known } from "./computed.ts";
import { SMARTPHONE_ERA_POOLS } from "./inputs.ts";
import { parseIsoDay, parsePeriod, quarterFromIndex } from "./periods.ts";
import { extent, flowSeries, quarterOfDay, type Series, type ThesisObservation, ttm } from "./series.ts";

export type Cycle = "smartphone" | "ai";

export interface CyclePoint {
  /** (quarter - cycle start) / 4: 0 at the start quarter, 1.25 five quarters later. */
  yearsSinceStart: number;
  quarter: string;
  value: Computed;
}

export interface CycleSeries {
  id: string;
  label: string;
  cycle: Cycle;
  startQuarter: string;
  /** USD_m for TTM flows; USD_m_annualized for the AI run-rate: compared side by side, never added. */
  unit: "USD_m" | "USD_m_annualized";
  points: CyclePoint[];
}

/**
 * TTM of the quarterly rows; where they fall short, a fiscal-year row ending in that quarter, which
 * is the same trailing twelve months as the company reported it (Apple's iPhone sales before 2021
 * are fiscal-year figures only). Fiscal-year rows are never split into quarters.
 */
export function trailingYear(observations: readonly ThesisObservation[], entity: string, metric: string) {
  const flow = flowSeries(observations, entity, metric);
  const quarterly = ttm(flow);
  const fiscalYearEnding = new Map<number, number>();
  for (const o of observations) {
    const day = parseIsoDay(o.periodEnd);
    if (o.entity === entity && o.metric === metric && o.unit === "USD_m" && parsePeriod(o.period)?.kind === "fiscalYear" && day !== null) {
      fiscalYearEnding.set(quarterOfDay(day), o.value);
    }
  }
  const series: Series = {
    name: quarterly.name,
    at(q) {
      const fromQuarters = quarterly.at(q);
      const fiscalYear = fiscalYearEnding.get(q);
      return isKnown(fromQuarters) || fiscalYear === undefined ? fromQuarters : known(fiscalYear);
    },
  };
  const reported = extent([...flow.observations.keys(), ...fiscalYearEnding.keys()]);
  return { series, lastQuarter: reported?.last ?? null };
}

/** A series' values from the start quarter to the end quarter, by years since the start. */
export function alignSinceStart(series: Series, start: number, end: number): CyclePoint[] {
  const points: CyclePoint[] = [];
  for (let q = start; q <= end; q++) {
    points.push({ yearsSinceStart: (q - start) / 4, quarter: quarterFromIndex(q), value: series.at(q) });
  }
  return points;
}

/**
 * Each smartphone-era pool from its cycle start to its last reported quarter, and AI revenue
 * annualized from the AI cycle start to the quarter of its latest run-rate observation; a series
 * with nothing after its start still gets its start quarter, with the reason.
 */
export function earlierCycles(
  observations: readonly ThesisObservation[],
  ai: { total: Series; lastObservedQuarter: number | null },
  starts: { smartphone: number; ai: number },
): CycleSeries[] {
  const pools = SMARTPHONE_ERA_POOLS.map(({ entities, metric, label }): CycleSeries => {
    const [entity] = entities.entities;
    const pool = trailingYear(observations, entity, metric);
    return {
      id: `${entity}:${metric}`,
      label,
      cycle: "smartphone",
      startQuarter: quarterFromIndex(starts.smartphone),
      unit: "USD_m",
      points: alignSinceStart(pool.series, starts.smartphone, Math.max(starts.smartphone, pool.lastQuarter ?? starts.smartphone)),
    };
  });
  const aiSeries: CycleSeries = {
    id: "ai_revenue_annualized",
    label: "AI revenue, annualized",
    cycle: "ai",
    startQuarter: quarterFromIndex(starts.ai),
    unit: "USD_m_annualized",
    points: alignSinceStart(ai.total, starts.ai, Math.max(starts.ai, ai.lastObservedQuarter ?? starts.ai)),
  };
  return [...pools, aiSeries];
}
