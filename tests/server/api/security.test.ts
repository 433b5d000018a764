// The protections SECURITY.md promises, in-process: secure headers and the Content-Security-Policy,
// a body limit on every write, 429 after a burst of invalid tokens, CORS closed unless configured,
// and error responses that never carry a stack trace or a path.
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../../server/app.ts";
import { readConfig } from "../../../server/config.ts";
import type { Store } from "../../../server/db/client.ts";
import { bearerTokens, type TempStore, tempStore } from "../../helpers/store.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const MAX_BYTES = 1024;

let store: TempStore;
let tokens: Awaited<ReturnType<typeof bearerTokens>>;
beforeAll(async () => {
  store = await tempStore("default-data");
  tokens = await bearerTokens(store);
});
afterAll(() => store.close());

/** A peer address for in-process requests, as the Node server's bindings give it. */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe("secure headers", () => {
  it("sends a Content-Security-Policy that allows only the page's own scripts and styles", async () => {
    const response = await createApp({ store }).request("/api/health");
    const policy = response.headers.get("Content-Security-Policy")!;
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("style-src 'self';");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it.each([
    ["X-Content-Type-Options", "nosniff"],
    ["X-Frame-Options", "SAMEORIGIN"],
    ["Referrer-Policy", "no-referrer"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
  ])("sends %s: %s", async (header, value) => {
    const response = await createApp({ store }).request("/api/thesis");
    expect(response.headers.get(header)).toBe(value);
  });
});

describe("the body limit of every write", () => {
  const app = () => createApp({ store, uploadMaxBytes: MAX_BYTES });
  /** Every route that writes, read from the app itself so a new one cannot be forgotten. */
  const writes = () =>
    app()
      .routes.filter((route) => ["POST", "PUT", "PATCH", "DELETE"].includes(route.method) && !route.path.includes("*"))
      .map((route) => `${route.method} ${route.path}`);

  it("covers the uploads and the revert", () => {
    expect(writes()).toEqual(expect.arrayContaining(["POST /api/uploads", "POST /api/uploads/:id/revert"]));
  });

  it.each([true, false])("413 for a body one byte over UPLOAD_MAX_BYTES on each of them (Content-Length given: %s)", async (withLength) => {
    for (const write of writes()) {
      const [method, path] = write.split(" ") as [string, string];
      const bytes = new Uint8Array(MAX_BYTES + 1).fill(120);
      const body = withLength ? bytes : new Blob([bytes]).stream();
      const response = await app().request(path.replace(":id", "1"), {
        method,
        headers: { ...tokens.analyst, "Content-Type": "text/csv" },
        body,
        duplex: "half",
      } as RequestInit);
      expect(response.status, write).toBe(413);
      expect(((await response.json()) as any).error.code).toBe("payload_too_large");
    }
  });
});

describe("invalid tokens from one address", () => {
  // Reaching the limit logs a line; not wanted in the test output.
  beforeEach(() => vi.spyOn(console, "warn").mockImplementation(() => {}));
  afterEach(() => vi.restoreAllMocks());
  const app = () => createApp({ store, authFailureLimit: { limit: 3, windowSeconds: 60 } });
  const upload = (headers: Record<string, string>) => ({
    method: "POST",
    headers: { ...headers, "Content-Type": "text/csv" },
    body: "entity",
  });
  const wrong = { Authorization: "Bearer acm_guess" };

  it("are refused with 429 and Retry-After once the limit is reached", async () => {
    const guarded = app();
    for (let i = 0; i < 3; i++)
      expect((await guarded.request("/api/uploads?dryRun=true", upload(wrong), from("10.0.0.1"))).status).toBe(401);
    const response = await guarded.request("/api/uploads?dryRun=true", upload(wrong), from("10.0.0.1"));
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThanOrEqual(59);
    expect(((await response.json()) as any).error).toEqual({
      code: "too_many_requests",
      message: expect.stringMatching(/try again in \d+ s/),
      details: null,
    });
  });

  it("never refuse a valid token: the guesser is throttled, not the analysts who share its address", async () => {
    const guarded = app();
    for (let i = 0; i < 5; i++) await guarded.request("/api/uploads?dryRun=true", upload(wrong), from("10.0.0.1"));
    expect((await guarded.request("/api/uploads?dryRun=true", upload(wrong), from("10.0.0.1"))).status).toBe(429);
    expect((await guarded.request("/api/uploads?dryRun=true", upload(tokens.analyst), from("10.0.0.1"))).status).toBe(200);
  });

  describe("behind a trusted proxy (TRUST_PROXY)", () => {
    const proxy = "10.9.9.9";
    const proxied = () => createApp({ store, authFailureLimit: { limit: 3, windowSeconds: 60 }, trustedProxies: [proxy] });
    const via = (headers: Record<string, string>, forwardedFor: string) => upload({ ...headers, "X-Forwarded-For": forwardedFor });

    it("count each client by the address the proxy forwarded, so one guesser does not throttle the others", async () => {
      const guarded = proxied();
      for (let i = 0; i < 3; i++) await guarded.request("/api/uploads?dryRun=true", via(wrong, "203.0.113.7"), from(proxy));
      expect((await guarded.request("/api/uploads?dryRun=true", via(wrong, "203.0.113.7"), from(proxy))).status).toBe(429);
      expect((await guarded.request("/api/uploads?dryRun=true", via(wrong, "198.51.100.2"), from(proxy))).status).toBe(401);
    });

    it("believe only the address the proxy appended, not one the client wrote before it", async () => {
      const guarded = proxied();
      for (let i = 0; i < 3; i++) await guarded.request("/api/uploads?dryRun=true", via(wrong, `192.0.2.${i}, 203.0.113.7`), from(proxy));
      expect((await guarded.request("/api/uploads?dryRun=true", via(wrong, "192.0.2.99, 203.0.113.7"), from(proxy))).status).toBe(429);
    });

    it("ignore X-Forwarded-For from a peer that is not a trusted proxy", async () => {
      const guarded = proxied();
      for (let i = 0; i < 3; i++) await guarded.request("/api/uploads?dryRun=true", via(wrong, `198.51.100.${i}`), from("10.0.0.8"));
      expect((await guarded.request("/api/uploads?dryRun=true", via(wrong, "198.51.100.50"), from("10.0.0.8"))).status).toBe(429);
    });
  });

  it("do not lock out another address", async () => {
    const guarded = app();
    for (let i = 0; i < 5; i++) await guarded.request("/api/uploads?dryRun=true", upload(wrong), from("10.0.0.1"));
    expect((await guarded.request("/api/uploads?dryRun=true", upload(tokens.analyst), from("10.0.0.2"))).status).toBe(200);
  });

  it("counts only presented tokens: requests without one stay 401", async () => {
    const guarded = app();
    for (let i = 0; i < 10; i++) expect((await guarded.request("/api/uploads?dryRun=true", upload({}), from("10.0.0.3"))).status).toBe(401);
  });

  it("count reads too when READ_REQUIRES_TOKEN is set", async () => {
    const guarded = createApp({ store, readRequiresToken: true, authFailureLimit: { limit: 2, windowSeconds: 60 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await guarded.request("/api/health", { headers: wrong }, from("10.0.0.4"))).status);
    expect(statuses).toEqual([401, 401, 429]);
  });
});

describe("CORS", () => {
  const evil = { Origin: "https://evil.example" };
  const preflight = (origin: string) => ({
    method: "OPTIONS",
    headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization" },
  });

  it("is closed by default: no Access-Control-Allow-Origin for a read or a preflight", async () => {
    const app = createApp({ store });
    expect((await app.request("/api/health", { headers: evil })).headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect((await app.request("/api/uploads", preflight(evil.Origin))).headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("admits exactly the configured origins", async () => {
    const app = createApp({ store, corsOrigins: ["https://analyst.example"] });
    const allowed = await app.request("/api/uploads", preflight("https://analyst.example"));
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe("https://analyst.example");
    expect(allowed.headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization/);
    expect(
      (await app.request("/api/health", { headers: { Origin: "https://analyst.example" } })).headers.get("Access-Control-Allow-Origin"),
    ).toBe("https://analyst.example");
    expect((await app.request("/api/health", { headers: evil })).headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect((await app.request("/api/uploads", preflight(evil.Origin))).headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("reads CORS_ORIGINS as a comma-separated list of origins, refusing anything else", () => {
    expect(readConfig({ CORS_ORIGINS: "https://analyst.example, http://localhost:5173" }).CORS_ORIGINS).toEqual([
      "https://analyst.example",
      "http://localhost:5173",
    ]);
    expect(readConfig({}).CORS_ORIGINS).toEqual([]);
    expect(() => readConfig({ CORS_ORIGINS: "https://analyst.example/" })).toThrow(
      /CORS_ORIGINS.*: expected an origin such as https:\/\/example.com, not https:\/\/analyst.example\//,
    );
    expect(() => readConfig({ CORS_ORIGINS: "*" })).toThrow(/CORS_ORIGINS/);
  });
});

describe("error responses", () => {
  /** Whatever a response must never show: a stack frame, a path of this checkout or of the server. */
  const LEAKS = [/\bat .+:\d+:\d+/, new RegExp(ROOT.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")), /node_modules/, /\/var\/lib\//, /\.ts\b/];

  it("say only 'Internal server error' when the database fails, and log the cause on the server", async () => {
    const failure = new Error("SQLITE_IOERR: disk I/O error reading /var/lib/capex/capex.db");
    const broken = new Proxy({} as Store, {
      get: () => {
        throw failure;
      },
    });
    const app = createApp({ store: broken });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const [path, init] of [
      ["/api/health", {}],
      ["/api/thesis", {}],
      ["/api/observations?entity=MSFT", {}],
      ["/api/export/thesis.csv", {}],
      ["/api/uploads/1", {}],
      ["/api/uploads", { method: "POST", headers: { ...tokens.analyst, "Content-Type": "text/csv" }, body: "entity" }],
    ] as const) {
      const response = await app.request(path, init);
      const text = await response.text();
      expect(response.status, path).toBe(500);
      expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: "Internal server error", details: null } });
      for (const leak of LEAKS) expect(text, path).not.toMatch(leak);
    }
    expect(log).toHaveBeenCalledWith(failure);
    log.mockRestore();
  });

  it.each([
    ["a broken percent-encoding", "/api/observations?entity=%E0%A4%A", {}],
    ["a NUL in the path", "/api/%00/../uploads", {}],
    ["an unknown endpoint", "/api/../../etc/passwd", {}],
    ["a bad upload id", "/api/uploads/..%2f..%2fpackage.json", {}],
    [
      "a form with a broken boundary",
      "/api/uploads?dryRun=true",
      { method: "POST", headers: { "Content-Type": "multipart/form-data; boundary=x" }, body: "--x\r\nbroken" },
    ],
    ["JSON instead of CSV", "/api/uploads?dryRun=true", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{" }],
    ["an unknown method", "/api/thesis", { method: "PROPFIND" }],
  ])("answer %s without a 5xx or a path", async (_, path, init: RequestInit) => {
    const app = createApp({ store });
    const headers = { ...tokens.analyst, ...(init.headers as Record<string, string>) };
    const response = await app.request(path, { ...init, headers });
    const text = await response.text();
    expect(response.status).toBeLessThan(500);
    for (const leak of LEAKS) expect(text).not.toMatch(leak);
  });
});
