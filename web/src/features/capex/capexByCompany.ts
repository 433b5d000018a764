// The data of the "capex by company" chart, with no pixels: one row per calendar quarter from the
// first to the last quarter any company reported, so a quarter nobody sourced stays a visible gap.
import { sourceUrl } from "../../../../server/domain/catalog.ts";
import type { Reason } from "../../../../server/domain/computed.ts";
import { THESIS_INPUTS } from "../../../../server/domain/inputs.ts";
import { quarterFromIndex } from "../../../../server/domain/periods.ts";
import { extent, flowSeries, requireQuarter } from "../../../../server/domain/series.ts";
import type { ObservationRecord, ThesisQuarter } from "../../lib/api.ts";
import type { Table } from "../../lib/chartTable.ts";

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
  reasons: Record<string, readonly Reason[]>;
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
  reasons: Record<string, readonly Reason[]>,
): CapexQuarter {
  const present = companies.filter((entity) => figures[entity]);
  const drawnSum = present.reduce((sum, entity) => sum + (figures[entity]?.value ?? 0), 0);
  const missing = companies.filter((entity) => !figures[entity]);
  return { quarter, figures, drawnSum, missing, total: missing.length === 0 ? drawnSum : null, reasons };
}

/**
 * Quarterly capex as reported, each figure with its source: the thesis's own capex series, so its
 * rules hold here too (calendar quarters only, USD only: a EUR row is never drawn as dollars).
 */
export function quarterlyCapex(observations: ObservationRecord[], companies: string[], range: { from: string | null; to: string | null }) {
  const { metric } = THESIS_INPUTS.capex;
  const inRange = (q: number) =>
    (range.from === null || q >= requireQuarter(range.from)) && (range.to === null || q <= requireQuarter(range.to));
  const series = companies.map((entity) => flowSeries(observations, entity, metric));
  const span = extent(series.flatMap((s) => [...s.observations.keys()].filter(inRange)));
  const quarters: CapexQuarter[] = [];
  if (span === null) return { quarters, missingRuns: [] as MissingRun[] };
  for (let index = span.first; index <= span.last; index++) {
    const figures: Record<string, CapexFigure | null> = {};
    const reasons: Record<string, readonly Reason[]> = {};
    for (const flow of series) {
      const o = flow.observations.get(index);
      figures[flow.entity] = o
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
      const value = flow.at(index);
      if (value.reasons) reasons[flow.entity] = value.reasons;
    }
    quarters.push(finishQuarter(quarterFromIndex(index), figures, companies, reasons));
  }
  return { quarters, missingRuns: missingRuns(quarters, companies) };
}

/** Trailing-twelve-month capex from the thesis: derived sums, missing with the thesis's reason. */
export function ttmCapex(thesisQuarters: ThesisQuarter[], companies: string[]) {
  const quarters = thesisQuarters.map((q) => {
    const figures: Record<string, CapexFigure | null> = {};
    const reasons: Record<string, readonly Reason[]> = {};
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
      if (!ttm) reasons[entity] = [{ kind: "nothing_selected", message: `${entity} is not in the thesis` }];
      else if (ttm.value === null) reasons[entity] = ttm.reasons;
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

const notATotal = (missing: readonly string[]): Reason => ({
  kind: "missing_quarter",
  message: `not a total: missing ${missing.join(", ")}`,
});

export function capexTable(quarters: CapexQuarter[], companies: string[], nameOf: (id: string) => string): Table {
  return {
    columns: [
      { key: "quarter", header: "Quarter", kind: "quarter" },
      ...companies.map((entity) => ({ key: entity, header: nameOf(entity), kind: "usd_m" as const })),
      { key: "total", header: "Total", kind: "usd_m" },
    ],
    rows: [...quarters].reverse().map((row) => ({
      quarter: { value: row.quarter },
      ...Object.fromEntries(
        companies.map((entity) => {
          const figure = row.figures[entity];
          return [
            entity,
            figure
              ? {
                  value: figure.value,
                  basis: figure.basis,
                  href: figure.sourceUrl,
                  ...(figure.fiscalLabel ? { note: figure.fiscalLabel } : {}),
                }
              : { value: null, reasons: row.reasons[entity] ?? [] },
          ];
        }),
      ),
      total: row.total === null ? { value: null, reasons: [notATotal(row.missing)] } : { value: row.total },
    })),
  };
}
