// Numbers the way analysts write them (the domain's formats, so the flag's sentences and the
// dashboard agree), and the bases of figures in words.

export {
  exactMillions as formatExact,
  growth as formatGrowth,
  multiple as formatMultiple,
  percent as formatPercent,
  usdBillions as formatUsdBillions,
} from "../../../server/domain/format.ts";
export { formatPeriod } from "../../../server/domain/periods.ts";

const BASIS_LABELS: Record<string, string> = {
  reported: "reported",
  derived: "derived from reported figures",
  restated: "restated in a later filing",
  estimate: "estimate",
  run_rate: "run-rate",
};

export function describeBasis(basis: string): string {
  return BASIS_LABELS[basis] ?? basis;
}

/** An ISO timestamp as `2026-05-02 14:07 UTC`. */
export const formatTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
