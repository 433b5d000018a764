// CSV text -> records that remember the line they start on, so every problem can name its line
// even when a quoted field spans several lines. RFC 4180 parsing is papaparse's.
import Papa from "papaparse";

export interface Problem {
  file: string;
  /** 1-based line in the file where the row starts (the header is line 1). */
  line: number;
  column: string;
  value: string;
  message: string;
}

export interface CsvRecord {
  line: number;
  /** Cells keyed by lower-cased header name. */
  cells: Record<string, string>;
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
  problems: Problem[];
}

const BYTE_ORDER_MARK = "\uFEFF";

export function readCsv(file: string, input: string): CsvTable {
  const text = input.startsWith(BYTE_ORDER_MARK) ? input.slice(1) : input;
  const rows: { line: number; cells: string[] }[] = [];
  const problems: Problem[] = [];
  let scanned = 0;
  let line = 1;
  // papaparse reports where each row ends; the next row starts after any blank lines it skipped.
  const advanceTo = (offset: number) => {
    for (; scanned < offset; scanned++) if (text.charCodeAt(scanned) === 10) line++;
  };
  let rowStart = 0;
  Papa.parse<string[]>(text, {
    delimiter: ",",
    skipEmptyLines: "greedy",
    step: (result) => {
      let start = rowStart;
      while (start < text.length && /\s/.test(text[start]!)) start++;
      advanceTo(start);
      const rowLine = line;
      for (const error of result.errors) {
        problems.push({ file, line: rowLine, column: "", value: "", message: `malformed CSV: ${error.message.toLowerCase()}` });
      }
      rows.push({ line: rowLine, cells: result.data });
      rowStart = result.meta.cursor;
    },
  });

  const headerRow = rows.shift();
  if (!headerRow) {
    return { header: [], records: [], problems: [{ file, line: 1, column: "", value: "", message: "the file is empty: expected a header row" }] };
  }
  const header = headerRow.cells.map((name) => name.trim().toLowerCase());
  const seen = new Set<string>();
  header.forEach((name) => {
    if (seen.has(name)) problems.push({ file, line: 1, column: name, value: name, message: "the column appears twice in the header" });
    seen.add(name);
  });

  const records = rows.map(({ line: rowLine, cells }) => {
    if (cells.length !== header.length) {
      problems.push({
        file,
        line: rowLine,
        column: "",
        value: "",
        message: `the row has ${cells.length} fields; the header has ${header.length}`,
      });
    }
    const record: Record<string, string> = {};
    header.forEach((name, index) => (record[name] = (cells[index] ?? "").trim()));
    return { line: rowLine, cells: record };
  });
  return { header, records, problems };
}

/** Problems about the header itself: required columns missing, columns nobody knows. */
export function headerProblems(file: string, header: string[], known: readonly string[], required: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  for (const name of required) {
    if (!header.includes(name)) problems.push({ file, line: 1, column: name, value: "", message: `required column "${name}" is missing` });
  }
  for (const name of header) {
    if (!known.includes(name)) {
      problems.push({ file, line: 1, column: name, value: name, message: `unknown column; expected columns: ${known.join(", ")}` });
    }
  }
  return problems;
}
