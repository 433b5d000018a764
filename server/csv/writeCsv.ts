// Rows -> CSV text that opens cleanly in a spreadsheet and can never run a formula. Used by the
// server's exports and the dashboard's per-chart downloads alike, so it imports nothing from node.
import Papa from "papaparse";
import type { Cell, Column, ColumnKind, Row } from "../domain/table.ts";

/**
 * OWASP "CSV Injection": a spreadsheet may evaluate a text cell that begins with one of these, so
 * such a cell gets a leading apostrophe. Numbers are not text: a negative number stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** CSV carries raw numbers, so its header says their unit. */
const UNIT: Record<ColumnKind, string | null> = {
  usd_m: "USD m",
  percent: "fraction",
  growth: "fraction",
  multiple: "x",
  number: null,
  years: null,
  text: null,
  quarter: null,
};

export function csvHeader({ header, kind }: Column): string {
  const unit = UNIT[kind];
  return unit ? `${header} (${unit})` : header;
}

type Plain = Cell["value"];

const fieldOf = (value: Plain | undefined): string | number => (typeof value === "string" ? neutralise(value) : (value ?? ""));

// Excel reads a CSV without a byte-order mark in the machine's legacy code page, not UTF-8.
const BYTE_ORDER_MARK = "\uFEFF";
const CRLF = "\r\n";

/**
 * RFC 4180 (papaparse's quoting): the header row, then the records, each ending in CRLF; a null is an
 * empty field and every text, headers included, is neutralised. For callers that build their own records.
 */
export function writeCsvRecords(header: readonly string[], records: readonly (readonly (Plain | undefined)[])[]): string {
  return BYTE_ORDER_MARK + Papa.unparse([header.map(fieldOf), ...records.map((record) => record.map(fieldOf))], { newline: CRLF }) + CRLF;
}

/** A table's columns and rows as CSV, headers naming the unit of raw numbers. */
export function writeCsv(columns: readonly Column[], rows: readonly Row[]): string {
  return writeCsvRecords(
    columns.map(csvHeader),
    rows.map((row) => columns.map((column) => row[column.key]?.value)),
  );
}
