// CSV text -> records that remember the line they start on, so every problem can name its line
// even when a quoted field spans several lines. RFC 4180 parsing is papaparse's; the delimiter
// (comma, semicolon or tab, as spreadsheets in different locales export, or the pipe of database
// dumps) is read off the header. A file that is not text in UTF-8 at all (UTF-16, a workbook) is
// named for what it is, in one problem, rather than as a header of garbled columns.

import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import Papa from "papaparse";
import { DELIMITERS, type Delimiter } from "../domain/csvFormat.ts";
import type { Problem } from "../domain/problem.ts";

export interface CsvRecord {
  line: number;
  /** Cells keyed by lower-cased header name. */
  cells: Record<string, string>;
}

export interface CsvTable {
  delimiter: Delimiter;
  header: string[];
  records: CsvRecord[];
  problems: Problem[];
}

const BYTE_ORDER_MARK = "\uFEFF";
/** What a decoder puts where the bytes were not UTF-8. */
const REPLACEMENT_CHARACTER = "\uFFFD";

/** Uploaded bytes as text; a byte order mark is kept so the text hashes like the file. Bytes that
 * are not UTF-8 become U+FFFD, which readCsv reports at their line and column. */
export function decodeUtf8(bytes: ArrayBuffer | Uint8Array): string {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

/** The start of an .xlsx (a zip archive) or of an .xls (an OLE compound file), as decoded text. */
const WORKBOOK_SIGNATURES = ["PK\u0003\u0004", "\uFFFD\uFFFD\u0011\u0871\u001A"];
/** Enough text to tell an encoding from: the header line of any real file fits. */
const SNIFFED_CHARACTERS = 4096;

/**
 * Why the text cannot be a CSV file in UTF-8, or null. UTF-16 (what Excel's "Unicode Text" and
 * some exports write) decodes with a NUL beside every ASCII letter; a workbook starts with its
 * signature.
 */
export function encodingProblem(file: string, text: string): Problem | null {
  const start = text.slice(0, SNIFFED_CHARACTERS);
  const at = { file, line: 1, column: "field 1", value: "" };
  if (WORKBOOK_SIGNATURES.some((signature) => start.startsWith(signature)))
    return { ...at, message: 'the file is an Excel workbook, not CSV: in Excel choose File > Save As > "CSV UTF-8 (Comma delimited)"' };
  if (start.includes("\u0000"))
    return {
      ...at,
      message:
        'the file is UTF-16 text (Excel\'s "Unicode Text"), not UTF-8: in Excel choose File > Save As > "CSV UTF-8 (Comma delimited)"',
    };
  return null;
}

/** The delimiter that occurs most often outside quotes on the first non-blank line; comma on a tie. */
export function detectDelimiter(text: string): Delimiter {
  const names = Object.keys(DELIMITERS) as Delimiter[];
  const counts = Object.fromEntries(names.map((name) => [name, 0])) as Record<Delimiter, number>;
  let quoted = false;
  for (let i = Math.max(text.search(/\S/), 0); i < text.length; i++) {
    const char = text.charAt(i);
    if (char === '"') quoted = !quoted;
    if (quoted) continue;
    if (char === "\n" || char === "\r") break;
    const name = names.find((candidate) => DELIMITERS[candidate] === char);
    if (name) counts[name]++;
  }
  return names.reduce((best, name) => (counts[name] > counts[best] ? name : best), "comma");
}

/** The header row, read before any record: its names (lower-cased), delimiter and problems. */
export interface CsvHead {
  delimiter: Delimiter;
  header: string[];
  problems: Problem[];
}

/** Handles one record with the problems found in its structure (field count, quoting, encoding). */
export type RecordHandler = (record: CsvRecord, problems: Problem[]) => void;

/**
 * Turns papaparse's rows into records with their line numbers: it counts each row's own line
 * breaks (a quoted field may hold some) and skips blank lines itself, so the same counting works
 * for a string and for a stream read in chunks.
 */
function recordReader(file: string, delimiter: Delimiter, begin: (head: CsvHead) => RecordHandler | null) {
  const head: CsvHead = { delimiter, header: [], problems: [] };
  let handler: RecordHandler | null = null;
  let seenHeader = false;
  let rowCount = 0;
  let line = 1;
  return {
    row(cells: string[], parseError: { message: string } | undefined, linebreak: string) {
      const rowLine = line;
      line += 1 + lineBreaksWithin(cells, linebreak);
      if (!seenHeader && rowLine === 1 && cells[0]?.startsWith(BYTE_ORDER_MARK)) cells[0] = cells[0].slice(1);
      if (cells.every((cell) => cell.trim() === "")) return;
      const error = parseError ? `malformed CSV: ${parseError.message.toLowerCase()}` : null;
      if (!seenHeader) {
        seenHeader = true;
        readHead(file, head, cells, error);
        handler = begin(head);
        return;
      }
      rowCount++;
      if (handler) {
        const problems: Problem[] = [];
        handler(recordOf(file, head.header, rowLine, cells, error, problems), problems);
      }
    },
    end(): CsvHead & { rowCount: number } {
      if (!seenHeader) {
        head.problems.push({ file, line: 1, column: "field 1", value: "", message: "the file is empty: expected a header row" });
        begin(head);
      }
      return { ...head, rowCount };
    },
  };
}

/**
 * The line breaks inside a row's fields (\r\n, \r or \n, each one break, as editors count them),
 * less the half of a \r\n pair the parser split a row at when it took \r or \n alone as the
 * line break.
 */
function lineBreaksWithin(cells: string[], linebreak: string): number {
  let breaks = 0;
  for (const cell of cells) breaks += cell.match(LINE_BREAK)?.length ?? 0;
  if (linebreak === "\r" && cells[0]?.startsWith("\n")) breaks--;
  if (linebreak === "\n" && cells.at(-1)?.endsWith("\r")) breaks--;
  return breaks;
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Reads the text one record at a time, so a large file is never held as rows: `begin` sees the
 * header and returns the handler for the records (or null to only count them).
 */
export function readCsvRecords(
  file: string,
  input: string,
  begin: (head: CsvHead) => RecordHandler | null,
): CsvHead & { rowCount: number } {
  const text = input.startsWith(BYTE_ORDER_MARK) ? input.slice(1) : input;
  const unreadable = encodingProblem(file, text);
  if (unreadable) return unreadableFile(unreadable, begin);
  const delimiter = detectDelimiter(text);
  const reader = recordReader(file, delimiter, begin);
  Papa.parse<string[]>(text, {
    delimiter: DELIMITERS[delimiter],
    step: (result) => reader.row(result.data, result.errors[0], result.meta.linebreak),
  });
  return reader.end();
}

/** The same for a file on disk, read as a stream: neither its text nor its rows are ever held whole. */
export async function readCsvFileRecords(
  file: string,
  path: string,
  begin: (head: CsvHead) => RecordHandler | null,
): Promise<CsvHead & { rowCount: number }> {
  const start = firstBytes(path);
  const unreadable = encodingProblem(file, start);
  if (unreadable) return unreadableFile(unreadable, begin);
  const delimiter = detectDelimiter(start);
  const reader = recordReader(file, delimiter, begin);
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(path, { encoding: "utf8" });
    stream.on("error", reject);
    Papa.parse<string[]>(stream, {
      delimiter: DELIMITERS[delimiter],
      step: (result) => reader.row(result.data, result.errors[0], result.meta.linebreak),
      complete: () => resolve(),
      error: reject,
    });
  });
  return reader.end();
}

/** A file read no further than its encoding: one problem, no header, no records. */
function unreadableFile(problem: Problem, begin: (head: CsvHead) => RecordHandler | null): CsvHead & { rowCount: number } {
  const head: CsvHead = { delimiter: "comma", header: [], problems: [problem] };
  begin(head);
  return { ...head, rowCount: 0 };
}

/** Enough of a file to find its delimiter on the header line and tell its encoding. */
function firstBytes(path: string): string {
  const buffer = Buffer.alloc(64 * 1024);
  const descriptor = openSync(path, "r");
  try {
    return decodeUtf8(buffer.subarray(0, readSync(descriptor, buffer, 0, buffer.length, 0))).replace(BYTE_ORDER_MARK, "");
  } finally {
    closeSync(descriptor);
  }
}

/** Header names, lower-cased; a blank one is named by its position (`field 3`) so problems can name it. */
function readHead(file: string, head: CsvHead, cells: string[], error: string | null): void {
  head.header = cells.map((name, index) => name.trim().toLowerCase() || `field ${index + 1}`);
  const seen = new Set<string>();
  for (const name of head.header) {
    if (seen.has(name)) head.problems.push({ file, line: 1, column: name, value: name, message: "the column appears twice in the header" });
    seen.add(name);
  }
  if (error) head.problems.push({ file, line: 1, column: head.header.at(-1) ?? "", value: "", message: error });
}

/** The record's cells by header name; what is wrong with its structure goes to `problems`. */
function recordOf(file: string, header: string[], line: number, cells: string[], error: string | null, problems: Problem[]): CsvRecord {
  // The first column a short row lacks, and the first field a long row has beyond the header.
  const missing = header[cells.length];
  const extra = cells[header.length];
  // A broken quote swallows the rest of the row into the field where it opened: the last one read.
  if (error) problems.push({ file, line, column: header[cells.length - 1] ?? `field ${cells.length}`, value: "", message: error });
  else if (missing !== undefined) {
    problems.push({
      file,
      line,
      column: missing,
      value: "",
      message: `the row has ${cells.length} fields; the header has ${header.length}: this column and those after it are missing`,
    });
  } else if (extra !== undefined) {
    problems.push({
      file,
      line,
      column: `field ${header.length + 1}`,
      value: extra,
      message: `the row has ${cells.length} fields; the header has ${header.length}`,
    });
  }
  const record: Record<string, string> = {};
  let index = 0;
  for (const name of header) {
    const cell = (cells[index++] ?? "").trim();
    if (cell.includes(REPLACEMENT_CHARACTER)) {
      problems.push({ file, line, column: name, value: cell, message: "the text is not UTF-8: save the file as CSV UTF-8" });
    }
    record[name] = cell;
  }
  return { line, cells: record };
}

/** The whole table at once, for the small catalog files. */
export function readCsv(file: string, input: string): CsvTable {
  const records: CsvRecord[] = [];
  const problems: Problem[] = [];
  const head = readCsvRecords(file, input, () => (record, found) => {
    records.push(record);
    problems.push(...found);
  });
  return { delimiter: head.delimiter, header: head.header, records, problems: [...head.problems, ...problems] };
}

/** Problems about the header itself: required columns missing, columns nobody knows. */
export function headerProblems(
  file: string,
  header: string[],
  known: readonly string[],
  required: readonly string[],
  expected = known.join(", "),
): Problem[] {
  const problems: Problem[] = [];
  const present = new Set(header);
  const knownColumns = new Set(known);
  for (const name of required) {
    if (!present.has(name)) problems.push({ file, line: 1, column: name, value: "", message: `required column "${name}" is missing` });
  }
  for (const name of header) {
    if (!knownColumns.has(name)) {
      problems.push({ file, line: 1, column: name, value: name, message: `unknown column; expected columns: ${expected}` });
    }
  }
  return problems;
}
