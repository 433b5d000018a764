import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type CsvHead,
  type CsvRecord,
  decodeUtf8,
  detectDelimiter,
  readCsv,
  readCsvFileRecords,
  readCsvRecords,
} from "../../../server/csv/readCsv.ts";
import type { Problem } from "../../../server/domain/problem.ts";

describe("detectDelimiter", () => {
  it.each([
    ["a,b,c\n1;2;3", "comma"],
    ["a;b;c\n1,2,3", "semicolon"],
    ["a\tb\tc\n1,2,3", "tab"],
    ["entity|metric|value\n1,2,3", "pipe"],
    ['"a;b",c,d', "comma"],
    ["\n\nentity;metric", "semicolon"],
    ["entity", "comma"],
  ])("reads %j as %s: the most frequent delimiter outside quotes on the first line", (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe("decodeUtf8", () => {
  it("keeps a byte order mark, so the text hashes like the file", () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe("\uFEFFa");
  });
});

describe("readCsv", () => {
  it("names the line and column of bytes that are not UTF-8", () => {
    const text = decodeUtf8(Buffer.from("entity,note\nMSFT,Soci\xe9t\xe9\n", "latin1"));
    expect(readCsv("f.csv", text).problems).toEqual([
      expect.objectContaining({ line: 2, column: "note", message: expect.stringMatching(/not UTF-8/) }),
    ]);
  });

  it.each([
    [
      "UTF-16 little-endian with its byte order mark",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("entity\tmetric\n", "utf16le")]),
      "UTF-16",
    ],
    ["UTF-16 big-endian without one", Buffer.from("entity,metric\n", "utf16le").swap16(), "UTF-16"],
    ["an .xlsx (a zip archive)", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), "an Excel workbook"],
    ["an .xls (an OLE compound file)", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "an Excel workbook"],
  ])("names %s for what it is, in one problem on line 1, and reads no record", (_, bytes, kind) => {
    const table = readCsv("f.csv", decodeUtf8(bytes));
    expect(table.problems).toEqual([
      { file: "f.csv", line: 1, column: "field 1", value: "", message: expect.stringContaining(`the file is ${kind}`) },
    ]);
    expect(table.records).toEqual([]);
  });

  it("reports an empty file on line 1", () => {
    expect(readCsv("f.csv", "\n\n").problems).toEqual([
      expect.objectContaining({ line: 1, message: "the file is empty: expected a header row" }),
    ]);
  });
});

describe("readCsvRecords line numbers", () => {
  const linesOf = (text: string) => {
    const lines: number[] = [];
    readCsvRecords("f.csv", text, () => (record) => lines.push(record.line));
    return lines;
  };

  it.each([
    ["LF", "a,b\n1,2\n3,4\n", [2, 3]],
    ["CRLF", "a,b\r\n1,2\r\n3,4\r\n", [2, 3]],
    ["CR", "a,b\r1,2\r3,4\r", [2, 3]],
    ["blank lines skipped but counted", "a,b\n\n1,2\n  \n3,4\n", [3, 5]],
    ["a quoted field over two lines", 'a,b\n1,"x\ny"\n3,4\n', [2, 4]],
    ["CR line breaks with a CRLF pair among them, one break", "a,b\r \n1,2\r\n3,4\r", [2, 4]],
  ])("numbers rows as an editor does: %s", (_, text, expected) => {
    expect(linesOf(text)).toEqual(expected);
  });
});

describe("the read stage: readCsvRecords and readCsvFileRecords", () => {
  /** A `begin` that keeps every head it is given and every record with its problems. */
  function collector() {
    const heads: CsvHead[] = [];
    const records: { record: CsvRecord; problems: Problem[] }[] = [];
    const begin = (head: CsvHead) => {
      heads.push(structuredClone(head));
      return (record: CsvRecord, problems: Problem[]) => records.push({ record, problems });
    };
    return { heads, records, begin };
  }

  it("hands each record, by lower-cased header name, with the problems of its own structure, and counts the rows", () => {
    const { heads, records, begin } = collector();
    const end = readCsvRecords("f.csv", " Entity ;VALUE\nMSFT; 1 \nAMZN\n\nNVDA;3;x\n", begin);
    expect(heads).toEqual([{ delimiter: "semicolon", header: ["entity", "value"], problems: [] }]);
    expect(records).toEqual([
      { record: { line: 2, cells: { entity: "MSFT", value: "1" } }, problems: [] },
      {
        record: { line: 3, cells: { entity: "AMZN", value: "" } },
        problems: [
          {
            file: "f.csv",
            line: 3,
            column: "value",
            value: "",
            message: "the row has 1 fields; the header has 2: this column and those after it are missing",
          },
        ],
      },
      {
        record: { line: 5, cells: { entity: "NVDA", value: "3" } },
        problems: [{ file: "f.csv", line: 5, column: "field 3", value: "x", message: "the row has 3 fields; the header has 2" }],
      },
    ]);
    expect(end).toEqual({ delimiter: "semicolon", header: ["entity", "value"], problems: [], rowCount: 3 });
  });

  it("only counts the records when `begin` gives no handler", () => {
    const end = readCsvRecords("f.csv", "a,a\n1,2\n3,4\n", () => null);
    expect(end).toEqual({
      delimiter: "comma",
      header: ["a", "a"],
      problems: [{ file: "f.csv", line: 1, column: "a", value: "a", message: "the column appears twice in the header" }],
      rowCount: 2,
    });
  });

  it("reads a file on disk, streamed, as it reads the same text", async () => {
    const text = '\uFEFFentity,note,value\r\nMSFT,"two\r\nlines",1\r\n\r\nAMZN,,2,extra\r\nNVDA,"open\r\n';
    const dir = mkdtempSync(join(tmpdir(), "capex-read-"));
    try {
      const path = join(dir, "f.csv");
      writeFileSync(path, text);
      const fromText = collector();
      const fromFile = collector();
      const textEnd = readCsvRecords("f.csv", text, fromText.begin);
      const fileEnd = await readCsvFileRecords("f.csv", path, fromFile.begin);
      expect(fromText.records.map(({ record }) => record.line)).toEqual([2, 5, 6]);
      expect(fromFile.heads).toEqual(fromText.heads);
      expect(fromFile.records).toEqual(fromText.records);
      expect(fileEnd).toEqual(textEnd);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
