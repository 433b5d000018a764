// A repeated read of a cached answer is replayed (server/routes/replay.ts): the same status, headers
// and bytes as the first, without running the route again, until a write commits; never across
// encodings or origins, never for a read that needs a token.
import { gzipSync } from "node:zlib";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { keptBytes, replayResponses } from "../../../server/routes/replay.ts";
import { bearerTokens, type TempStore, tempStore, uploadThrough } from "../../helpers/store.ts";

let store: TempStore;
let app: ReturnType<typeof createApp>;
let tokens: Awaited<ReturnType<typeof bearerTokens>>;
const MSFT_CAPEX = "/api/observations?entity=MSFT&metric=capex";

let nextQuarter = 2031;
/** Commits one new MSFT capex figure: a new data version. */
async function write() {
  const csv = `entity,metric,period,value,unit,source\nMSFT,capex,${nextQuarter++}-Q1,1,USD_m,https://example.com/msft\n`;
  await uploadThrough(app, tokens.analyst, "replay.csv", csv);
}

const read = async (target: { request: typeof app.request }, path: string, headers: Record<string, string> = {}) => {
  const response = await target.request(path, { headers });
  return { status: response.status, headers: [...response.headers], bytes: Buffer.from(await response.arrayBuffer()) };
};

beforeAll(async () => {
  store = await tempStore("default-data");
  tokens = await bearerTokens(store);
  app = createApp({ store, corsOrigins: ["https://allowed.example"] });
});
afterAll(() => store.close());

describe("a repeated read of a cached answer", () => {
  it("gets the first answer's status, headers (the security headers among them) and bytes", async () => {
    for (const path of [MSFT_CAPEX, "/api/killer-apps", "/api/thesis?lookback=8"]) {
      const [first, second] = [await read(app, path), await read(app, path)];
      expect(second.status, path).toBe(200);
      expect(second.headers, path).toEqual(first.headers);
      expect(second.bytes.equals(first.bytes), path).toBe(true);
      const names = second.headers.map(([name]) => name);
      expect(names).toEqual(expect.arrayContaining(["content-security-policy", "x-content-type-options", "etag", "vary"]));
    }
  });

  it("after a write, is of the new data version", async () => {
    const before = await read(app, MSFT_CAPEX);
    await read(app, MSFT_CAPEX);
    await write();
    const after = await read(app, MSFT_CAPEX);
    const etag = (r: typeof before) => r.headers.find(([name]) => name === "etag")?.[1];
    expect(etag(after)).not.toBe(etag(before));
    const periods = (r: typeof before) => (JSON.parse(r.bytes.toString()) as { observations: { period: string }[] }).observations.length;
    expect(periods(after)).toBe(periods(before) + 1);
  });

  it("keeps the gzip and the plain answer apart", async () => {
    const gzip = await read(app, MSFT_CAPEX, { "Accept-Encoding": "gzip" });
    const plain = await read(app, MSFT_CAPEX);
    const again = await read(app, MSFT_CAPEX, { "Accept-Encoding": "gzip, deflate" });
    expect(gzip.headers).toContainEqual(["content-encoding", "gzip"]);
    expect(plain.headers.map(([name]) => name)).not.toContain("content-encoding");
    expect(() => JSON.parse(plain.bytes.toString())).not.toThrow();
    expect(again.bytes.equals(gzip.bytes)).toBe(true);
  });

  it("keeps each origin's CORS answer to that origin", async () => {
    const origin = (r: Awaited<ReturnType<typeof read>>) => r.headers.find(([name]) => name === "access-control-allow-origin")?.[1];
    expect(origin(await read(app, "/api/killer-apps", { Origin: "https://allowed.example" }))).toBe("https://allowed.example");
    expect(origin(await read(app, "/api/killer-apps", { Origin: "https://other.example" }))).toBeUndefined();
    expect(origin(await read(app, "/api/killer-apps"))).toBeUndefined();
    expect(origin(await read(app, "/api/killer-apps", { Origin: "https://allowed.example" }))).toBe("https://allowed.example");
  });

  it("is not replayed where reads need a token: a read without one after a read with one is refused", async () => {
    const guarded = createApp({ store, readRequiresToken: true });
    expect((await read(guarded, MSFT_CAPEX, tokens.viewer)).status).toBe(200);
    expect((await read(guarded, MSFT_CAPEX, tokens.viewer)).status).toBe(200);
    expect((await read(guarded, MSFT_CAPEX)).status).toBe(401);
  });
});

describe("replayResponses", () => {
  let calls = 0;
  const body = new TextEncoder().encode('{"answer":42}');
  const counting = new Hono()
    .get("/kept", (c) => {
      calls++;
      return keptBytes(c, "application/json", body, () => new Uint8Array(gzipSync(body)));
    })
    .get("/not-kept", (c) => {
      calls++;
      return c.json({ answer: 42 });
    });
  const make = () => new Hono().use(replayResponses(store)).route("/", counting);

  it("runs a kept route once per data version, and again for If-None-Match; a route not kept each time", async () => {
    const target = make();
    calls = 0;
    for (let i = 0; i < 3; i++) expect((await read(target, "/kept")).bytes.toString()).toBe('{"answer":42}');
    expect(calls).toBe(1);
    await read(target, "/kept", { "If-None-Match": '"x"' });
    expect(calls).toBe(2);
    await write();
    await read(target, "/kept");
    await read(target, "/kept");
    expect(calls).toBe(3);
    await read(target, "/not-kept");
    await read(target, "/not-kept");
    expect(calls).toBe(5);
  });
});
