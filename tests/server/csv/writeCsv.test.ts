import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvHeader, neutralise, writeCsv, writeCsvRecords } from "../../../server/csv/writeCsv.ts";
import type { Column, Row } from "../../../server/domain/table.ts";

const COLUMNS: Column[] = [
  { key: "quarter", header: "Quarter", kind: "quarter" },
  { key: "capex", header: "Capex", kind: "usd_m" },
  { key: "capex_reason", header: "Capex: why missing", kind: "text" },
  { key: "yoy", header: "YoY", kind: "percent" },
  { key: "note", header: "Note", kind: "text" },
];

describe("neutralise", () => {
  it.each([
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["=a\nb", "'=a\nb"],
    ["a=b", "a=b"],
    [" =x", " =x"],
    ["", ""],
  ])("turns the text %j into %j", (text, expected) => {
    expect(neutralise(text)).toBe(expected);
  });
});

describe("csvHeader", () => {
  it("names the unit of raw numbers: USD millions, fractions for percentages, x for ratios", () => {
    expect(COLUMNS.map(csvHeader)).toEqual(["Quarter", "Capex (USD m)", "Capex: why missing", "YoY (fraction)", "Note"]);
    expect(csvHeader({ key: "r", header: "Capex to cloud revenue", kind: "multiple" })).toBe("Capex to cloud revenue (x)");
  });
});

describe("writeCsv", () => {
  const cells = (values: Record<string, string | number | null>): Row =>
    Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value }]));
  const text = writeCsv(COLUMNS, [
    cells({ quarter: "2025-Q1", capex: 84_300.5, capex_reason: null, yoy: -0.25, note: 'says "more than", then, a comma' }),
    cells({
      quarter: "2025-Q2",
      capex: null,
      capex_reason: "AMZN capex missing for 2025-Q2",
      yoy: null,
      note: '=HYPERLINK("http://x","y")',
    }),
    cells({ quarter: "2025-Q3", capex: -5, capex_reason: null, yoy: 0, note: "two\r\nlines" }),
  ]);

  it("writes a byte-order mark, a header row and CRLF records, quoting per RFC 4180", () => {
    expect(text).toBe(
      "\uFEFFQuarter,Capex (USD m),Capex: why missing,YoY (fraction),Note\r\n" +
        '2025-Q1,84300.5,,-0.25,"says ""more than"", then, a comma"\r\n' +
        '2025-Q2,,AMZN capex missing for 2025-Q2,,"\'=HYPERLINK(""http://x"",""y"")"\r\n' +
        '2025-Q3,-5,,0,"two\r\nlines"\r\n',
    );
  });

  it("leaves a missing value empty, never 0, and keeps negative numbers as numbers", () => {
    const [, first, second, third] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(first).toEqual(["2025-Q1", "84300.5", "", "-0.25", 'says "more than", then, a comma']);
    expect(second!.slice(1, 4)).toEqual(["", "AMZN capex missing for 2025-Q2", ""]);
    expect(third!.slice(1, 4)).toEqual(["-5", "", "0"]);
  });

  it("writes only the header row when there are no rows", () => {
    expect(writeCsv(COLUMNS, [])).toBe("\uFEFFQuarter,Capex (USD m),Capex: why missing,YoY (fraction),Note\r\n");
  });
});

describe("writeCsvRecords", () => {
  it("writes records a caller built itself the same way, neutralising headers too", () => {
    expect(
      writeCsvRecords(
        ["Quarter", "-Gap (USD m)"],
        [
          ["2025-Q1", -5],
          ["@x", null],
        ],
      ),
    ).toBe("\uFEFFQuarter,'-Gap (USD m)\r\n2025-Q1,-5\r\n'@x,\r\n");
  });
});
