// GET /api/killer-apps and its export on the default data, checked against numbers worked out in
// this file from data/consumer-apps.csv and data/entities.csv.
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { defaultCatalogRows, defaultDataRows, type TempStore, tempStore } from "../../helpers/store.ts";

let store: TempStore;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  store = await tempStore("default-data");
  app = createApp({ store });
});
afterAll(() => store.close());

const rows = defaultDataRows();
const launched = new Map(defaultCatalogRows("entities.csv").map((row) => [row.entity, row.launched]));
const day = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
const age = (entity: string, date: string) => (day(date) - day(launched.get(entity) ?? "")) / 365.25;
/** A monthly-user figure of data/, by entity and date. */
const mau = (entity: string, date: string) => {
  const row = rows.find((r) => r.entity === entity && r.metric === "monthly_active_users" && r.period_end === date);
  if (!row) throw new Error(`no monthly users of ${entity} on ${date} in data/`);
  return { age: age(entity, date), value: Number(row.value) };
};
/** Log-linear between two figures at an age. */
const between = (a: { age: number; value: number }, b: { age: number; value: number }, at: number) =>
  Math.exp(Math.log(a.value) + ((at - a.age) / (b.age - a.age)) * (Math.log(b.value) - Math.log(a.value)));

const get = async (query = "") => {
  const response = await app.request(`/api/killer-apps${query}`);
  return { response, body: (await response.json()) as any };
};

describe("GET /api/killer-apps on the default data", () => {
  it("holds ChatGPT's 1,000M monthly users at 3.5 years against the earlier killer apps' median of 201M", async () => {
    const { body } = await get();
    const chatgpt = body.apps.find((a: any) => a.app.id === "CHATGPT");
    // ChatGPT's latest active-user figure: 1,000M monthly, 2026-05-31, 1,278 days after 2022-11-30.
    const at = age("CHATGPT", "2026-05-31");
    expect(at).toBeCloseTo(1278 / 365.25, 12);
    // Each yardstick at that age, from its figures either side (or the nearest within a year).
    const yardsticks = {
      ANGRY_BIRDS: mau("ANGRY_BIRDS", "2012-12-31").value, // last figure, 0.46 years before
      FACEBOOK: between(mau("FACEBOOK", "2007-04-30"), mau("FACEBOOK", "2007-10-31"), at),
      INSTAGRAM: between(mau("INSTAGRAM", "2014-03-31"), mau("INSTAGRAM", "2014-12-11"), at),
      TIKTOK: between(mau("TIKTOK", "2020-07-31"), mau("TIKTOK", "2021-09-27"), at),
      WHATSAPP: mau("WHATSAPP", "2013-04-30").value, // first figure, 0.33 years after
      YOUTUBE: between(mau("YOUTUBE", "2006-07-31"), mau("YOUTUBE", "2012-03-31"), at),
    };
    const sorted = Object.values(yardsticks).sort((a, b) => a - b);
    const expectedMedian = ((sorted[2] ?? 0) + (sorted[3] ?? 0)) / 2;
    expect(Math.round(expectedMedian)).toBe(201);
    expect(chatgpt.reach.status).toBe("pass");
    expect(chatgpt.reach.bar.value).toBeCloseTo(expectedMedian, 9);
    expect(Object.fromEntries(chatgpt.reach.bar.yardsticks.map((y: any) => [y.app, y.value]))).toEqual(
      Object.fromEntries(Object.entries(yardsticks).map(([app, value]) => [app, expect.closeTo(value, 9)])),
    );
    expect(chatgpt.reach.sentence).toBe(
      "ChatGPT: 1,000M monthly users at 3.5 years; the earlier killer apps had a median of 201M monthly users at that age",
    );
  });

  it("gives Character.AI the time test with its 80 minutes a day, and ChatGPT's 16 minutes a fail", async () => {
    const { body } = await get();
    const byId = new Map(body.apps.map((a: any) => [a.app.id, a]));
    expect((byId.get("CHARACTER_AI") as any).time).toMatchObject({ status: "pass", ratio: 80 / 60 });
    expect((byId.get("CHATGPT") as any).time).toMatchObject({ status: "fail", ratio: 16 / 60 });
  });

  it("says in one sentence that no AI app passes all three, and who has which", async () => {
    const { body } = await get();
    expect(body.killerApps).toEqual([]);
    expect(body.verdict).toMatch(
      /^No AI app passes all three: .*ChatGPT.* have the reach, Character\.AI has the time \(80 minutes a day\)/,
    );
  });

  it("answers 304 to the same ETag and a new one for other parameters", async () => {
    const { response } = await get();
    const etag = response.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"killer-apps-1-/);
    expect((await app.request("/api/killer-apps", { headers: { "If-None-Match": etag } })).status).toBe(304);
    const other = await get("?minMinutes=90");
    expect(other.response.headers.get("etag")).not.toBe(etag);
    expect(other.body.apps.find((a: any) => a.app.id === "CHARACTER_AI").time.status).toBe("fail");
  });

  it("tests only the apps and yardsticks asked for", async () => {
    const { body } = await get("?apps=CHATGPT&yardsticks=INSTAGRAM,TIKTOK");
    expect(body.apps.map((a: any) => a.app.id)).toEqual(["CHATGPT"]);
    expect(body.yardsticks.map((y: any) => y.id)).toEqual(["INSTAGRAM", "TIKTOK"]);
  });

  it.each([
    ["apps=MSFT", "apps", "unknown app: MSFT"],
    ["yardsticks=NOPE", "yardsticks", "unknown app: NOPE"],
    ["minMinutes=0", "minMinutes", expect.stringContaining(">=1")],
    ["minMinutes=abc", "minMinutes", "expected a number"],
    ["minutes=60", "minutes", "unknown parameter"],
  ])("answers 400 naming the parameter for ?%s", async (query, parameter, message) => {
    const { response, body } = await get(`?${query}`);
    expect(response.status).toBe(400);
    expect(body.error.details).toEqual([{ parameter, message }]);
  });
});

describe("GET /api/export/killer-apps", () => {
  it("CSV: one row per AI app with each test's status, equal to the API", async () => {
    const { body } = await get();
    const csv = await (await app.request("/api/export/killer-apps.csv")).text();
    const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;
    expect(parsed.map((row) => [row.App, row.Reach, row.Time, row.Money])).toEqual(
      body.apps.map((a: any) => [a.app.id, a.reach.status, a.time.status, a.money.status]),
    );
  });

  it("XLSX: the sources sheet carries the rules and the figures' sources", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await app.request("/api/export/killer-apps.xlsx")).arrayBuffer());
    const sheet = workbook.getWorksheet("Sources and method");
    const text = (sheet?.getSheetValues() ?? []).flat().map(String).join("\n");
    expect(text).toContain("Log-linear between its two nearest dated figures");
    expect(text).toContain("https://elpasoreport.com/chatgpt-1-billion-monthly-app-users/");
  });
});

describe("the thesis's consumer share", () => {
  it("holds 2025's consumer spending on AI apps against capex TTM at 2025 Q4: $5.0B against $376.1B, 1.3%", async () => {
    const body = (await (await app.request("/api/thesis")).json()) as any;
    const spending = rows.find((r) => r.metric === "consumer_ai_app_spending" && r.period === "2025-FY");
    const capex = rows.filter(
      (r) =>
        r.metric === "capex" &&
        ["MSFT", "GOOGL", "AMZN", "META"].includes(r.entity ?? "") &&
        ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"].includes(r.period ?? ""),
    );
    expect(capex).toHaveLength(16);
    const capexTtm = capex.reduce((sum, r) => sum + Number(r.value), 0);
    expect(body.consumerShare).toMatchObject({ year: 2025, quarter: "2025-Q4", capexTtm });
    expect(body.consumerShare.estimates).toEqual([
      expect.objectContaining({ entity: spending?.entity, spending: Number(spending?.value), share: Number(spending?.value) / capexTtm }),
    ]);
    expect((Number(spending?.value) / capexTtm) * 100).toBeCloseTo(1.33, 2);
  });
});
