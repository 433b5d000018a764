// Numbers the way analysts write them: USD billions with one decimal, quarters as `2025 Q3`.
export { formatPeriod } from "../../../server/domain/periods.ts";

const billions = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 84,300 (USD millions) -> `$84.3B`. */
export function formatUsdBillions(millions: number): string {
  const text = billions.format(Math.abs(millions) / 1000);
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
