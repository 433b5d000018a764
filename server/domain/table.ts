// One table model for every table the product shows or exports: the dashboard's Table views and
// chart CSVs, and the thesis, companies and observations exports (CSV, XLSX, JSON). A column says
// what its cells hold; a cell is a value or null (never 0 for missing), with why and how beside it.

import type { Computed, Reason } from "./computed.ts";

/**
 * `usd_m` USD millions (shown as $84.3B), `percent` and `growth` fractions (17.5%, +62.0%),
 * `multiple` a ratio shown as 1.25x, `number` a plain number (a raw value in millions of its row's
 * unit, a count), `years` years since a start, `text`, `quarter` a `YYYY-Qn` label.
 */
export type ColumnKind = "quarter" | "usd_m" | "percent" | "growth" | "multiple" | "number" | "years" | "text";

export interface Column {
  key: string;
  header: string;
  kind: ColumnKind;
}

export interface Cell {
  value: number | string | null;
  /** Why a value is missing. */
  reasons?: readonly Reason[];
  /** How a shown value was obtained (interpolated, a fiscal label, ...). */
  note?: string;
  basis?: string;
  /** Where the figure was read. */
  href?: string | null;
}

export type Row = Record<string, Cell>;

export interface Table {
  columns: Column[];
  rows: Row[];
}

/** A computed value as a cell: the value, or null with its reasons. */
export function computedCell(computed: Computed<number | string>, extra: Omit<Cell, "value" | "reasons"> = {}): Cell {
  return computed.value === null ? { value: null, reasons: computed.reasons } : { value: computed.value, ...extra };
}

/** Each row as plain values under the columns' keys, as CSV and JSON carry them. */
export function plainRows(table: Table): Record<string, Cell["value"]>[] {
  return table.rows.map((row) => Object.fromEntries(table.columns.map(({ key }) => [key, row[key]?.value ?? null])));
}
