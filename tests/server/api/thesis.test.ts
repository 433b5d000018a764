import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { importObservations } from "../../../server/services/importObservations.ts";
import { defaultCatalogRows, defaultDataRows, quartersBetween, type TempStore, tempStore } from "../../helpers/store.ts";

const capexRows = defaultDataRows().filter((row) => row.metric === "capex");
const HYPERSCALERS = ["MSFT", "GOOGL", "AMZN", "META"];
/** The thesis's default span, read from data/: the first to the last quarter any of the four has capex. */
const capexQuarters = capexRows
  .filter((row) => HYPERSCALERS.includes(row.entity!) && row.period!.includes("-Q"))
  .map((row) => row.period!)
  .sort();
const dataQuarters = quartersBetween(capexQuarters[0]!, capexQuarters.at(-1)!);

/** Capex TTM summed by hand from data/: the four quarters to q of each of the four companies. */
function sixteenFigures(quarter: string): number | null {
  const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  const quarters = [0, 1, 2, 3].map((back) => {
    const index = year * 4 + (q - 1) - back;
    return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  });
  let sum = 0;
  for (const entity of HYPERSCALERS) {
    for (const period of quarters) {
      const row = capexRows.find((r) => r.entity === entity && r.period === period);
      if (!row) return null;
      sum += Number(row.value);
    }
  }
  return sum;
}

let store: TempStore;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  store = await tempStore("default-data");
  app = createApp({ store });
});
afterAll(() => store.close());

describe("GET /api/thesis on the default data", () => {
  it("returns one entry per quarter from the first to the latest capex quarter", async () => {
    const response = await app.request("/api/thesis");
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    // Quarterly since 2015 (data/README.md).
    expect(dataQuarters.length).toBeGreaterThan(40);
    expect(body.quarters.map((q: any) => q.quarter)).toEqual(dataQuarters);
    expect(body.dataVersion).toBe(1);
    expect(body.params).toMatchObject({
      companies: HYPERSCALERS,
      aiRevenue: ["OPENAI", "ANTHROPIC"],
      lookback: 4,
      gpuShare: 0.5,
      margin: 0.5,
    });
  });

  it("equals the sum of the sixteen figures in data/ wherever all four companies have four quarters, and names the gap before", async () => {
    const body = (await (await app.request("/api/thesis")).json()) as any;
    let complete = 0;
    for (const entry of body.quarters) {
      const expected = sixteenFigures(entry.quarter);
      if (expected === null) {
        expect(entry.aggregate.capexTtm).toEqual({
          value: null,
          reasons: expect.arrayContaining([
            expect.objectContaining({ kind: "missing_quarter", message: expect.stringMatching(/capex missing for \d{4}-Q\d/) }),
          ]),
        });
      } else {
        complete++;
        expect(entry.aggregate.capexTtm).toEqual({ value: expected });
      }
    }
    expect(body.quarters.find((q: any) => q.quarter === "2017-Q2").aggregate.capexTtm.reasons).toContainEqual(
      expect.objectContaining({
        kind: "missing_quarter",
        entity: "AMZN",
        metric: "capex",
        message: expect.stringContaining("AMZN capex missing for 2016-Q3"),
      }),
    );
    expect(body.quarters.find((q: any) => q.quarter === "2017-Q3").aggregate.capexTtm.value).toBe(sixteenFigures("2017-Q3"));
    expect(complete).toBe(dataQuarters.filter((quarter) => sixteenFigures(quarter) !== null).length);
  });

  it("gives every entry the intensity, coverage, gaps and a flag with its explanation or reason", async () => {
    const body = (await (await app.request("/api/thesis")).json()) as any;
    for (const entry of body.quarters) {
      for (const field of [entry.aggregate.intensity, entry.coverage, entry.dollarGap, entry.sequoiaRequiredRevenue, entry.sequoiaGap]) {
        if (field.value === null)
          expect(field.reasons).toContainEqual(expect.objectContaining({ kind: expect.any(String), message: expect.any(String) }));
        else expect(Number.isFinite(field.value)).toBe(true);
      }
      expect(["red", "amber", "green", "unknown"]).toContain(entry.flag.status);
      expect(entry.flag.explanation.length).toBeGreaterThan(10);
    }
    expect(body.scorecard).toMatchObject({ status: expect.stringMatching(/^(red|amber|green)$/), streak: expect.any(Number) });
  });
});

describe("GET /api/thesis caching", () => {
  it("answers If-None-Match with 304 while the data version and parameters stay the same", async () => {
    const first = await app.request("/api/thesis?lookback=2");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"thesis-1-/);
    const again = await app.request("/api/thesis?lookback=2", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    const otherParams = await app.request("/api/thesis?lookback=3", { headers: { "If-None-Match": etag } });
    expect(otherParams.status).toBe(200);
    expect(otherParams.headers.get("etag")).not.toBe(etag);
    expect(((await otherParams.json()) as any).params.lookback).toBe(3);
  });

  it("changes the ETag and the numbers when an import changes the data", async () => {
    const before = await app.request("/api/thesis?from=2026-Q2&to=2026-Q2");
    const etag = before.headers.get("etag")!;
    const report = await importObservations(
      store,
      [
        {
          name: "nvda.csv",
          text: "entity,metric,period,period_end,value,unit,source\nNVDA,datacenter_revenue,2026-Q2,2026-07-26,50000,USD_m,https://example.com/nvda\n",
        },
      ],
      { tokenName: "test" },
    );
    expect(report.committed).toBe(true);
    const after = await app.request("/api/thesis?from=2026-Q2&to=2026-Q2", { headers: { "If-None-Match": etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).toMatch(/^"thesis-2-/);
    const body = (await after.json()) as any;
    // 50,000 a quarter x 4 / 0.5 / (1 - 0.5) = 800,000.
    expect(body.quarters[0].sequoiaRequiredRevenue).toEqual({ value: 800_000 });
  });
});

describe("GET /api/thesis parameters", () => {
  it("applies them: one company, a shorter lookback, Sequoia's multipliers", async () => {
    const body = (await (
      await app.request("/api/thesis?companies=MSFT&from=2024-Q1&to=2024-Q4&lookback=1&gpuShare=1&margin=0")
    ).json()) as any;
    expect(body.quarters.map((q: any) => q.quarter)).toEqual(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
    expect(body.quarters[0].companies.map((c: any) => c.entity)).toEqual(["MSFT"]);
    const nvda = body.quarters[0].nvdaDatacenterRevenue.value;
    expect(body.quarters[0].sequoiaRequiredRevenue.value).toBe(nvda * 4);
  });

  it.each([
    ["companies=MSFT,TSLA", "companies", "unknown entity: TSLA"],
    ["aiRevenue=", "aiRevenue", "expected at least one entity id"],
    ["from=2024Q1", "from", "expected a quarter as YYYY-Qn"],
    ["from=2025-Q1&to=2024-Q1", "to", expect.stringContaining("must not be before from")],
    ["carryForwardDays=-1", "carryForwardDays", expect.stringContaining(">=0")],
    ["lookback=1.5", "lookback", "expected a whole number of quarters"],
    ["lookback=41", "lookback", expect.stringContaining("<=40")],
    ["carryForwardDays=3661", "carryForwardDays", expect.stringContaining("<=3660")],
    ["gpuShare=0", "gpuShare", "must be above 0"],
    ["margin=1", "margin", "must be below 1"],
    ["margin=abc", "margin", expect.any(String)],
    ["lookbak=4", "lookbak", "unknown parameter"],
  ])("answers 400 naming the parameter for ?%s", async (query, parameter, message) => {
    const response = await app.request(`/api/thesis?${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body.error.code).toBe("bad_request");
    expect(body.error.details).toEqual([{ parameter, message }]);
  });
});

describe("getThesis's reading of the store", () => {
  it("loads only the thesis's inputs and computes exactly what the whole table would give", async () => {
    const { computeThesis, DEFAULT_THESIS_PARAMS } = await import("../../../server/domain/thesis.ts");
    const { listObservations } = await import("../../../server/services/listObservations.ts");
    const fresh = await tempStore("default-data");
    const body = (await (await createApp({ store: fresh }).request("/api/thesis")).json()) as any;
    // The AI apps whose spending is shown beside AI revenue: entities.csv's AI groups with a launch date.
    const aiApps = defaultCatalogRows("entities.csv")
      .filter((row) => ["ai_app", "ai_company"].includes(row.group ?? "") && row.launched)
      .map((row) => row.entity);
    expect([...body.params.aiApps].sort()).toEqual([...aiApps].sort());
    const fromEverything = JSON.parse(
      JSON.stringify(computeThesis(await listObservations(fresh, {}), { ...DEFAULT_THESIS_PARAMS, aiApps: body.params.aiApps })),
    );
    await fresh.close();
    expect(body).toEqual({ dataVersion: 1, ...fromEverything });
  });
});

describe("GET /api/thesis encoding", () => {
  it("sends the cached thesis gzip-compressed to a client that asks, and the same JSON", async () => {
    const { gunzipSync } = await import("node:zlib");
    const plain = await app.request("/api/thesis?lookback=3");
    const compressed = await app.request("/api/thesis?lookback=3", { headers: { "Accept-Encoding": "gzip, deflate" } });
    expect(compressed.headers.get("content-encoding")).toBe("gzip");
    expect(compressed.headers.get("vary")).toContain("Accept-Encoding");
    const json = JSON.parse(gunzipSync(Buffer.from(await compressed.arrayBuffer())).toString("utf8"));
    expect(json).toEqual(await plain.json());
  });
});
