// The data of the Scenarios charts, with no pixels: /api/scenarios -> rows of cells. Reported
// figures and projections are separate keys, so a chart draws them as separate lines (projections
// dashed) and a table shows them in separate columns.

import { type Cell, computedCell as cell, type Row } from "../../lib/chartTable.ts";
import { formatGrowth, formatPeriod } from "../../lib/format.ts";
import type { ScenariosResponse } from "./api/useScenarios.ts";

/** What the build-out costs a year at each reported quarter, beside reported D&A and AI revenue. */
export function costRows(scenarios: ScenariosResponse): Row[] {
  return scenarios.quarters.map((q) => ({
    quarter: { value: q.quarter },
    depreciation: cell(q.depreciation, { basis: "derived" }),
    reportedDaTtm: cell(q.reportedDaTtm),
    gap: cell(q.depreciationGap),
    requiredRevenue: cell(q.requiredRevenue, { basis: "derived" }),
    aiRevenue: cell(q.aiRevenue),
    coverage: cell(q.coverageOfRequired),
  }));
}

/** No value here: a blank cell and a gap in the line. */
const NONE: Cell = { value: null };

/** Quarters the chart runs on after the last quarter AI revenue reaches a target: enough to see it cross. */
export const AFTER_REACH_QUARTERS = 2;

/**
 * The reported AI revenue and capex TTM, then the projections from the base quarter (where each
 * starts at its reported value); quarters after the data have projections only. The projection
 * stops AFTER_REACH_QUARTERS after the later quarter AI revenue reaches capex TTM or the required
 * revenue (compounding makes the years after it dwarf the rest), else runs to its end.
 */
export function projectionRows(scenarios: ScenariosResponse): Row[] {
  const { projection, coverage } = scenarios;
  const reached = [coverage.capexTtm.reach.value, coverage.requiredRevenue.reach.value].flatMap((reach) =>
    reach?.kind === "reached" ? [reach.quartersAhead] : [],
  );
  const end = reached.length > 0 ? Math.max(...reached) + AFTER_REACH_QUARTERS : Number.POSITIVE_INFINITY;
  const shown = projection?.quarters.filter((p) => p.quartersAhead <= end) ?? [];
  const projected = new Map(shown.map((p) => [p.quarter, p]));
  const note = projection ? `projected from ${formatPeriod(projection.from)}` : "";
  const projectedCells = (quarter: string): Row => {
    const p = projected.get(quarter);
    if (!p || !projection) return { projectedAi: NONE, projectedCapex: NONE, projectedRequired: NONE };
    return {
      projectedAi: { value: p.aiRevenue, note: `${note} at ${formatGrowth(projection.aiGrowth)} a year` },
      projectedCapex: { value: p.capexTtm, note: `${note} at ${formatGrowth(projection.capexGrowth)} a year` },
      projectedRequired: cell(p.requiredRevenue, { note: `${note} at ${formatGrowth(projection.capexGrowth)} a year, as capex` }),
    };
  };
  const last = scenarios.quarters.at(-1)?.quarter;
  return [
    ...scenarios.quarters.map((q) => ({
      quarter: { value: q.quarter },
      aiRevenue: cell(q.aiRevenue),
      capexTtm: cell(q.capexTtm, { basis: "derived" }),
      ...projectedCells(q.quarter),
    })),
    ...shown
      .filter((p) => last === undefined || p.quarter > last)
      .map((p) => ({ quarter: { value: p.quarter }, aiRevenue: NONE, capexTtm: NONE, ...projectedCells(p.quarter) })),
  ];
}
