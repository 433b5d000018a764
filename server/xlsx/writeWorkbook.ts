// A table export as an XLSX workbook (exceljs) that stands on its own: the table's sheet with a
// frozen header and number formats, then "Sources and method" with the data version, the
// parameters, the formulas and every source. Text cells are neutralised as in CSV.
import ExcelJS from "exceljs";
import { neutralise } from "../csv/writeCsv.ts";
import type { TableExport } from "../domain/exportTables.ts";
import type { Cell, Column, ColumnKind, Table } from "../domain/table.ts";

/**
 * Amounts stay USD millions in the cell, so they equal the CSV and JSON and sum as the data set does;
 * the format's trailing comma divides the display by 1,000: 84,300 shows as $84.3B.
 */
const NUMBER_FORMATS: Record<ColumnKind, string> = {
  usd_m: '"$"#,##0.0,"B"',
  percent: "0.0%",
  growth: "+0.0%;-0.0%;0.0%",
  multiple: '0.00"x"',
  number: "General",
  years: "0.00",
  text: "@",
  quarter: "@",
};

export const SOURCES_SHEET = "Sources and method";

const cellOf = (cell: Cell | undefined) => (typeof cell?.value === "string" ? neutralise(cell.value) : (cell?.value ?? null));

/** Wide enough for the header and the longest text, within reason. */
function widthOf(column: Column, table: Table): number {
  const texts = table.rows.map((row) => row[column.key]?.value).filter((value) => typeof value === "string");
  return Math.min(60, Math.max(10, column.header.length + 2, ...texts.map((text) => text.length + 1)));
}

function addTableSheet(workbook: ExcelJS.Workbook, name: string, table: Table) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.columns.map((column) => ({
    key: column.key,
    header: neutralise(column.header),
    width: widthOf(column, table),
    style: { numFmt: NUMBER_FORMATS[column.kind] },
  }));
  for (const row of table.rows) sheet.addRow(table.columns.map((column) => cellOf(row[column.key])));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
}

function addSourcesSheet(workbook: ExcelJS.Workbook, doc: TableExport) {
  const sheet = workbook.addWorksheet(SOURCES_SHEET);
  sheet.columns = [
    { width: 45 },
    { width: 60, style: { alignment: { wrapText: true, vertical: "top" } } },
    { width: 14 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
  ];
  const heading = (text: string) => {
    sheet.addRow([]);
    sheet.addRow([text]).font = { bold: true };
  };
  const pairs = (entries: readonly (readonly [string, string])[]) => {
    for (const [term, text] of entries) sheet.addRow([neutralise(term), neutralise(text)]);
  };

  sheet.addRow([`AI Capex Monitor: ${doc.name} export`]).font = { bold: true, size: 14 };
  sheet.addRow(["Data version", doc.dataVersion]);
  pairs([
    ["Amounts", "USD millions in each cell, displayed as USD billions with one decimal ($84.3B); raw values are in millions of their unit"],
    ["Percentages and ratios", "Fractions in each cell, displayed as 12.3% and 1.25x"],
    ["Missing values", "An empty cell, with the reason in the column beside it; never a zero"],
    ["Text cells", "A text that began with =, +, -, @, a tab or a carriage return carries a leading apostrophe, so no cell is a formula"],
  ]);
  heading("Parameters");
  pairs(Object.entries(doc.parameters));
  if (doc.formulas.length > 0) {
    heading("Formulas (README, Methodology)");
    pairs(doc.formulas);
  }
  heading(`Sources (${doc.sources.rows.length})`);
  sheet.addRow(doc.sources.columns.map((column) => neutralise(column.header))).font = { bold: true };
  for (const row of doc.sources.rows) sheet.addRow(doc.sources.columns.map((column) => cellOf(row[column.key])));
}

export async function writeWorkbook(doc: TableExport): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "AI Capex Monitor";
  addTableSheet(workbook, doc.name, doc.table);
  addSourcesSheet(workbook, doc);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
