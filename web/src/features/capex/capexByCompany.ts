// The data of the "capex by company" chart, with no pixels: one row per calendar quarter from the
// first to the last quarter any company reported, so a quarter nobody sourced stays a visible gap.
import { sourceUrl } from "../../../../server/domain/catalog.ts";
import { parsePeriod, quarterFromIndex, quarterIndex } from "../../../../server/domain/periods.ts";
import type { ObservationRecord } from "../../lib/api.ts";

export interface CapexFigure {
  value: number;
  basis: string;
  fiscalLabel: string | null;
  periodEnd: string;
  source: string | null;
  sourceUrl: string | null;
  note: string | null;
}

export interface CapexQuarter {
  quarter: string;
  figures: Record<string, CapexFigure | null>;
  /** The sum over all companies, or null when any is missing: never a partial total. */
  total: number | null;
  /** The height of the bar that is drawn: the companies that are present. */
  drawnSum: number;
  missing: string[];
}

export interface MissingRun {
  entity: string;
  from: string;
  to: string;
  quarters: number;
}

export function buildCapexByCompany(observations: ObservationRecord[], companies: string[]) {
  const byQuarter = new Map<number, Map<string, ObservationRecord>>();
  for (const o of observations) {
    const period = parsePeriod(o.period);
    if (!period || period.kind !== "quarter" || !companies.includes(o.entity)) continue;
    const index = quarterIndex(period.year, period.quarter);
    if (!byQuarter.has(index)) byQuarter.set(index, new Map());
    byQuarter.get(index)!.set(o.entity, o);
  }
  const indexes = [...byQuarter.keys()];
  if (indexes.length === 0) return { quarters: [] as CapexQuarter[], missingRuns: [] as MissingRun[] };

  const quarters: CapexQuarter[] = [];
  for (let index = Math.min(...indexes); index <= Math.max(...indexes); index++) {
    const found = byQuarter.get(index) ?? new Map<string, ObservationRecord>();
    const figures: Record<string, CapexFigure | null> = {};
    for (const entity of companies) {
      const o = found.get(entity);
      figures[entity] = o
        ? { value: o.value, basis: o.basis, fiscalLabel: o.fiscalLabel, periodEnd: o.periodEnd, source: o.source, sourceUrl: sourceUrl(o.source), note: o.note }
        : null;
    }
    const present = companies.filter((entity) => figures[entity]);
    const drawnSum = present.reduce((sum, entity) => sum + figures[entity]!.value, 0);
    const missing = companies.filter((entity) => !figures[entity]);
    quarters.push({ quarter: quarterFromIndex(index), figures, drawnSum, missing, total: missing.length === 0 ? drawnSum : null });
  }
  return { quarters, missingRuns: missingRuns(quarters, companies) };
}

/** Consecutive quarters each company lacks, for the note under the chart. */
function missingRuns(quarters: CapexQuarter[], companies: string[]): MissingRun[] {
  const runs: MissingRun[] = [];
  for (const entity of companies) {
    let run: MissingRun | null = null;
    for (const row of quarters) {
      if (row.figures[entity]) {
        run = null;
      } else if (run) {
        run.to = row.quarter;
        run.quarters++;
      } else {
        run = { entity, from: row.quarter, to: row.quarter, quarters: 1 };
        runs.push(run);
      }
    }
  }
  return runs;
}
