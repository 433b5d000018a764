// A CSV file as a grid of text cells, read and written back as papaparse writes it (RFC 4180), so
// a script can change some cells of a data file and leave every other byte as it was.
import Papa from "papaparse";

export interface CsvGrid {
  header: string[];
  rows: string[][];
  /** Whether the text ended with a newline after its last record. */
  trailingNewline: boolean;
}

/** The grid, or the first parse error as "message (row n)". */
export function readCsvGrid(text: string, newline: "\n" | "\r\n"): CsvGrid | { error: string } {
  const parsed = Papa.parse<string[]>(text, { newline });
  const [error] = parsed.errors;
  if (error) return { error: `${error.message} (row ${error.row})` };
  const [header = [], ...rows] = parsed.data;
  // papaparse reads the newline after the last record as one empty row.
  const last = rows.at(-1);
  const trailingNewline = last?.length === 1 && last[0] === "";
  if (trailingNewline) rows.pop();
  return { header, rows, trailingNewline };
}

export function writeCsvGrid({ header, rows, trailingNewline }: CsvGrid, newline: "\n" | "\r\n"): string {
  return Papa.unparse([header, ...rows], { newline }) + (trailingNewline ? newline : "");
}
