// A chart's numbers as a table: what the Table view shows and what its CSV download carries, from
// one definition, so the two cannot disagree.
import { describeBasis, formatGrowth, formatMultiple, formatPercent, formatPeriod, formatUsdBillions } from "./format.ts";

export type ColumnKind = "quarter" | "usd_m" | "percent" | "growth" | "multiple" | "years" | "text";

export interface ChartColumn {
  key: string;
  label: string;
  kind: ColumnKind;
}

export interface Cell {
  value: number | string | null;
  /** Why a value is missing, or how a shown value was obtained (interpolated, estimate...). */
  reason?: string;
  basis?: string;
  href?: string | null;
}

export type ChartRow = Record<string, Cell>;

export interface ChartTable {
  columns: ChartColumn[];
  rows: ChartRow[];
}

/** The units of raw numbers in CSV headers, in the exports' words (server/csv/writeCsv.ts). */
const UNIT_SUFFIX: Partial<Record<ColumnKind, string>> = {
  usd_m: " (USD m)",
  percent: " (fraction)",
  growth: " (fraction)",
  multiple: " (x)",
};

export function formatCell(kind: ColumnKind, value: number | string | null): string {
  if (value === null) return "—";
  if (typeof value === "string") return kind === "quarter" ? formatPeriod(value) : value;
  switch (kind) {
    case "usd_m":
      return formatUsdBillions(value);
    case "percent":
      return formatPercent(value);
    case "growth":
      return formatGrowth(value);
    case "multiple":
      return formatMultiple(value);
    case "years":
      return `year ${Number.isInteger(value) ? value : value.toFixed(2)}`;
    default:
      return String(value);
  }
}

/** The tooltip-style note of a cell: its basis, or why it is missing. */
export function cellNote(cell: Cell | undefined): string | undefined {
  if (!cell) return undefined;
  const parts = [cell.basis && cell.basis !== "reported" ? describeBasis(cell.basis) : null, cell.reason ?? null].filter(Boolean);
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/**
 * The CSV's header and rows: raw numbers in their unit (USD millions, ratios as fractions) so a
 * spreadsheet can compute with them, and one notes column per value column that has any note.
 */
export function csvRecords(table: ChartTable): { header: string[]; rows: (string | number)[][] } {
  const noted = table.columns.filter((column) => table.rows.some((row) => cellNote(row[column.key])));
  const header = [
    ...table.columns.map((column) => `${column.label}${UNIT_SUFFIX[column.kind] ?? ""}`),
    ...noted.map((column) => `${column.label} note`),
  ];
  const rows = table.rows.map((row) => [
    ...table.columns.map((column) => row[column.key]?.value ?? ""),
    ...noted.map((column) => cellNote(row[column.key]) ?? ""),
  ]);
  return { header, rows };
}
