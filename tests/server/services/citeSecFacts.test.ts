import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { secReadings } from "../../../server/domain/sec/compare.ts";
import { citeSecFacts, DataFileError } from "../../../server/services/citeSecFacts.ts";
import { recorded } from "../../helpers/edgar.ts";

const HEADER = "entity,metric,period,period_end,fiscal_label,value,unit,basis,source,note";
// NVIDIA's fiscal 2025 Q2 revenue as a press report rounded it (the filing: 30,040); a row the
// recordings do not cover; a cited row with a quoted note; the same row layout data/ uses (CRLF).
const PRESS =
  "NVDA,revenue,2024-Q2,2024-07-28,FY2025 Q2,30000,USD_m,reported,https://hawkdive.com/?p=136474,NVIDIA fiscal quarter; $30.0 billion";
const UNCOVERED =
  'NVDA,datacenter_revenue,2024-Q2,2024-07-28,FY2025 Q2,26300,USD_m,reported,https://example.com/dc,"Data Center, as reported"';
const SAME_VALUE = "NVDA,revenue,2024-Q1,2024-04-28,FY2025 Q1,26044,USD_m,reported,repo:someone/series:nvda.json,";
const text = (...rows: string[]) => `${[HEADER, ...rows].join("\r\n")}\r\n`;

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function dataDir(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), "capex-cite-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
const nvidia = secReadings([recorded("nvda")], { vintage: "latest" });
const rows = (name: string) => readFileSync(join(dir, name), "utf8").split("\r\n");

describe("citeSecFacts", () => {
  it("cites each covered row to its filing, keeping the earlier figure in the note, and leaves other rows byte for byte", () => {
    dataDir({ "ai.csv": text(PRESS, UNCOVERED, SAME_VALUE), "entities.csv": "entity,name,group,note\r\n" });
    const report = citeSecFacts(dir, nvidia);
    expect(report.files).toEqual([{ name: "ai.csv", rows: 3, cited: 2, changed: 2 }]);
    expect(report.secSources).toEqual({ before: 0, after: 2 });

    const [header, press, uncovered, sameValue, end] = rows("ai.csv");
    expect([header, uncovered, end]).toEqual([HEADER, UNCOVERED, ""]);
    // 3 months 2024-04-29 to 2024-07-28: 30,040 (10-Q 0001045810-24-000264 of 2024-08-28, again in 0001045810-25-000209 of 2025-08-27).
    expect(press).toBe(
      "NVDA,revenue,2024-Q2,2024-07-28,FY2025 Q2,30040,USD_m,reported,https://www.sec.gov/Archives/edgar/data/1045810/000104581025000209/," +
        '"SEC XBRL, latest filing 2025-08-27: us-gaap:Revenues: 3 months 2024-04-29 to 2024-07-28 30,040 (10-Q 0001045810-25-000209 filed 2025-08-27).' +
        " Earlier figure: 30,000 USD_m (reported), source https://hawkdive.com/?p=136474; the filing differs by +40 (rounded source: 30,040 rounded to the nearest 100);" +
        ' its note: NVIDIA fiscal quarter; $30.0 billion"',
    );
    expect(sameValue).toMatch(
      /^NVDA,revenue,2024-Q1,2024-04-28,FY2025 Q1,26044,USD_m,reported,https:\/\/www\.sec\.gov\/.*, source repo:someone\/series:nvda\.json"$/,
    );
    expect(readFileSync(join(dir, "entities.csv"), "utf8")).toBe("entity,name,group,note\r\n");
  });

  it("changes nothing when run again with the same filings", () => {
    dataDir({ "ai.csv": text(PRESS, UNCOVERED) });
    citeSecFacts(dir, nvidia);
    const once = readFileSync(join(dir, "ai.csv"), "utf8");
    const again = citeSecFacts(dir, nvidia);
    expect(again.files).toEqual([{ name: "ai.csv", rows: 2, cited: 1, changed: 0 }]);
    expect(again.secSources).toEqual({ before: 1, after: 1 });
    expect(readFileSync(join(dir, "ai.csv"), "utf8")).toBe(once);
  });

  it("writes nothing on a dry run, but counts what it would", () => {
    dataDir({ "ai.csv": text(PRESS) });
    expect(citeSecFacts(dir, nvidia, { dryRun: true }).files).toEqual([{ name: "ai.csv", rows: 1, cited: 1, changed: 1 }]);
    expect(readFileSync(join(dir, "ai.csv"), "utf8")).toBe(text(PRESS));
  });

  it.each([
    [
      "a covered row whose value is not a number",
      text(PRESS.replace("30000", "30 bn")),
      'ai.csv row 2 column value ("30 bn"): expected a plain decimal number',
    ],
    [
      "a file without a column of the row format",
      "entity,metric,period,value\r\nNVDA,revenue,2024-Q2,30000\r\n",
      "ai.csv: no column period_end",
    ],
  ])("stops at %s, naming where", (_, content, message) => {
    dataDir({ "ai.csv": content });
    expect(() => citeSecFacts(dir, nvidia)).toThrow(DataFileError);
    expect(() => citeSecFacts(dir, nvidia)).toThrow(message);
  });
});
