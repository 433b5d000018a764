// The corpus of broken files in tests/fixtures/uploads/: each is rejected with the right line and
// column, and not a byte of the data changes, neither on a dry run nor on a commit.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { importObservations } from "../../../server/services/importObservations.ts";
import { bearerTokens, checksumRows, FIXTURES, type TempStore, tempStore } from "../../helpers/store.ts";

const DIR = join(FIXTURES, "uploads");
const NUMBER = /expected a plain decimal number in millions.*no currency sign, percent sign, decimal comma or text/;

const CORPUS: [file: string, line: number, column: string, message: RegExp][] = [
  ["currency-sign.csv", 3, "value", NUMBER],
  ["percent-sign.csv", 2, "value", NUMBER],
  ["text-in-value.csv", 4, "value", NUMBER],
  ["decimal-comma.csv", 2, "value", NUMBER],
  ["ambiguous-thousands.csv", 2, "value", /in a semicolon-separated file 19,394 could be a decimal comma: write 19394 or 19\.394/],
  ["european-number.csv", 2, "value", NUMBER],
  ["bad-grouping.csv", 2, "value", NUMBER],
  ["parentheses-negative.csv", 2, "value", NUMBER],
  ["space-in-number.csv", 2, "value", NUMBER],
  ["huge-number.csv", 2, "value", /within the range of a double/],
  ["empty-value.csv", 3, "value", /^required: a missing figure is left out/],
  ["unknown-unit.csv", 2, "unit", /expected one of USD_m, EUR_m, USD_m_annualized, users_m/],
  ["unit-mismatch.csv", 2, "unit", /metric capex is measured in USD_m or EUR_m/],
  ["bad-period.csv", 2, "period", /expected a period as YYYY-Qn/],
  ["year-out-of-range.csv", 2, "period", /year from 1980 to 2100/],
  ["impossible-date.csv", 2, "period_end", /expected a real date/],
  ["period-end-mismatch.csv", 2, "period_end", /within 45 days of 2026-03-31/],
  ["point-without-date.csv", 2, "period_end", /required for the point-in-time metric ai_revenue_run_rate/],
  ["unknown-basis.csv", 2, "basis", /expected one of reported, derived, restated, estimate, run_rate/],
  ["duplicate-observation.csv", 4, "period", /the same observation \(MSFT capex 2026-Q3\) already appears on line 2/],
  ["too-many-fields.csv", 3, "field 9", /the row has 9 fields; the header has 8/],
  ["too-few-fields.csv", 2, "basis", /the row has 6 fields; the header has 8/],
  ["unterminated-quote.csv", 3, "note", /malformed CSV: quoted field unterminated/],
  ["trailing-quote.csv", 3, "basis", /malformed CSV: trailing quote/],
  ["missing-required-column.csv", 1, "unit", /required column "unit" is missing/],
  ["unknown-column.csv", 1, "currency", /unknown column; expected columns: entity, metric, period/],
  ["duplicate-column.csv", 1, "value", /the column appears twice/],
  ["not-utf8.csv", 2, "note", /not UTF-8/],
  [
    "utf16le-unicode-text.txt",
    1,
    "field 1",
    /^the file is UTF-16 text \(Excel's "Unicode Text"\), not UTF-8: .*"CSV UTF-8 \(Comma delimited\)"$/,
  ],
  ["utf16be-no-bom.csv", 1, "field 1", /^the file is UTF-16 text/],
  ["excel-workbook.xlsx", 1, "field 1", /^the file is an Excel workbook, not CSV: .*"CSV UTF-8 \(Comma delimited\)"$/],
  ["pipe-bad-date.csv", 3, "period_end", /expected a real date/],
  ["entity-wrong-case.csv", 2, "entity", /unknown entity; did you mean MSFT\?/],
  ["entity-not-an-id.csv", 3, "entity", /letters, digits and underscores/],
  ["missing-entity.csv", 2, "entity", /^required$/],
  ["wide-text-in-cell.csv", 3, "2026-Q2", NUMBER],
  ["wide-bad-period-column.csv", 1, "2026-Q5", /expected a period column as YYYY-Qn/],
  ["wide-point-metric.csv", 2, "2026-Q3", /needs the date each value refers to: upload it in the long layout/],
  ["wide-duplicate-row.csv", 3, "2026-Q3", /already appears on line 2/],
  ["wide-bad-unit.csv", 2, "unit", /expected one of USD_m/],
  ["tab-bad-date.csv", 3, "period_end", /expected a real date/],
  ["bom-crlf-blank-lines.csv", 5, "value", NUMBER],
  ["multiline-note-then-bad.csv", 5, "basis", /expected one of reported/],
  ["one-bad-among-many.csv", 31, "unit", /expected one of USD_m/],
];

let store: TempStore;
let app: ReturnType<typeof createApp>;
let analyst: Record<string, string>;
beforeAll(() => {
  store = tempStore("default-data");
  analyst = bearerTokens(store).analyst;
  // Some history to protect as well: an upload with revisions.
  importObservations(store, [{ name: "earlier.csv", text: "entity,metric,period,value,unit,source\nMSFT,capex,2026-Q2,1,USD_m,x\n" }], {
    tokenName: "test",
  });
  app = createApp({ store });
});
afterAll(() => store.close());

const send = (file: string, dryRun: boolean) =>
  app.request(`/api/uploads?name=${file}${dryRun ? "&dryRun=true" : ""}`, {
    method: "POST",
    headers: { ...analyst, "Content-Type": "text/csv" },
    body: readFileSync(join(DIR, file)),
  });

describe("POST /api/uploads with a broken file", () => {
  it("has a corpus of at least 25 distinct broken files, every one of them listed here", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(25);
    expect(CORPUS.map(([file]) => file).sort()).toEqual(readdirSync(DIR).sort());
  });

  it.each(CORPUS)("%s: rejected at line %i, column %s, and nothing changes", async (file, line, column, message) => {
    const before = checksumRows(store);
    const dryRun = await send(file, true);
    expect(dryRun.status).toBe(200);
    const report = (await dryRun.json()) as { problems: { line: number; column: string; message: string }[] };
    expect(report.problems).toEqual([expect.objectContaining({ file, line, column, message: expect.stringMatching(message) })]);

    const commit = await send(file, false);
    expect(commit.status).toBe(422);
    const body = (await commit.json()) as { error: { code: string; details: unknown } };
    expect(body.error).toMatchObject({ code: "rejected", details: report.problems });
    expect(checksumRows(store)).toBe(before);
  });
});
