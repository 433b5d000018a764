// Two app processes on one PostgreSQL database, as behind a load balancer: they start together
// (migrations and the first seed taking turns), an upload through one is seen by the other's next
// thesis request with the same data version and ETag, and two uploads sent to both at once both
// commit, one after the other, each moving the data version by one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoreLocation } from "../../server/db/client.ts";
import { type RunningServer, startServer } from "../e2e/server.ts";
import { newToken, removeLocation, tempLocation } from "../helpers/store.ts";

let location: StoreLocation;
let a: RunningServer;
let b: RunningServer;
let token: string;
beforeAll(async () => {
  location = await tempLocation("empty");
  // Both at once on an empty database: one migrates and seeds, the other finds it done.
  [a, b] = await Promise.all([startServer(location), startServer(location)]);
  token = await newToken(location, "two-servers");
}, 90_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await removeLocation(null, location);
});

const thesis = async (server: RunningServer) => {
  const response = await fetch(`${server.url}/api/thesis`);
  const body = (await response.json()) as { dataVersion: number; quarters: { quarter: string }[] };
  return { etag: response.headers.get("ETag"), dataVersion: body.dataVersion, quarters: body.quarters.map((q) => q.quarter) };
};
const health = async (server: RunningServer) => (await (await fetch(`${server.url}/api/health`)).json()) as any;
const upload = (server: RunningServer, name: string, rows: string[]) =>
  fetch(`${server.url}/api/uploads?name=${name}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/csv" },
    body: ["entity,metric,period,value,unit,source", ...rows].join("\n"),
  }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));

describe("two servers on one PostgreSQL database", () => {
  it("start together on an empty database: it is seeded once, and both serve the same thesis and ETag", async () => {
    const [ha, hb] = await Promise.all([health(a), health(b)]);
    expect(ha.dataVersion.version).toBe(1);
    expect(hb).toEqual(ha);
    const [ta, tb] = await Promise.all([thesis(a), thesis(b)]);
    expect(tb).toEqual(ta);
    expect(ta.etag).toMatch(/^"thesis-1-/);
    // Exactly one of them seeded.
    expect([a.output(), b.output()].filter((output) => /Seeded \d+ observations/.test(output))).toHaveLength(1);
  });

  it("an upload through one is in the other's next thesis, with the same data version and ETag", async () => {
    const before = await thesis(b);
    const { status, body } = await upload(a, "q3.csv", [
      "MSFT,capex,2026-Q3,40100,USD_m,https://example.com/msft",
      "GOOGL,capex,2026-Q3,30100,USD_m,https://example.com/googl",
      "AMZN,capex,2026-Q3,35100,USD_m,https://example.com/amzn",
      "META,capex,2026-Q3,20100,USD_m,https://example.com/meta",
    ]);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ committed: true, inserted: 4, dataVersion: before.dataVersion + 1 });
    const fromB = await thesis(b);
    expect(fromB.dataVersion).toBe(body.dataVersion);
    expect(fromB.quarters).toContain("2026-Q3");
    expect(fromB.etag).not.toBe(before.etag);
    expect(await thesis(a)).toEqual(fromB);
    // B's cached answer is revalidated by A's ETag, and the other way round.
    const revalidated = await fetch(`${b.url}/api/thesis`, { headers: { "If-None-Match": fromB.etag! } });
    expect(revalidated.status).toBe(304);
  });

  it("two uploads sent to both at once both commit, in turn, each moving the data version by one", async () => {
    const start = (await health(a)).dataVersion.version;
    // 4 companies x 100 years x 4 quarters of a metric the default data has none of for them.
    const rows = (value: number) =>
      Array.from(
        { length: 1600 },
        (_, i) =>
          `${["MSFT", "GOOGL", "AMZN", "META"][i % 4]},iphone_revenue,${1990 + Math.floor(i / 16)}-Q${(Math.floor(i / 4) % 4) + 1},${value + i},USD_m,x`,
      );
    const [first, second] = await Promise.all([upload(a, "from-a.csv", rows(1000)), upload(b, "from-b.csv", rows(5000))]);
    expect([first.status, second.status], JSON.stringify([first.body, second.body]).slice(0, 600)).toEqual([200, 200]);
    expect([first.body.dataVersion, second.body.dataVersion].sort()).toEqual([start + 1, start + 2]);
    // The later one found the earlier one's figures and replaced them: one ran after the other.
    const [earlier, later] = first.body.dataVersion < second.body.dataVersion ? [first.body, second.body] : [second.body, first.body];
    expect(earlier).toMatchObject({ committed: true, inserted: 1600, updated: 0 });
    expect(later).toMatchObject({ committed: true, inserted: 0, updated: 1600 });
    expect(later.uploadId).toBe(earlier.uploadId + 1);
    const [ha, hb] = await Promise.all([health(a), health(b)]);
    expect(hb).toEqual(ha);
    expect(ha.dataVersion.version).toBe(start + 2);
    const uploads = (await (await fetch(`${b.url}/api/uploads`)).json()) as any;
    expect(
      uploads.uploads
        .slice(0, 2)
        .map((u: any) => u.fileName)
        .sort(),
    ).toEqual(["from-a.csv", "from-b.csv"]);
  }, 60_000);
});
