// The data of the thesis charts, with no pixels: /api/thesis quarters -> rows of cells (value, or
// the reason it is missing, with how it was obtained), so charts, tables and CSVs share one source.

import type { ThesisQuarter, ThesisResponse } from "../../lib/api.ts";
import type { Cell, ChartRow } from "../../lib/chartTable.ts";

type Computed = { value: number | null; reason?: string };

const cell = (computed: Computed, extra: Partial<Cell> = {}): Cell =>
  computed.value === null ? { value: null, reason: computed.reason } : { value: computed.value, ...extra };

const quarterCell = (q: ThesisQuarter): Cell => ({ value: q.quarter });

/** How the AI revenue total was obtained: the weakest link among its parts, for hollow markers. */
export function aiRevenueBasis(q: ThesisQuarter): Pick<Cell, "basis" | "reason"> {
  const entities = q.aiRevenue.entities;
  const how = entities.map((e) => `${e.entity} ${e.how ?? "missing"}`).join(", ");
  const estimated = entities.some((e) => e.from.some((point) => point.basis === "estimate"));
  const inferred = entities.some((e) => e.how === "interpolated" || e.how === "carried forward");
  return { basis: estimated ? "estimate" : "run_rate", reason: inferred || estimated ? how : undefined };
}

export function intensityRows(quarters: ThesisQuarter[]): ChartRow[] {
  return quarters.map((q) => ({
    quarter: quarterCell(q),
    ...Object.fromEntries(q.companies.map((c) => [c.entity, cell(c.intensity)])),
    aggregate: cell(q.aggregate.intensity),
  }));
}

export interface EarlierPeakLine {
  entity: string;
  value: number;
  quarter: string;
  /** Whether the latest quarter is above the earlier peak. */
  exceeded: boolean | null;
}

/** Each company's highest intensity before the latest quarter with a known intensity. */
export function earlierPeakLines(quarters: ThesisQuarter[]): EarlierPeakLine[] {
  const latest = quarters.findLast((q) => q.companies.some((c) => c.intensity.value !== null));
  if (!latest) return [];
  const lines = [...latest.companies.map((c) => ({ entity: c.entity, peak: c })), { entity: "aggregate", peak: latest.aggregate }];
  return lines.flatMap(({ entity, peak }) =>
    peak.earlierPeak.value === null || peak.earlierPeakQuarter === null
      ? []
      : [{ entity, value: peak.earlierPeak.value, quarter: peak.earlierPeakQuarter, exceeded: peak.aboveEarlierPeak.value }],
  );
}

export function revenueVsCapexRows(quarters: ThesisQuarter[]): ChartRow[] {
  return quarters.map((q) => ({
    quarter: quarterCell(q),
    capexTtm: cell(q.aggregate.capexTtm, { basis: "derived" }),
    cloudRevenueTtm: cell(q.aggregate.cloudRevenueTtm, { basis: "derived" }),
    capexToCloud: cell(q.aggregate.capexToCloudRevenue),
    aiRevenue: cell(q.aiRevenue.total, aiRevenueBasis(q)),
  }));
}

export function coverageRows(quarters: ThesisQuarter[]): ChartRow[] {
  return quarters.map((q) => ({
    quarter: quarterCell(q),
    coverage: cell(q.coverage),
    dollarGap: cell(q.dollarGap),
    flag: { value: q.flag.status, reason: q.flag.explanation },
  }));
}

export function sequoiaRows(quarters: ThesisQuarter[]): ChartRow[] {
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
export function earlierCycleRows(cycles: CycleSeries[]): ChartRow[] {
  const ages = [...new Set(cycles.flatMap((c) => c.points.map((p) => p.yearsSinceStart)))].sort((a, b) => a - b);
  return ages.map((years) => ({
    years: { value: years },
    ...Object.fromEntries(
      cycles.map((c) => {
        const point = c.points.find((p) => p.yearsSinceStart === years);
        return [c.id, point ? cell(point.value) : { value: null, reason: `${c.label}: no data ${years} years after ${c.startQuarter}` }];
      }),
    ),
  }));
}

type FundingQuarter = ThesisQuarter["funding"]["aggregate"];

/** Capex TTM against operating cash flow TTM for one company (or "aggregate"), with its flag. */
export function fundingRows(quarters: ThesisQuarter[], entity: string): ChartRow[] {
  return quarters.map((q) => {
    const funding: FundingQuarter | undefined =
      entity === "aggregate" ? q.funding.aggregate : q.funding.companies.find((c) => c.entity === entity);
    const capexTtm = entity === "aggregate" ? q.aggregate.capexTtm : q.companies.find((c) => c.entity === entity)!.capexTtm;
    return {
      quarter: quarterCell(q),
      capexTtm: cell(capexTtm, { basis: "derived" }),
      ocfTtm: funding ? cell(funding.ocfTtm) : { value: null, reason: `${entity} not selected` },
      fcfTtm: funding ? cell(funding.fcfTtm) : { value: null },
      capexToOcf: funding ? cell(funding.capexToOcf) : { value: null },
      funding: funding
        ? { value: funding.flag.status, reason: funding.flag.status === "unknown" ? funding.flag.reason : undefined }
        : { value: null },
    };
  });
}

export function depreciationRows(quarters: ThesisQuarter[]): ChartRow[] {
  return quarters.map((q) => ({
    quarter: quarterCell(q),
    capexTtm: cell(q.aggregate.capexTtm, { basis: "derived" }),
    daTtm: cell(q.funding.aggregate.daTtm),
    daTtmYoY: cell(q.funding.aggregate.daTtmYoY),
    capexToDa: cell(q.funding.aggregate.capexToDa),
  }));
}
