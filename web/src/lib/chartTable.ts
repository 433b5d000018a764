// A chart's numbers as a table (the domain's one table model): what the Table view shows and what
// its CSV download carries, from one definition, so the two cannot disagree.
import { csvHeader } from "../../../server/csv/writeCsv.ts";
import type { Cell, ColumnKind, Table } from "../../../server/domain/table.ts";
import { describeBasis, formatExact, formatGrowth, formatMultiple, formatPercent, formatPeriod, formatUsdBillions } from "./format.ts";
import { describeReasons, type Names } from "./reasons.ts";

export type { Cell, Column, ColumnKind, Row, Table } from "../../../server/domain/table.ts";
export { computedCell } from "../../../server/domain/table.ts";

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
    case "number":
      return formatExact(value);
    default:
      return String(value);
  }
}

/** The tooltip-style note of a cell: its basis, how it was obtained, or why it is missing. */
export function cellNote(cell: Cell | undefined, names: Names): string | undefined {
  if (!cell) return undefined;
  const parts = [
    cell.basis && cell.basis !== "reported" ? describeBasis(cell.basis) : null,
    cell.note ?? null,
    cell.reasons?.length ? describeReasons(cell.reasons, names) : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/**
 * The CSV's header and rows: raw numbers in their unit (USD millions, ratios as fractions) so a
 * spreadsheet can compute with them, and one notes column per value column that has any note.
 */
export function csvRecords(table: Table, names: Names): { header: string[]; rows: (string | number)[][] } {
  const noted = table.columns.filter((column) => table.rows.some((row) => cellNote(row[column.key], names)));
  const header = [...table.columns.map(csvHeader), ...noted.map((column) => `${column.header} note`)];
  const rows = table.rows.map((row) => [
    ...table.columns.map((column) => row[column.key]?.value ?? ""),
    ...noted.map((column) => cellNote(row[column.key], names) ?? ""),
  ]);
  return { header, rows };
}
