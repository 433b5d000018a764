// The data of the "capex by company" chart, with no pixels: one row per calendar quarter from the
// first to the last quarter any company reported, so a quarter nobody sourced stays a visible gap.
import { sourceUrl } from "../../../../server/domain/catalog.ts";
import { parsePeriod, quarterFromIndex, quarterIndex } from "../../../../server/domain/periods.ts";
import type { ObservationRecord, ThesisQuarter } from "../../lib/api.ts";
import type { ChartTable } from "../../lib/chartTable.ts";

export interface CapexFigure {
  value: number;
  basis: string;
  fiscalLabel: string | null;
  periodEnd: string | null;
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
  /** Why each missing figure is missing. */
  reasons: Record<string, string>;
}

export interface MissingRun {
  entity: string;
  from: string;
  to: string;
  quarters: number;
}

function finishQuarter(
  quarter: string,
  figures: Record<string, CapexFigure | null>,
  companies: string[],
  reasons: Record<string, string>,
): CapexQuarter {
  const present = companies.filter((entity) => figures[entity]);
  const drawnSum = present.reduce((sum, entity) => sum + figures[entity]!.value, 0);
  const missing = companies.filter((entity) => !figures[entity]);
  return { quarter, figures, drawnSum, missing, total: missing.length === 0 ? drawnSum : null, reasons };
}

/** Quarterly capex as reported, each figure with its source. */
export function quarterlyCapex(observations: ObservationRecord[], companies: string[], range: { from: string | null; to: string | null }) {
  const byQuarter = new Map<number, Map<string, ObservationRecord>>();
  for (const o of observations) {
    const period = parsePeriod(o.period);
    if (!period || period.kind !== "quarter" || !companies.includes(o.entity)) continue;
    if ((range.from && o.period < range.from) || (range.to && o.period > range.to)) continue;
    const index = quarterIndex(period.year, period.quarter);
    if (!byQuarter.has(index)) byQuarter.set(index, new Map());
    byQuarter.get(index)!.set(o.entity, o);
  }
  const indexes = [...byQuarter.keys()];
  const quarters: CapexQuarter[] = [];
  if (indexes.length === 0) return { quarters, missingRuns: [] as MissingRun[] };
  for (let index = Math.min(...indexes); index <= Math.max(...indexes); index++) {
    const found = byQuarter.get(index) ?? new Map<string, ObservationRecord>();
    const figures: Record<string, CapexFigure | null> = {};
    const reasons: Record<string, string> = {};
    for (const entity of companies) {
      const o = found.get(entity);
      figures[entity] = o
        ? {
            value: o.value,
            basis: o.basis,
            fiscalLabel: o.fiscalLabel,
            periodEnd: o.periodEnd,
            source: o.source,
            sourceUrl: sourceUrl(o.source),
            note: o.note,
          }
        : null;
      if (!o) reasons[entity] = `${entity} capex missing for ${quarterFromIndex(index)}`;
    }
    quarters.push(finishQuarter(quarterFromIndex(index), figures, companies, reasons));
  }
  return { quarters, missingRuns: missingRuns(quarters, companies) };
}

/** Trailing-twelve-month capex from the thesis: derived sums, missing with the thesis's reason. */
export function ttmCapex(thesisQuarters: ThesisQuarter[], companies: string[]) {
  const quarters = thesisQuarters.map((q) => {
    const figures: Record<string, CapexFigure | null> = {};
    const reasons: Record<string, string> = {};
    for (const entity of companies) {
      const ttm = q.companies.find((c) => c.entity === entity)?.capexTtm;
      figures[entity] =
        ttm && ttm.value !== null
          ? {
              value: ttm.value,
              basis: "derived",
              fiscalLabel: null,
              periodEnd: null,
              source: null,
              sourceUrl: null,
              note: "sum of the four quarters to this one",
            }
          : null;
      if (!ttm) reasons[entity] = `${entity} is not in the thesis`;
      else if (ttm.value === null) reasons[entity] = ttm.reason;
    }
    return finishQuarter(q.quarter, figures, companies, reasons);
  });
  // Drop the leading quarters where no company has four quarters yet: there is nothing to draw.
  const first = quarters.findIndex((q) => q.missing.length < companies.length);
  const shown = first === -1 ? [] : quarters.slice(first);
  return { quarters: shown, missingRuns: missingRuns(shown, companies) };
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

export function capexTable(quarters: CapexQuarter[], companies: string[], nameOf: (id: string) => string): ChartTable {
  return {
    columns: [
      { key: "quarter", label: "Quarter", kind: "quarter" },
      ...companies.map((entity) => ({ key: entity, label: nameOf(entity), kind: "usd_m" as const })),
      { key: "total", label: "Total", kind: "usd_m" },
    ],
    rows: [...quarters].reverse().map((row) => ({
      quarter: { value: row.quarter },
      ...Object.fromEntries(
        companies.map((entity) => {
          const figure = row.figures[entity];
          return [
            entity,
            figure
              ? { value: figure.value, basis: figure.basis, href: figure.sourceUrl, reason: figure.fiscalLabel ?? undefined }
              : { value: null, reason: row.reasons[entity] },
          ];
        }),
      ),
      total: row.total === null ? { value: null, reason: `not a total: missing ${row.missing.join(", ")}` } : { value: row.total },
    })),
  };
}
