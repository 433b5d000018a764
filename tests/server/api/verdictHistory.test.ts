// The verdict history through three uploads and a revert, one of them a correction that turns a
// flag: each version's scorecard as of it, the quarter's first-published status against today's
// while the correction stands and after its revert, and what the correction changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { bearerTokens, capexTtmByHand, defaultCapex, type TempStore, tempStore, uploadThrough } from "../../helpers/store.ts";

let store: TempStore;
let app: ReturnType<typeof createApp>;
let tokens: Awaited<ReturnType<typeof bearerTokens>>;
const capex = defaultCapex;
const ttm = capexTtmByHand;
const YEAR_TO_2025_Q2 = ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"];
/** MSFT's 2025 Q2 capex raised tenfold and more: the year-ago base of 2026 Q2's flag. */
const CORRECTED = 214000;

const get = async (path: string) => {
  const response = await app.request(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as any;
};
const upload = (name: string, csv: string) => uploadThrough(app, tokens.analyst, name, csv);
const quarter = (thesis: any, q: string) => thesis.quarters.find((row: any) => row.quarter === q);

let correctionId: number;
beforeAll(async () => {
  store = await tempStore("default-data");
  tokens = await bearerTokens(store);
  app = createApp({ store });
  await upload(
    "new-quarter.csv",
    "entity,metric,period,value,unit,source\nNVDA,datacenter_revenue,2031-Q1,1,USD_m,https://example.com/nvda\n",
  );
  correctionId = (
    await upload(
      "correction.csv",
      `entity,metric,period,period_end,value,unit,source\nMSFT,capex,2025-Q2,2025-06-30,${CORRECTED},USD_m,https://example.com/msft\n`,
    )
  ).uploadId;
  await upload("later.csv", "entity,metric,period,value,unit,source\nNVDA,datacenter_revenue,2031-Q2,2,USD_m,https://example.com/nvda\n");
});
afterAll(() => store.close());

describe("a correction that turns a flag", () => {
  it("moves the year-ago capex by exactly the correction, and the flag from amber to green", async () => {
    const [before, after] = [await get("/api/thesis?asOf=2"), await get("/api/thesis?asOf=3")];
    const original = ttm(YEAR_TO_2025_Q2, capex);
    expect(quarter(before, "2025-Q2").aggregate.capexTtm.value).toBe(original);
    expect(quarter(after, "2025-Q2").aggregate.capexTtm.value).toBe(original - capex("MSFT", "2025-Q2") + CORRECTED);
    // The rules: green when coverage rose and the dollar gap narrowed against 4 quarters earlier.
    const [gapThen, gapNow] = [quarter(after, "2025-Q2").dollarGap.value, quarter(after, "2026-Q2").dollarGap.value];
    expect(gapNow).toBeLessThan(gapThen);
    expect(quarter(before, "2025-Q2").dollarGap.value).toBeLessThan(gapNow);
    expect([before.scorecard.status, after.scorecard.status]).toEqual(["amber", "green"]);
    expect((await get("/api/thesis?asOf=4")).scorecard.status).toBe("green");
  });

  it("shows the quarter first published amber and green today while the correction stands", async () => {
    const history = await get("/api/history");
    expect(history.versions.map((v: any) => [v.version, v.fileName, v.flag.status])).toEqual([
      [1, expect.any(String), "amber"],
      [2, "new-quarter.csv", "amber"],
      [3, "correction.csv", "green"],
      [4, "later.csv", "green"],
    ]);
    expect(history.quarters.filter((q: any) => q.revised)).toEqual([
      {
        quarter: "2026-Q2",
        firstPublished: { status: "amber", version: 1, date: history.versions[0].createdAt },
        today: "green",
        revised: true,
      },
    ]);
    const changes = await get("/api/changes?from=2&to=3");
    expect(changes.figures.map((f: any) => [f.entity, f.period, f.change, f.before.value, f.after.value])).toEqual([
      ["MSFT", "2025-Q2", "revised", capex("MSFT", "2025-Q2"), CORRECTED],
    ]);
    expect(changes.numbers.filter((n: any) => n.what.startsWith("Coverage flag"))).toEqual([
      { what: "Coverage flag 2026-Q2", kind: "text", before: { value: "amber" }, after: { value: "green" } },
    ]);
  });

  it("after the correction's revert, the quarter is amber again and no longer counted as revised", async () => {
    const revert = await app.request(`/api/uploads/${correctionId}/revert`, { method: "POST", headers: tokens.analyst });
    expect(revert.status).toBe(200);
    const history = await get("/api/history");
    expect(history.versions.map((v: any) => [v.version, v.kind, v.flag.status]).slice(-2)).toEqual([
      [4, "upload", "green"],
      [5, "revert", "amber"],
    ]);
    expect(history.quarters.filter((q: any) => q.revised)).toEqual([]);
    expect((await get("/api/thesis?asOf=5")).scorecard.status).toBe("amber");
    // The later upload survives the revert: its figure is still there.
    expect((await get("/api/observations?entity=NVDA&from=2031-Q2")).count).toBe(1);
  });
});
