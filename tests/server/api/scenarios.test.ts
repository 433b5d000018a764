import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { importObservations } from "../../../server/services/importObservations.ts";
import { type TempStore, tempStore } from "../../helpers/store.ts";

let store: TempStore;
let app: ReturnType<typeof createApp>;
let thesis: any;
beforeAll(async () => {
  store = await tempStore("default-data");
  app = createApp({ store });
  thesis = await (await app.request("/api/thesis")).json();
});
afterAll(() => store.close());

const get = async (query = "") => {
  const response = await app.request(`/api/scenarios${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as any;
};
/** The thesis's last quarter with both AI revenue and capex TTM: where the scenarios start. */
const baseOf = (t: any) => t.quarters.findLast((q: any) => q.aiRevenue.total.value !== null && q.aggregate.capexTtm.value !== null);
/** The aggregate capex of the `n` quarters to the base, summed from the thesis: the cohorts within a life. */
const cohortSum = (n: number) => {
  const end = thesis.quarters.indexOf(baseOf(thesis));
  return thesis.quarters.slice(end - n + 1, end + 1).reduce((total: number, q: any) => total + q.aggregate.capex.value, 0);
};
const quarterAfter = (quarter: string, n: number) => {
  const q = Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(6)) - 1 + n;
  return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
};

describe("GET /api/scenarios on the default data", () => {
  it("starts from the thesis's last quarter with AI revenue and capex TTM, at their latest YoY", async () => {
    const body = await get();
    const base = baseOf(thesis);
    expect(body.params).toEqual({
      companies: ["MSFT", "GOOGL", "AMZN", "META"],
      aiRevenue: ["OPENAI", "ANTHROPIC"],
      carryForwardDays: 92,
      from: null,
      to: null,
      life: 6,
      margin: 0.5,
      aiGrowth: null,
      capexGrowth: null,
      targetYear: null,
    });
    expect(body.base).toMatchObject({
      quarter: base.quarter,
      aiRevenue: base.aiRevenue.total.value,
      capexTtm: base.aggregate.capexTtm.value,
      aiGrowth: { rate: { value: base.aiRevenue.totalYoY.value }, from: "latest YoY" },
      capexGrowth: { rate: { value: base.aggregate.capexTtmYoY.value }, from: "latest YoY" },
      targetYear: Number(base.quarter.slice(0, 4)) + 4,
    });
    expect(body.quarters.map((q: any) => q.quarter)).toEqual(thesis.quarters.map((q: any) => q.quarter));
  });

  it.each([
    [6, 24],
    [3, 12],
    [5.5, 22],
  ])("depreciates over %d years the %d quarterly cohorts to the base, and requires it / (1 - margin)", async (life, cohorts) => {
    const body = await get(`?life=${life}&margin=0.4`);
    const row = body.quarters.find((q: any) => q.quarter === body.base.quarter);
    expect(row.depreciation.value).toBeCloseTo(cohortSum(cohorts) / life, 6);
    expect(row.requiredRevenue.value).toBeCloseTo(cohortSum(cohorts) / life / 0.6, 6);
    expect(body.base.requiredRevenue.value).toBe(row.requiredRevenue.value);
    expect(body.requirement).toContain(`Depreciated over ${life} years`);
  });

  it("answers when AI revenue matches capex TTM by the closed form, in a sentence with the numbers", async () => {
    const body = await get();
    const { aiRevenue, capexTtm, aiGrowth, capexGrowth, quarter } = body.base;
    const [g, c] = [aiGrowth.rate.value, capexGrowth.rate.value];
    expect(g).toBeGreaterThan(c);
    const t = Math.ceil((4 * Math.log(capexTtm / aiRevenue)) / Math.log((1 + g) / (1 + c)));
    expect(body.coverage.capexTtm.reach).toEqual({ value: { kind: "reached", quarter: quarterAfter(quarter, t), quartersAhead: t } });
    const [year, q] = quarterAfter(quarter, t).split("-Q");
    expect(body.coverage.capexTtm.sentence).toBe(
      `At +${(g * 100).toFixed(1)}% a year for AI revenue and +${(c * 100).toFixed(1)}% for capex, AI revenue would match capex TTM in ${year} Q${q}, ${t} quarters after ${quarter.replace("-", " ")}.`,
    );
  });

  it("gives the growth that covers by the target year's last quarter", async () => {
    const body = await get("?targetYear=2031&capexGrowth=0.3");
    const { aiRevenue, capexTtm, quarter } = body.base;
    const years = (2031 * 4 + 3 - (Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(6)) - 1)) / 4;
    expect(body.coverage.capexTtm.growthNeeded.value).toBeCloseTo(1.3 * (capexTtm / aiRevenue) ** (1 / years) - 1, 12);
    expect(body.base.capexGrowth).toEqual({ rate: { value: 0.3 }, from: "parameter" });
  });

  it("says never when AI revenue grows no faster than capex", async () => {
    const body = await get("?aiGrowth=0.5&capexGrowth=0.75");
    expect(body.coverage.capexTtm.reach).toEqual({ value: { kind: "never" } });
    expect(body.coverage.requiredRevenue.reach).toEqual({ value: { kind: "never" } });
    expect(body.coverage.capexTtm.sentence).toMatch(
      /^At \+50\.0% a year for AI revenue and \+75\.0% for capex, AI revenue would never match capex TTM/,
    );
  });

  it("projects from the base quarter's reported values, apart from the quarters of data", async () => {
    const body = await get("?aiGrowth=1&capexGrowth=0");
    const [first, fourth] = [body.projection.quarters[0], body.projection.quarters[4]];
    expect(first).toMatchObject({
      quarter: body.base.quarter,
      quartersAhead: 0,
      aiRevenue: body.base.aiRevenue,
      capexTtm: body.base.capexTtm,
    });
    expect(fourth.aiRevenue).toBeCloseTo(2 * body.base.aiRevenue, 6);
    expect(fourth.capexTtm).toBe(body.base.capexTtm);
  });

  it("takes to: the base is the last quarter to it", async () => {
    const body = await get("?from=2024-Q1&to=2025-Q2");
    expect(body.quarters[0].quarter).toBe("2024-Q1");
    expect(body.base.quarter).toBe("2025-Q2");
    expect(body.base.capexTtm).toBe(thesis.quarters.find((q: any) => q.quarter === "2025-Q2").aggregate.capexTtm.value);
  });
});

describe("GET /api/scenarios parameters", () => {
  it.each([
    ["life=7", "life", "expected one of 3, 4, 5, 5.5, 6 years"],
    ["life=three", "life", "expected a number"],
    ["margin=1", "margin", "must be below 1"],
    ["aiGrowth=-1", "aiGrowth", "expected at least -0.9 (-90% a year)"],
    ["aiGrowth=21", "aiGrowth", "expected at most 20 (+2,000% a year)"],
    ["aiGrowth=", "aiGrowth", "expected a number"],
    ["capexGrowth=fast", "capexGrowth", "expected a number"],
    ["targetYear=2030.5", "targetYear", "expected a whole year"],
    ["targetYear=2101", "targetYear", expect.stringContaining("2100")],
    ["companies=MSFT,TSLA", "companies", "unknown entity: TSLA"],
    ["from=2025-Q1&to=2024-Q1", "to", "must not be before from: 2024 Q1 is before 2025 Q1"],
    ["lookback=4", "lookback", "unknown parameter"],
  ])("answers 400 naming the parameter for %s", async (query, parameter, message) => {
    const response = await app.request(`/api/scenarios?${query}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error).toMatchObject({ code: "bad_request", details: [{ parameter, message }] });
  });

  it("accepts each bound itself", async () => {
    for (const query of ["life=3&aiGrowth=-0.9&capexGrowth=20&targetYear=2100&margin=0", "life=5.5&aiGrowth=20&targetYear=1980"]) {
      expect((await app.request(`/api/scenarios?${query}`)).status).toBe(200);
    }
  });
});

describe("GET /api/scenarios caching", () => {
  it("answers If-None-Match with 304 while the data version and parameters stay the same", async () => {
    const first = await app.request("/api/scenarios?life=4");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"scenarios-1-/);
    expect((await app.request("/api/scenarios?life=4", { headers: { "If-None-Match": etag } })).status).toBe(304);
    const other = await app.request("/api/scenarios?life=5", { headers: { "If-None-Match": etag } });
    expect(other.status).toBe(200);
    expect(other.headers.get("etag")).not.toBe(etag);
  });

  it("changes the ETag and the numbers when an import changes the data", async () => {
    const isolated = await tempStore("default-data");
    const isolatedApp = createApp({ store: isolated });
    const before = await isolatedApp.request("/api/scenarios");
    const etag = before.headers.get("etag")!;
    const base = ((await before.json()) as any).base;
    const msft = thesis.quarters.find((q: any) => q.quarter === base.quarter).companies.find((c: any) => c.entity === "MSFT");
    const report = await importObservations(
      isolated,
      [
        {
          name: "msft.csv",
          text: `entity,metric,period,value,unit,source\nMSFT,capex,${base.quarter},${msft.capex.value + 1000},USD_m,https://example.com/msft\n`,
        },
      ],
      { tokenName: "test" },
    );
    expect(report.committed).toBe(true);
    const after = await isolatedApp.request("/api/scenarios", { headers: { "If-None-Match": etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).toMatch(/^"scenarios-2-/);
    expect(((await after.json()) as any).base.capexTtm).toBe(base.capexTtm + 1000);
    await isolated.close();
  });
});
