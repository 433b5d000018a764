// The scenarios export against /api/scenarios: the CSV parsed back, the workbook's cells and its
// sources sheet, the JSON rows, for the same parameters.
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { type TempStore, tempStore } from "../../helpers/store.ts";

type Computed = { value: number | null; reasons?: { message: string }[] };
const REPORTED: [key: string, read: (q: any) => Computed][] = [
  ["capex", (q) => q.capex],
  ["capex_ttm", (q) => q.capexTtm],
  ["depreciation", (q) => q.depreciation],
  ["reported_da_ttm", (q) => q.reportedDaTtm],
  ["depreciation_gap", (q) => q.depreciationGap],
  ["required_revenue", (q) => q.requiredRevenue],
  ["ai_revenue", (q) => q.aiRevenue],
  ["coverage_of_required", (q) => q.coverageOfRequired],
];
const KEYS = [
  "quarter",
  "quarters_ahead",
  ...REPORTED.flatMap(([key]) => [key, `${key}_reason`]),
  "projected_ai_revenue",
  "projected_capex_ttm",
  "projected_required_revenue",
];

let store: TempStore;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  store = await tempStore("default-data");
  app = createApp({ store });
});
afterAll(() => store.close());

const QUERY = "life=3&margin=0.4&aiGrowth=2&targetYear=2029";

/** The rows the export should have, from /api/scenarios: each reported quarter, then the projected ones after it. */
async function expectedRows(query: string): Promise<(number | string | null)[][]> {
  const api = (await (await app.request(`/api/scenarios?${query}`)).json()) as any;
  const projected = new Map(api.projection.quarters.map((p: any) => [p.quarter, p]));
  const last = api.quarters.at(-1).quarter;
  const projection = (p: any) => (p ? [p.aiRevenue, p.capexTtm, p.requiredRevenue.value] : [null, null, null]);
  const reasons = (c: Computed) => (c.reasons ? c.reasons.map((r) => r.message).join("; ") : null);
  return [
    ...api.quarters.map((q: any) => {
      const p: any = projected.get(q.quarter);
      return [
        q.quarter,
        p ? p.quartersAhead : null,
        ...REPORTED.flatMap(([, read]) => [read(q).value, reasons(read(q))]),
        ...projection(p),
      ];
    }),
    ...api.projection.quarters
      .filter((p: any) => p.quarter > last)
      .map((p: any) => [
        p.quarter,
        p.quartersAhead,
        ...REPORTED.flatMap(() => [
          null,
          `${p.quarter.replace("-", " ")} is after the last reported quarter in the range, ${last.replace("-", " ")}: projected only`,
        ]),
        ...projection(p),
      ]),
  ];
}

describe("GET /api/export/scenarios", () => {
  it("CSV: parsed back, has /api/scenarios' numbers and reasons, reported and projected in separate columns", async () => {
    const response = await app.request(`/api/export/scenarios.csv?${QUERY}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="ai-capex-scenarios-v1.csv"');
    const [header, ...rows] = Papa.parse<string[]>(await response.text(), { skipEmptyLines: true }).data;
    expect(header?.slice(0, 7)).toEqual([
      "Quarter",
      "Quarters after the base quarter",
      "Aggregate capex (USD m)",
      "Aggregate capex: why missing",
      "Aggregate capex TTM (USD m)",
      "Aggregate capex TTM: why missing",
      "Depreciation over 3 years, a year (USD m)",
    ]);
    expect(header?.slice(-3)).toEqual([
      "AI revenue, projected (USD m)",
      "Capex TTM, projected (USD m)",
      "Required revenue, projected (USD m)",
    ]);
    const expected = await expectedRows(QUERY);
    expect(rows).toEqual(expected.map((row) => row.map((cell) => (cell === null ? "" : String(cell)))));
    // Projected to the target, 2029 Q4, after the last reported quarter.
    expect(rows.at(-1)?.[0]).toBe("2029-Q4");
  });

  it("XLSX: the same cells, and the assumptions and formulas on the sources sheet", async () => {
    const response = await app.request(`/api/export/scenarios.xlsx?${QUERY}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["scenarios", "Sources and method"]);
    const sheet = workbook.getWorksheet("scenarios")!;
    const row = (n: number) => Array.from({ length: sheet.columnCount }, (_, i) => sheet.getRow(n).getCell(i + 1).value ?? null);
    const expected = await expectedRows(QUERY);
    expect(sheet.rowCount).toBe(expected.length + 1);
    expected.forEach((cells, i) => {
      expect(row(i + 2)).toEqual(cells);
    });

    const sources = workbook.getWorksheet("Sources and method")!;
    const lines = Array.from({ length: sources.rowCount }, (_, i) => [
      sources.getRow(i + 1).getCell(1).value,
      sources.getRow(i + 1).getCell(2).value,
    ]);
    const api = (await (await app.request(`/api/scenarios?${QUERY}`)).json()) as any;
    expect(lines).toContainEqual(["life", "3 years"]);
    expect(lines).toContainEqual(["margin", "0.4"]);
    expect(lines).toContainEqual(["aiGrowth", "2 a year"]);
    expect(lines).toContainEqual([
      "capexGrowth",
      `${api.base.capexGrowth.rate.value} a year (the default: capex TTM YoY at ${api.base.quarter})`,
    ]);
    expect(lines).toContainEqual(["targetYear", "2029"]);
    expect(lines).toContainEqual(["base quarter", api.base.quarter]);
    expect(lines).toContainEqual(["Required revenue", "Depreciation over L years / (1 - margin)"]);
    expect(lines.find(([term]) => term === "Time to coverage")?.[1]).toContain("ceil(4 ln(target0 / AI0) / ln((1 + g) / (1 + c)))");
    // Every figure the depreciation reads cites its source: capex, D&A and the AI run-rates.
    const metrics = Array.from({ length: sources.rowCount }, (_, i) => String(sources.getRow(i + 1).getCell(3).value));
    for (const metric of ["capex", "depreciation_amortization", "ai_revenue_run_rate"])
      expect(metrics.some((text) => text.includes(metric))).toBe(true);
  });

  it("JSON: the columns with their kinds and the same rows", async () => {
    const body = (await (await app.request(`/api/export/scenarios.json?${QUERY}`)).json()) as any;
    expect(body).toMatchObject({ table: "scenarios", dataVersion: 1, parameters: { life: "3 years", targetYear: "2029" } });
    expect(body.columns.map((c: any) => c.key)).toEqual(KEYS);
    expect(body.columns.find((c: any) => c.key === "coverage_of_required")).toEqual({
      key: "coverage_of_required",
      header: "AI revenue / required revenue",
      kind: "percent",
    });
    const expected = await expectedRows(QUERY);
    expect(body.rows.map((row: any) => KEYS.map((key) => row[key]))).toEqual(expected);
  });

  it.each([
    ["scenarios.csv?life=2", "life", "expected one of 3, 4, 5, 5.5, 6 years"],
    ["scenarios.xlsx?lookback=4", "lookback", "unknown parameter"],
    ["scenarios.json?targetYear=soon", "targetYear", "expected a number"],
  ])("answers 400 naming the parameter for %s", async (path, parameter, message) => {
    const response = await app.request(`/api/export/${path}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error).toMatchObject({ code: "bad_request", details: [{ parameter, message }] });
  });
});
