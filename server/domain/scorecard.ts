// The scorecard: the latest verdict of the coverage flag, how long it has held, and the headline
// numbers, each from the latest quarter that has it (a new quarter of capex alone leaves operating
// cash flow a quarter behind: its headline stays on the quarter it is known for, and says which).

import { type Computed, type Reason, reasonText } from "./computed.ts";
import type { KillerAppFlag, KnownStatus } from "./killerAppFlag.ts";

/** The headline numbers of a quarter, in USD millions (ratios as fractions). */
export interface Headline {
  capexTtm: Computed;
  capexTtmYoY: Computed;
  aiRevenueAnnualized: Computed;
  aiRevenueYoY: Computed;
  coverage: Computed;
  coverageYoY: Computed;
  dollarGap: Computed;
  dollarGapYoY: Computed;
  sequoiaRequiredRevenue: Computed;
  /** Aggregate capex TTM / operating cash flow TTM, and its change over a year. */
  capexToOcf: Computed;
  capexToOcfYoY: Computed;
  /** Aggregate free cash flow TTM (OCF TTM - capex TTM), and its change over a year. */
  freeCashFlow: Computed;
  freeCashFlowYoY: Computed;
}

/** Each headline number with the change beside it, which is of the same quarter. */
const CHANGE_OF = {
  capexTtm: "capexTtmYoY",
  aiRevenueAnnualized: "aiRevenueYoY",
  coverage: "coverageYoY",
  dollarGap: "dollarGapYoY",
  sequoiaRequiredRevenue: null,
  capexToOcf: "capexToOcfYoY",
  freeCashFlow: "freeCashFlowYoY",
} as const satisfies Partial<Record<keyof Headline, keyof Headline | null>>;

/** A headline number and the quarter it is of. */
export type Dated = Computed & { quarter: string };
export type DatedHeadline = Record<keyof Headline, Dated>;

export interface ScorecardQuarter {
  quarter: string;
  flag: KillerAppFlag;
  headline: Headline;
}

export type Scorecard =
  | { quarter: string; status: KnownStatus; explanation: string; streak: number; headline: DatedHeadline; reasons?: undefined }
  /** No quarter has a known flag: `explanation` says so, `reasons` are why the latest quarter's is unknown. */
  | { quarter: null; status: "unknown"; explanation: string; reasons: readonly Reason[] };

/**
 * The latest quarter whose flag is known. Its streak counts the consecutive quarters ending there
 * with the same status (an unknown quarter breaks it); quarters arrive in order, oldest first.
 */
export function scorecard(quarters: readonly ScorecardQuarter[]): Scorecard {
  const latest = quarters.findLastIndex((q) => q.flag.status !== "unknown");
  const entry = quarters[latest];
  if (!entry || entry.flag.status === "unknown") {
    const last = quarters[quarters.length - 1];
    if (!last) return { quarter: null, status: "unknown", explanation: "no quarters to score", reasons: [] };
    const reasons = last.flag.reasons ?? [];
    const explanation = `no quarter up to ${last.quarter} has a known flag; the latest is unknown because ${reasonText(reasons)}`;
    return { quarter: null, status: "unknown", explanation, reasons };
  }
  let start = latest;
  // quarters[-1] is undefined: the run stops at the first quarter.
  while (quarters[start - 1]?.flag.status === entry.flag.status) start--;
  return {
    quarter: entry.quarter,
    status: entry.flag.status,
    explanation: entry.flag.explanation,
    streak: latest - start + 1,
    headline: latestHeadline(quarters),
  };
}

/**
 * Each headline number from the latest quarter that has it, with its change from that quarter;
 * one no quarter has is the last quarter's, with its reasons.
 */
export function latestHeadline(quarters: readonly ScorecardQuarter[]): DatedHeadline {
  const headline: Partial<DatedHeadline> = {};
  for (const [key, change] of Object.entries(CHANGE_OF) as [keyof typeof CHANGE_OF, keyof Headline | null][]) {
    const entry = quarters.findLast((q) => q.headline[key].value !== null) ?? quarters.at(-1);
    if (!entry) continue;
    headline[key] = { ...entry.headline[key], quarter: entry.quarter };
    if (change) headline[change] = { ...entry.headline[change], quarter: entry.quarter };
  }
  return headline as DatedHeadline;
}
