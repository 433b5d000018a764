// Numbers the way analysts write them: USD billions with one decimal, quarters as `2025 Q3`.
export { formatPeriod } from "../../../server/domain/periods.ts";

const oneDecimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 84,300 (USD millions) -> `$84.3B`. */
export function formatUsdBillions(millions: number): string {
  const text = oneDecimal.format(Math.abs(millions) / 1000);
  return `${millions < 0 ? "-" : ""}$${text}B`;
}

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

/** 0.1745 -> `17.5%`. */
export function formatPercent(ratio: number): string {
  return `${oneDecimal.format(ratio * 100)}%`;
}

/** Growth with a sign: 0.62 -> `+62.0%`, -0.05 -> `-5.0%`. */
export function formatGrowth(ratio: number): string {
  return `${ratio > 0 ? "+" : ratio < 0 ? "-" : ""}${oneDecimal.format(Math.abs(ratio) * 100)}%`;
}

/** A multiple: 2 -> `2.0x`. */
export function formatMultiple(value: number): string {
  return `${oneDecimal.format(value)}x`;
}
