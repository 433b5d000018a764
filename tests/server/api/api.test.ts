import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../../server/app.ts";
import { closeStore } from "../../../server/db/client.ts";
import { importObservations } from "../../../server/services/importObservations.ts";
import { defaultCatalogRows, defaultDataRows, type TempStore, tempStore } from "../../helpers/store.ts";

const dataRows = defaultDataRows();

let store: TempStore;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  store = await tempStore("default-data");
  app = createApp({ store });
});
afterAll(() => store.close());

const getJson = async (path: string) => {
  const response = await app.request(path);
  return { status: response.status, type: response.headers.get("content-type"), body: (await response.json()) as any };
};

describe("GET /api/health", () => {
  it("counts exactly the data rows of data/*.csv", async () => {
    const { status, body } = await getJson("/api/health");
    expect(status).toBe(200);
    expect(dataRows.length).toBeGreaterThan(1000);
    expect(body.observations).toBe(dataRows.length);
    expect(body.dataVersion.version).toBe(1);
  });

  it("names the latest quarter of each metric", async () => {
    const { body } = await getJson("/api/health");
    const latestCapex = dataRows
      .filter((r) => r.metric === "capex")
      .map((r) => r.period!)
      .sort()
      .at(-1);
    expect(body.latest).toContainEqual(expect.objectContaining({ metric: "capex", latestQuarter: latestCapex }));
  });
});

describe("GET /api/health: the latest filing behind each series", () => {
  it("dates each series of the default data by the latest SEC filing its cited figures name", async () => {
    const { body } = await getJson("/api/health");
    const filingOf = (metric: string) => body.latest.find((row: any) => row.metric === metric)?.latestFiling;
    // The recordings' vintages: Microsoft's 10-K of 2026-07-29 (capex, cash flow, revenue), Alphabet's 10-Q of 2026-07-23 (D&A).
    expect(["capex", "operating_cash_flow", "revenue", "depreciation_amortization", "cloud_revenue"].map(filingOf)).toEqual([
      "2026-07-29",
      "2026-07-29",
      "2026-07-29",
      "2026-07-23",
      null,
    ]);
    // The same, read straight from the rows' notes.
    for (const row of body.latest) {
      const dates = dataRows
        .filter((r) => r.metric === row.metric)
        .flatMap((r) => /^SEC XBRL, latest filing (\d{4}-\d{2}-\d{2}):/.exec(r.note ?? "")?.[1] ?? [])
        .sort();
      expect(row.latestFiling).toBe(dates.at(-1) ?? null);
    }
  });

  it("gives per metric the latest filing date its SEC-cited figures' notes name, ignoring other notes", async () => {
    const own = await tempStore("fixture-catalog");
    const rows = [
      "MSFT,capex,2025-Q2,100,USD_m,https://www.sec.gov/Archives/edgar/data/789019/1/,SEC XBRL, latest filing 2025-07-30: us-gaap:...",
      "MSFT,capex,2025-Q3,110,USD_m,https://www.sec.gov/Archives/edgar/data/789019/2/,SEC XBRL, latest filing 2025-10-29: us-gaap:...",
      "AMZN,capex,2025-Q4,120,USD_m,https://example.com,typed up from a release filed 2026-02-06",
      "AMZN,capex,2026-Q1,130,USD_m,https://example.com,SEC XBRL, latest filing 2026-02-30: not a date",
      "AMZN,revenue,2025-Q4,200,USD_m,https://example.com,a press report",
    ].map((row) => row.replace(/,SEC XBRL, latest filing (.*)$/, ',"SEC XBRL, latest filing $1"'));
    await importObservations(own, [{ name: "cited.csv", text: ["entity,metric,period,value,unit,source,note", ...rows].join("\n") }], {
      tokenName: "test",
    });
    const body = (await (await createApp({ store: own }).request("/api/health")).json()) as any;
    await own.close();
    expect(body.latest).toEqual([
      expect.objectContaining({ metric: "capex", latestQuarter: "2026-Q1", latestFiling: "2025-10-29" }),
      expect.objectContaining({ metric: "revenue", latestQuarter: "2025-Q4", latestFiling: null }),
    ]);
  });
});

describe("GET /api/entities and /api/metrics", () => {
  it("lists the catalogs of data/entities.csv and data/metrics.csv", async () => {
    const entities = await getJson("/api/entities");
    const metrics = await getJson("/api/metrics");
    expect(entities.status).toBe(200);
    expect(entities.body.entities).toContainEqual({
      id: "ANYSPHERE",
      name: "Anysphere (Cursor)",
      group: "ai_company",
      note: expect.stringContaining(", so never add"),
      launched: null,
    });
    expect(entities.body.entities).toContainEqual(expect.objectContaining({ id: "CHATGPT", group: "ai_app", launched: "2022-11-30" }));
    // Exactly the ids of the files, each once.
    const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();
    expect(ids(entities.body.entities)).toEqual(
      defaultCatalogRows("entities.csv")
        .map((row) => row.entity!)
        .sort(),
    );
    expect(metrics.body.metrics).toContainEqual(
      expect.objectContaining({ id: "ai_revenue_run_rate", kind: "point", unit: "USD_m_annualized" }),
    );
    expect(ids(metrics.body.metrics)).toEqual(
      defaultCatalogRows("metrics.csv")
        .map((row) => row.metric!)
        .sort(),
    );
  });
});

describe("GET /api/observations", () => {
  it("returns Microsoft's capex exactly as data/ gives it, every quarter with its source", async () => {
    const { status, body } = await getJson("/api/observations?entity=MSFT&metric=capex");
    expect(status).toBe(200);
    const expected = dataRows
      .filter((r) => r.entity === "MSFT" && r.metric === "capex")
      .sort((a, b) => a.period!.localeCompare(b.period!))
      .map((r) => ({
        period: r.period,
        periodEnd: r.period_end,
        fiscalLabel: r.fiscal_label,
        value: Number(r.value),
        basis: r.basis,
        source: r.source,
        note: r.note,
      }));
    // Quarterly since 2015 (data/README.md): a series long enough for the comparison to mean something.
    expect(expected.length).toBeGreaterThan(40);
    expect(body.count).toBe(expected.length);
    expect(
      body.observations.map(({ period, periodEnd, fiscalLabel, value, basis, source, note }: any) => ({
        period,
        periodEnd,
        fiscalLabel,
        value,
        basis,
        source,
        note,
      })),
    ).toEqual(expected);
  });

  it("filters by several entities and an inclusive quarter range", async () => {
    const { body } = await getJson("/api/observations?entity=MSFT,AMZN&metric=capex&from=2024-Q1&to=2024-Q4");
    expect(body.observations.map((o: any) => `${o.entity} ${o.period}`)).toEqual([
      "AMZN 2024-Q1",
      "AMZN 2024-Q2",
      "AMZN 2024-Q3",
      "AMZN 2024-Q4",
      "MSFT 2024-Q1",
      "MSFT 2024-Q2",
      "MSFT 2024-Q3",
      "MSFT 2024-Q4",
    ]);
  });

  it("counts a fiscal-year row at its year's Q4", async () => {
    const fiscalYears = dataRows.filter((r) => r.period!.endsWith("-FY") && r.period!.startsWith("2024"));
    const { body } = await getJson("/api/observations?from=2024-Q4&to=2024-Q4");
    const returned = body.observations.filter((o: any) => o.period.endsWith("-FY"));
    expect(returned.length).toBe(fiscalYears.length);
  });

  it.each([
    ["entity=TSLA", "entity", "unknown entity: TSLA"],
    ["metric=capex,capx", "metric", "unknown metric: capx"],
    ["from=2024", "from", "expected a quarter as YYYY-Qn"],
    ["to=2024-Q5", "to", "expected a quarter as YYYY-Qn"],
    ["from=2025-Q1&to=2024-Q1", "to", expect.stringContaining("must not be before from")],
  ])("answers 400 naming the parameter for ?%s", async (query, parameter, message) => {
    const { status, type, body } = await getJson(`/api/observations?${query}`);
    expect(status).toBe(400);
    expect(type).toMatch(/application\/json/);
    expect(body).toEqual({
      error: { code: "bad_request", message: expect.stringContaining(parameter), details: [{ parameter, message }] },
    });
  });
});

describe("errors", () => {
  it("answers an unknown API path with 404 in the one error shape", async () => {
    const { status, body } = await getJson("/api/capex-per-person");
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: "not_found", message: "No API endpoint GET /api/capex-per-person", details: null } });
  });

  it("answers an internal failure with 500 and no stack trace or file path", async () => {
    const broken = await tempStore("empty");
    const brokenApp = createApp({ store: broken });
    await closeStore(broken);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await brokenApp.request("/api/health");
    const text = await response.text();
    await broken.close();
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: "Internal server error", details: null } });
    expect(text).not.toMatch(/\.ts|at |\/tmp|node_modules/);
  });
});
