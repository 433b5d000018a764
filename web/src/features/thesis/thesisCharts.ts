// The data of the thesis charts, with no pixels: /api/thesis quarters -> rows of cells (value, or
// the reason it is missing, with how it was obtained), so charts, tables and CSVs share one source.

import type { ThesisQuarter, ThesisResponse } from "../../lib/api.ts";
import { type Cell, computedCell as cell, type Row } from "../../lib/chartTable.ts";
import { describeReasons, type Names } from "../../lib/reasons.ts";

/**
 * A flag in words: a known flag's own sentence with its numbers; an unknown one's reasons written
 * as a sentence (its explanation lists every raw reason, fifteen lines for an early quarter).
 */
export function flagSentence(flag: ThesisQuarter["flag"], names: Names): string {
  return flag.status === "unknown" && flag.reasons ? `Unknown: ${describeReasons(flag.reasons, names)}.` : flag.explanation;
}

const quarterCell = (q: ThesisQuarter): Cell => ({ value: q.quarter });

/** How the AI revenue total was obtained: the weakest link among its parts, for hollow markers. */
export function aiRevenueBasis(q: ThesisQuarter): Pick<Cell, "basis" | "note"> {
  const entities = q.aiRevenue.entities;
  const how = entities.map((e) => `${e.entity} ${e.how ?? "missing"}`).join(", ");
  const estimated = entities.some((e) => e.from.some((point) => point.basis === "estimate"));
  const inferred = entities.some((e) => e.how === "interpolated" || e.how === "carried forward");
  return inferred || estimated ? { basis: estimated ? "estimate" : "run_rate", note: how } : { basis: "run_rate" };
}

/** The key of the line (and table column) of all selected companies together. */
export const AGGREGATE_LINE = "aggregate";

export function intensityRows(quarters: ThesisQuarter[]): Row[] {
  return quarters.map((q) => ({
    quarter: quarterCell(q),
    ...Object.fromEntries(q.companies.map((c) => [c.entity, cell(c.intensity)])),
    [AGGREGATE_LINE]: cell(q.aggregate.intensity),
  }));
}

export interface PeakLine {
  /** The intensity line it belongs to: a company's id, or "aggregate" for all selected. */
  key: string;
  value: number;
  quarter: string;
  /** The line's intensity in the latest quarter that has one, to compare with the peak. */
  latest: number | null;
}

export interface Peaks {
  /** `before`: each line's highest intensity before the quarter named; `earlier`: before its latest quarter. */
  kind: "before" | "earlier";
  /** The quarter the peaks are before. */
  quarter: string;
  lines: PeakLine[];
}

type Intensity = Pick<ThesisQuarter["aggregate"], "intensity" | "earlierPeak" | "earlierPeakQuarter">;

/**
 * The peaks the latest intensities are measured against: each line's highest before `cycleStart`
 * (ChatGPT's quarter) when the view holds that quarter, the high of the cycle before AI; otherwise
 * each one's highest before the latest quarter, which is often just the previous quarter.
 */
export function peakLines(quarters: ThesisQuarter[], cycleStart: string): Peaks | null {
  const latest = quarters.findLast((q) => q.companies.some((c) => c.intensity.value !== null));
  if (!latest) return null;
  const start = quarters.find((q) => q.quarter === cycleStart && q.quarter < latest.quarter);
  const at = start ?? latest;
  const of = (q: ThesisQuarter): [string, Intensity][] => [
    ...q.companies.map((c): [string, Intensity] => [c.entity, c]),
    [AGGREGATE_LINE, q.aggregate],
  ];
  const latestOf = (key: string) =>
    quarters.map((q) => of(q).find(([k]) => k === key)?.[1].intensity.value ?? null).findLast((value) => value !== null) ?? null;
  const lines = of(at).flatMap(([key, peak]) =>
    peak.earlierPeak.value === null || peak.earlierPeakQuarter === null
      ? []
      : [{ key, value: peak.earlierPeak.value, quarter: peak.earlierPeakQuarter, latest: latestOf(key) }],
  );
  return { kind: start ? "before" : "earlier", quarter: at.quarter, lines };
}

export function revenueVsCapexRows(quarters: ThesisQuarter[]): Row[] {
  return quarters.map((q) => ({
    quarter: quarterCell(q),
    capexTtm: cell(q.aggregate.capexTtm, { basis: "derived" }),
    cloudRevenueTtm: cell(q.aggregate.cloudRevenueTtm, { basis: "derived" }),
    capexToCloud: cell(q.aggregate.capexToCloudRevenue),
    aiRevenue: cell(q.aiRevenue.total, aiRevenueBasis(q)),
  }));
}

export function coverageRows(quarters: ThesisQuarter[]): Row[] {
  return quarters.map((q) => ({
    quarter: quarterCell(q),
    coverage: cell(q.coverage),
    dollarGap: cell(q.dollarGap),
    flag:
      q.flag.status === "unknown" ? { value: q.flag.status, reasons: q.flag.reasons } : { value: q.flag.status, note: q.flag.explanation },
  }));
}

export function sequoiaRows(quarters: ThesisQuarter[]): Row[] {
  return quarters.map((q) => ({
    quarter: quarterCell(q),
    nvdaDatacenter: cell(q.nvdaDatacenterRevenue),
    required: cell(q.sequoiaRequiredRevenue, { basis: "derived" }),
    aiRevenue: cell(q.aiRevenue.total, aiRevenueBasis(q)),
    gap: cell(q.sequoiaGap),
  }));
}

export type CycleSeries = ThesisResponse["earlierCycles"][number];

/** One row per quarter-step since each cycle began; a series absent at that age is missing. */
export function earlierCycleRows(cycles: CycleSeries[]): Row[] {
  const ages = [...new Set(cycles.flatMap((c) => c.points.map((p) => p.yearsSinceStart)))].sort((a, b) => a - b);
  return ages.map((years) => ({
    years: { value: years },
    ...Object.fromEntries(
      cycles.map((c) => {
        const point = c.points.find((p) => p.yearsSinceStart === years);
        const absent: Cell = {
          value: null,
          reasons: [{ kind: "outside_observed_range", message: `${c.label}: no data ${years} years after ${c.startQuarter}` }],
        };
        return [c.id, point ? cell(point.value) : absent];
      }),
    ),
  }));
}

type FundingQuarter = ThesisQuarter["funding"]["aggregate"];

/** One panel of the funding chart: the aggregate's or one company's capex TTM and funding. */
export interface FundingPanel {
  id: string;
  label: string;
  of(q: ThesisQuarter): { capexTtm: ThesisQuarter["aggregate"]["capexTtm"]; funding: FundingQuarter } | null;
}

export const aggregateFunding = (label: string): FundingPanel => ({
  id: AGGREGATE_LINE,
  label,
  of: (q) => ({ capexTtm: q.aggregate.capexTtm, funding: q.funding.aggregate }),
});

export const companyFunding = (entity: string, label: string): FundingPanel => ({
  id: entity,
  label,
  of(q) {
    const company = q.companies.find((c) => c.entity === entity);
    const funding = q.funding.companies.find((c) => c.entity === entity);
    return company && funding ? { capexTtm: company.capexTtm, funding } : null;
  },
});

const NOT_SELECTED: Cell = { value: null, reasons: [{ kind: "nothing_selected", message: "not selected" }] };

/** Capex TTM against operating cash flow TTM for one panel, with its flag. */
export function fundingRows(quarters: ThesisQuarter[], panel: FundingPanel): Row[] {
  return quarters.map((q) => {
    const found = panel.of(q);
    if (!found)
      return {
        quarter: quarterCell(q),
        capexTtm: NOT_SELECTED,
        ocfTtm: NOT_SELECTED,
        fcfTtm: NOT_SELECTED,
        capexToOcf: NOT_SELECTED,
        funding: NOT_SELECTED,
      };
    const { capexTtm, funding } = found;
    return {
      quarter: quarterCell(q),
      capexTtm: cell(capexTtm, { basis: "derived" }),
      ocfTtm: cell(funding.ocfTtm),
      fcfTtm: cell(funding.fcfTtm),
      capexToOcf: cell(funding.capexToOcf),
      funding:
        funding.flag.status === "unknown" ? { value: funding.flag.status, reasons: funding.flag.reasons } : { value: funding.flag.status },
    };
  });
}

export function depreciationRows(quarters: ThesisQuarter[]): Row[] {
  return quarters.map((q) => ({
    quarter: quarterCell(q),
    capexTtm: cell(q.aggregate.capexTtm, { basis: "derived" }),
    daTtm: cell(q.funding.aggregate.daTtm),
    daTtmYoY: cell(q.funding.aggregate.daTtmYoY),
    capexToDa: cell(q.funding.aggregate.capexToDa),
  }));
}
