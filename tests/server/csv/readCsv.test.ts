import { describe, expect, it } from "vitest";
import { decodeUtf8, detectDelimiter, readCsv, readCsvRecords } from "../../../server/csv/readCsv.ts";

describe("detectDelimiter", () => {
  it.each([
    ["a,b,c\n1;2;3", "comma"],
    ["a;b;c\n1,2,3", "semicolon"],
    ["a\tb\tc\n1,2,3", "tab"],
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
    ["CR line breaks with a CRLF pair among them, one break", "a,b\r\u0000\n1,2\r\n3,4\r", [2, 4]],
  ])("numbers rows as an editor does: %s", (_, text, expected) => {
    expect(linesOf(text)).toEqual(expected);
  });
});
