// asOf, the verdict history, what changed and the feed: the default data, then a new quarter, a
// correction and its revert, each a data version, checked against sums worked out here.
import { XMLParser } from "fast-xml-parser";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import {
  bearerTokens,
  capexTtmByHand,
  defaultCapex,
  defaultDataRows,
  type TempStore,
  tempStore,
  uploadThrough,
} from "../../helpers/store.ts";

let store: TempStore;
let app: ReturnType<typeof createApp>;
let tokens: Awaited<ReturnType<typeof bearerTokens>>;
const rows = defaultDataRows();
const capex = defaultCapex;
const ttm = capexTtmByHand;
const YEAR_TO_Q2 = ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"];
const MSFT_Q2 = capex("MSFT", "2026-Q2");
const CORRECTED = MSFT_Q2 + 1000;

const upload = (csv: string, name: string) => uploadThrough(app, tokens.analyst, name, csv);
const get = async (path: string) => {
  const response = await app.request(path);
  return { status: response.status, etag: response.headers.get("etag"), body: (await response.json()) as any };
};

beforeAll(async () => {
  store = await tempStore("default-data");
  tokens = await bearerTokens(store);
  app = createApp({ store });
  // Version 2: a new quarter (2031 Q1, far from the data, so no flag moves). Version 3: MSFT's 2026 Q2 capex corrected.
  await upload(
    "entity,metric,period,value,unit,source\nNVDA,datacenter_revenue,2031-Q1,1,USD_m,https://example.com/nvda\n",
    "new-quarter.csv",
  );
  const correction = await upload(
    `entity,metric,period,period_end,value,unit,source\nMSFT,capex,2026-Q2,2026-06-30,${CORRECTED},USD_m,https://example.com/msft\n`,
    "correction.csv",
  );
  // Version 4: the correction reverted.
  const revert = await app.request(`/api/uploads/${correction.uploadId}/revert`, { method: "POST", headers: tokens.analyst });
  expect(revert.status).toBe(200);
});
afterAll(() => store.close());

describe("asOf", () => {
  const capexTtmQ2 = async (query: string) =>
    (await get(`/api/thesis?from=2026-Q2&to=2026-Q2${query}`)).body.quarters[0].aggregate.capexTtm.value;

  it("answers from the figures as they stood at each version, worked out by hand", async () => {
    const original = ttm(YEAR_TO_Q2, capex);
    const corrected = ttm(YEAR_TO_Q2, (e, q) => (e === "MSFT" && q === "2026-Q2" ? CORRECTED : capex(e, q)));
    expect(await capexTtmQ2("&asOf=1")).toBe(original);
    expect(await capexTtmQ2("&asOf=2")).toBe(original);
    expect(await capexTtmQ2("&asOf=3")).toBe(corrected);
    expect(await capexTtmQ2("&asOf=4")).toBe(original);
    expect(await capexTtmQ2("")).toBe(original);
  });

  it("gives each version its own ETag and data version, and a date the last version committed by then", async () => {
    const three = await get("/api/thesis?asOf=3");
    expect(three.body.dataVersion).toBe(3);
    expect(three.etag).toMatch(/^"thesis-asof-3-/);
    const today = new Date().toISOString().slice(0, 10);
    expect((await get(`/api/thesis?asOf=${today}`)).body.dataVersion).toBe(4);
  });

  it("leaves the database as it was: reading an old version writes nothing", async () => {
    const before = (await get("/api/health")).body.dataVersion;
    await get("/api/thesis?asOf=1");
    expect((await get("/api/health")).body.dataVersion).toEqual(before);
  });

  it.each([
    ["asOf=9", "there is no data version 9: the latest is 4"],
    ["asOf=1999-01-01", "no data version was committed by 1999-01-01"],
    ["asOf=yesterday", "expected a data version (1, 2, ...) or a date as YYYY-MM-DD"],
  ])("answers 400 naming asOf for ?%s", async (query, message) => {
    const { status, body } = await get(`/api/thesis?${query}`);
    expect(status).toBe(400);
    expect(body.error.details).toEqual([{ parameter: "asOf", message }]);
  });

  it("applies to the killer-app watch and the exports", async () => {
    expect((await get("/api/killer-apps?asOf=1")).body.dataVersion).toBe(1);
    const csv = await app.request("/api/export/thesis.csv?asOf=3&from=2026-Q2&to=2026-Q2");
    expect(csv.headers.get("content-disposition")).toContain("ai-capex-thesis-v3.csv");
    const [row] = Papa.parse<Record<string, string>>((await csv.text()).replace(/^\uFEFF/, ""), { header: true }).data;
    expect(Number(row?.["Aggregate capex TTM (USD m)"])).toBe(
      ttm(YEAR_TO_Q2, (e, q) => (e === "MSFT" && q === "2026-Q2" ? CORRECTED : capex(e, q))),
    );
  });

  it("applies to the scenarios and their export: projected from the capex as it stood", async () => {
    const corrected = ttm(YEAR_TO_Q2, (e, q) => (e === "MSFT" && q === "2026-Q2" ? CORRECTED : capex(e, q)));
    const base = async (query: string) => (await get(`/api/scenarios?${query}`)).body;
    expect((await base("asOf=1")).base.capexTtm).toBe(ttm(YEAR_TO_Q2, capex));
    expect(await base("asOf=3")).toMatchObject({ dataVersion: 3, base: { capexTtm: corrected } });
    expect((await base("asOf=4")).base).toEqual((await base("")).base);
    const csv = await app.request("/api/export/scenarios.csv?asOf=3");
    expect(csv.headers.get("content-disposition")).toContain("-v3.csv");
  });

  it("applies to the observations: each version's figures, and the latest one's as without asOf", async () => {
    const msftQ2 = async (query: string) =>
      (await get(`/api/observations?entity=MSFT&metric=capex&from=2026-Q2&to=2026-Q2${query}`)).body.observations.map(
        (o: { value: number }) => o.value,
      );
    expect(await msftQ2("&asOf=1")).toEqual([MSFT_Q2]);
    expect(await msftQ2("&asOf=3")).toEqual([CORRECTED]);
    expect(await msftQ2("&asOf=4")).toEqual([MSFT_Q2]);
    const nvda2031 = (query: string) => get(`/api/observations?entity=NVDA&from=2031-Q1${query}`);
    expect((await nvda2031("&asOf=1")).body.count).toBe(0);
    expect((await nvda2031("&asOf=2")).body.count).toBe(1);
    // The whole list as of the latest version is the list today, in the same order and fields.
    const [latest, today] = await Promise.all([get("/api/observations?asOf=4"), get("/api/observations")]);
    expect(latest.body.observations).toEqual(today.body.observations);
    expect(latest.body.count).toBe(rows.length + 1);
    const csv = await app.request("/api/export/observations.csv?asOf=3&entity=MSFT&metric=capex&from=2026-Q2&to=2026-Q2");
    const parsed = Papa.parse<Record<string, string>>((await csv.text()).replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
    expect(parsed.data.map((r) => Number(r.Value))).toEqual([CORRECTED]);
  });
});

describe("GET /api/history", () => {
  it("lists every version with its upload and verdict", async () => {
    const { body } = await get("/api/history");
    expect(body.versions.map((v: any) => [v.version, v.kind, v.fileName])).toEqual([
      [1, "upload", expect.stringContaining("hyperscalers.csv")],
      [2, "upload", "new-quarter.csv"],
      [3, "upload", "correction.csv"],
      [4, "revert", null],
    ]);
    for (const v of body.versions) expect(["red", "amber", "green", "unknown"]).toContain(v.flag.status);
    expect(body.versions[0].killerApps.verdict).toMatch(/^No AI app passes all three/);
  });

  it("marks a quarter revised exactly when its first-published flag differs from today's", async () => {
    const { body } = await get("/api/history");
    expect(body.quarters.length).toBeGreaterThan(30);
    for (const q of body.quarters) expect(q.revised).toBe(q.firstPublished !== null && q.firstPublished.status !== q.today);
  });
});

describe("GET /api/changes", () => {
  it("names the corrected figure with both values, and the derived numbers it moved", async () => {
    const { body } = await get("/api/changes?from=2&to=3");
    expect(body.figures).toEqual([
      expect.objectContaining({
        entity: "MSFT",
        metric: "capex",
        period: "2026-Q2",
        change: "revised",
        before: expect.objectContaining({ value: MSFT_Q2 }),
        after: expect.objectContaining({ value: CORRECTED }),
      }),
    ]);
    expect(body.numbers).toContainEqual(
      expect.objectContaining({ what: "Capex TTM", before: expect.objectContaining({ value: ttm(YEAR_TO_Q2, capex) }) }),
    );
  });

  it("has nothing left between the version before the correction and its revert", async () => {
    const { body } = await get("/api/changes?from=2&to=4");
    expect(body.figures).toEqual([]);
    expect(body.numbers).toEqual([]);
  });

  it("as CSV, the same figures", async () => {
    const response = await app.request("/api/export/changes.csv?from=2&to=3");
    const parsed = Papa.parse<Record<string, string>>((await response.text()).replace(/^\uFEFF/, ""), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(parsed.map((r) => [r.Entity, r.Change, Number(r["Value before"]), Number(r["Value after"])])).toEqual([
      ["MSFT", "revised", MSFT_Q2, CORRECTED],
    ]);
  });

  it.each([
    ["from=3&to=2", "must be after from (3); the latest data version is 4"],
    ["from=0&to=9", "there is no data version 9: the latest is 4"],
  ])("answers 400 naming to for ?%s", async (query, message) => {
    const { status, body } = await get(`/api/changes?${query}`);
    expect(status).toBe(400);
    expect(body.error.details).toEqual([{ parameter: "to", message }]);
  });
});

describe("GET /feed.atom", () => {
  it("is Atom an XML parser reads: one entry per version, newest first, stable ids, updated the commit time", async () => {
    const first = await (await app.request("http://localhost/feed.atom")).text();
    const again = await (await app.request("http://localhost/feed.atom")).text();
    expect(again).toBe(first);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(first).feed;
    const history = (await get("/api/history")).body.versions;
    expect(feed.entry.map((e: any) => e.id)).toEqual([4, 3, 2, 1].map((v) => `tag:ai-capex-monitor,2026:data-version:${v}`));
    expect(feed.entry.map((e: any) => e.updated)).toEqual([...history].reverse().map((v: any) => v.createdAt));
    expect(feed.entry[1].link["@_href"]).toBe("http://localhost/changes?from=2&to=3");
    expect(feed.entry[1].summary["#text"]).toMatch(/^correction\.csv by .*: 0 figures added, 1 revised\. Coverage flag/);
    expect(feed.updated).toBe(history.at(-1).createdAt);
  });
});
