// The live path against a local HTTP server on 127.0.0.1: no test reaches the internet.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { companyFactsFetcher, isSecUserAgent, SecFetchError } from "../../../server/services/fetchCompanyFacts.ts";

const USER_AGENT = "Capex Monitor Tests tests@example.com";
const BODY = JSON.stringify({ cik: 1652044, entityName: "Alphabet Inc.", facts: {} });

interface Seen {
  path: string;
  userAgent: string | undefined;
  at: number;
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

/** A server answering each request with the next of `answers` (the last one repeats), recording what it saw. */
async function serve(...answers: ((res: ServerResponse) => void)[]) {
  const seen: Seen[] = [];
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push({ path: req.url ?? "", userAgent: req.headers["user-agent"], at: performance.now() });
    answers[Math.min(seen.length - 1, answers.length - 1)]!(res);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, seen };
}

const ok = (res: ServerResponse) => res.writeHead(200, { "content-type": "application/json" }).end(BODY);
const status =
  (code: number, headers: Record<string, string> = {}) =>
  (res: ServerResponse) =>
    res.writeHead(code, headers).end("{}");

describe("companyFactsFetcher", () => {
  it("asks for the CIK's companyfacts with the declared User-Agent", async () => {
    const { origin, seen } = await serve(ok);
    const response = await companyFactsFetcher({ userAgent: USER_AGENT, origin })(1652044);
    expect(response).toEqual({ url: `${origin}/api/xbrl/companyfacts/CIK0001652044.json`, text: BODY });
    expect(seen).toEqual([expect.objectContaining({ path: "/api/xbrl/companyfacts/CIK0001652044.json", userAgent: USER_AGENT })]);
  });

  it("retries a 429 after the Retry-After it gives, then succeeds", async () => {
    const { origin, seen } = await serve(status(429, { "retry-after": "1" }), ok);
    const response = await companyFactsFetcher({ userAgent: USER_AGENT, origin })(789019);
    expect(response.text).toBe(BODY);
    expect(seen).toHaveLength(2);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it("retries 5xx with a doubling backoff and gives up after the last attempt, saying how often it tried", async () => {
    const { origin, seen } = await serve(status(503));
    const fetch = companyFactsFetcher({ userAgent: USER_AGENT, origin, attempts: 3, backoffMs: 100 });
    await expect(fetch(789019)).rejects.toThrow(`${origin}/api/xbrl/companyfacts/CIK0000789019.json: HTTP 503 after 3 attempts`);
    expect(seen).toHaveLength(3);
    // Waits of 100 then 200 ms (less a little for timer granularity).
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(95);
    expect(seen[2]!.at - seen[1]!.at).toBeGreaterThanOrEqual(195);
  });

  it("does not retry a refusal, and says why SEC refuses", async () => {
    const { origin, seen } = await serve(status(403));
    await expect(companyFactsFetcher({ userAgent: USER_AGENT, origin })(789019)).rejects.toThrow(
      "HTTP 403: SEC refuses requests whose User-Agent does not name the caller with an e-mail",
    );
    expect(seen).toHaveLength(1);
  });

  it("gives up on a server that does not answer in time", async () => {
    const { origin } = await serve(() => {});
    const started = performance.now();
    await expect(companyFactsFetcher({ userAgent: USER_AGENT, origin, timeoutMs: 300 })(789019)).rejects.toThrow("no answer within 0.3 s");
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("gives up on a server that stalls in the middle of the body", async () => {
    const { origin } = await serve((res) => res.writeHead(200).write('{"cik": 1652044,'));
    await expect(companyFactsFetcher({ userAgent: USER_AGENT, origin, timeoutMs: 300 })(789019)).rejects.toThrow("no answer within 0.3 s");
  });

  it("stays under 10 requests a second across companies", async () => {
    const { origin, seen } = await serve(ok);
    const fetch = companyFactsFetcher({ userAgent: USER_AGENT, origin });
    for (const cik of [789019, 1652044, 1018724, 1326801, 1045810, 789019, 1652044, 1018724, 1326801, 1045810, 789019]) await fetch(cik);
    // 11 requests, at least 110 ms apart: 10 gaps of 110 ms, so no second holds 10 or more.
    expect(seen).toHaveLength(11);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.at - seen[i - 1]!.at).toBeGreaterThanOrEqual(105);
    for (let i = 10; i < seen.length; i++) expect(seen[i]!.at - seen[i - 10]!.at).toBeGreaterThanOrEqual(1_000);
  });

  it("says plainly that the network is not there", async () => {
    const { origin } = await serve(ok);
    server!.close();
    await once(server!, "close");
    await expect(companyFactsFetcher({ userAgent: USER_AGENT, origin })(789019)).rejects.toThrow(
      /^cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\): no network\? Give recorded responses with --file instead$/,
    );
  });

  it("refuses a response larger than a companyfacts response can be", async () => {
    const { origin } = await serve((res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(1024 * 1024, 32);
      for (let i = 0; i < 65; i++) res.write(chunk);
      res.end();
    });
    await expect(companyFactsFetcher({ userAgent: USER_AGENT, origin })(789019)).rejects.toThrow("the response is larger than 64 MB");
  });

  it("refuses to start without a User-Agent that names the caller and an e-mail", () => {
    expect(() => companyFactsFetcher({ userAgent: "curl/8.0" })).toThrow(SecFetchError);
  });
});

describe("isSecUserAgent", () => {
  it.each([
    ["Jane Analyst jane@example.com", true],
    ["Capex Monitor admin@fund.example", true],
    ["jane@example.com", false],
    ["Jane Analyst", false],
    ["Jane\nAnalyst jane@example.com", false],
    [`${"x".repeat(200)} jane@example.com`, false],
  ])("%j: %s", (userAgent, accepted) => {
    expect(isSecUserAgent(userAgent)).toBe(accepted);
  });
});
