// API: the real server against a bare node:http server that answers the same bytes, both loaded by
// autocannon on loopback for the same time; plus the first (uncached) thesis computation. And the
// thesis on PostgreSQL side by side with SQLite on the same data.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import type { StoreLocation } from "../../server/db/client.ts";
import { startServer } from "../../tests/e2e/server.ts";
import { median } from "./median.ts";
import type { Row } from "./table.ts";

const SECONDS = 10;

async function load(url: string, seconds = SECONDS) {
  const result = await autocannon({ url, duration: seconds, connections: 10 });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** A server that only writes the given bytes: the ceiling for answering this response here. */
async function bareServer(body: Buffer): Promise<{ url: string; close(): void }> {
  const server = createServer((_, response) => {
    response.writeHead(200, { "Content-Type": "application/json", "Content-Length": body.length });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** The API bench on `location` (a new SQLite file when not given). */
export async function apiBench(label: string, location: StoreLocation | undefined, budgets: boolean): Promise<Row[]> {
  const server = await startServer(location);
  const rows: Row[] = [];
  try {
    const coldMs = await firstThesis(server.url);
    rows.push({
      what: `${label}: /api/thesis computed, not cached (lookback=8, after start-up)`,
      value: `${Math.round(coldMs)} ms`,
      ratio: "",
      budget: budgets ? (coldMs < 1000 ? "< 1 s: met" : "< 1 s: NOT met") : "",
    });
    for (const path of ["/api/thesis", "/api/observations?entity=MSFT&metric=capex", "/api/killer-apps"]) {
      const body = Buffer.from(await (await fetch(`${server.url}${path}`)).arrayBuffer());
      const bare = await bareServer(body);
      const baseline = await load(bare.url);
      bare.close();
      const ours = await load(`${server.url}${path}`);
      const ratio = ours.rps / baseline.rps;
      const size = `${Math.round(body.length / 1024)} KB`;
      rows.push({
        what: `${label}: bare node:http, same ${size}`,
        value: `${Math.round(baseline.rps)} req/s, p50 ${baseline.p50} ms, p99 ${baseline.p99} ms`,
        ratio: "1.00",
        budget: "",
      });
      rows.push({
        what: `${label}: GET ${path}`,
        value: `${Math.round(ours.rps)} req/s, p50 ${ours.p50} ms, p99 ${ours.p99} ms`,
        ratio: ratio.toFixed(2),
        budget: budgets ? (ratio >= 0.7 ? ">= 0.70: met" : ">= 0.70: NOT met") : "",
      });
    }
  } finally {
    await server.stop();
  }
  return rows;
}

/**
 * The time of a thesis computed, not cached (ms): once the server's start-up drawing of the default
 * page is done (it computes the default thesis, and a first request would join or wait for it),
 * the thesis of parameters nothing asked for before.
 */
async function firstThesis(url: string): Promise<number> {
  await (await fetch(`${url}/`)).arrayBuffer();
  const started = performance.now();
  const first = await fetch(`${url}/api/thesis?lookback=8`);
  await first.arrayBuffer();
  return performance.now() - started;
}

/** Rounds of loading each server in turn: a machine's load that drifts falls on both alike. */
const ROUNDS = 5;

/**
 * /api/thesis on PostgreSQL against SQLite on the same data, side by side: both servers started
 * at once, the cold answer of each, then ROUNDS rounds loading the bare server and the two in
 * turn (SQLite first in one round, PostgreSQL in the next), and of each round PostgreSQL's rate
 * over SQLite's; the median kept.
 */
export async function postgresApiBench(label: string, sqlite: StoreLocation | undefined, postgres: StoreLocation): Promise<Row[]> {
  const [onSqlite, onPostgres] = await Promise.all([startServer(sqlite), startServer(postgres)]);
  try {
    const [coldSqlite, coldPostgres] = [await firstThesis(onSqlite.url), await firstThesis(onPostgres.url)];
    const body = Buffer.from(await (await fetch(`${onSqlite.url}/api/thesis`)).arrayBuffer());
    const bare = await bareServer(body);
    const rps: Record<"bare" | "sqlite" | "postgres", number[]> = { bare: [], sqlite: [], postgres: [] };
    const seconds = Math.round((SECONDS * 2) / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      rps.bare.push((await load(bare.url, seconds)).rps);
      const order = round % 2 === 0 ? (["sqlite", "postgres"] as const) : (["postgres", "sqlite"] as const);
      for (const store of order)
        rps[store].push((await load(`${(store === "sqlite" ? onSqlite : onPostgres).url}/api/thesis`, seconds)).rps);
    }
    bare.close();
    const ofSqlite = median(rps.postgres.map((value, round) => value / (rps.sqlite[round] ?? value)));
    const each = (values: number[]) => values.map(Math.round).join(", ");
    return [
      {
        what: `${label}: /api/thesis computed, not cached, PostgreSQL against SQLite (${Math.round(coldSqlite)} ms)`,
        value: `${Math.round(coldPostgres)} ms`,
        ratio: (coldPostgres / coldSqlite).toFixed(2),
        budget: coldPostgres < 1000 ? "< 1 s: met" : "< 1 s: NOT met",
      },
      {
        what: `${label}: bare node:http, same ${Math.round(body.length / 1024)} KB, ${ROUNDS} rounds of ${seconds} s (${each(rps.bare)})`,
        value: `${Math.round(median(rps.bare))} req/s`,
        ratio: "",
        budget: "",
      },
      {
        what: `${label}: GET /api/thesis on SQLite, in the same rounds (${each(rps.sqlite)})`,
        value: `${Math.round(median(rps.sqlite))} req/s`,
        ratio: "1.00",
        budget: "",
      },
      {
        what: `${label}: GET /api/thesis on PostgreSQL, in the same rounds (${each(rps.postgres)}); ratio: median of the rounds'`,
        value: `${Math.round(median(rps.postgres))} req/s`,
        ratio: ofSqlite.toFixed(2),
        budget: ofSqlite >= 0.9 ? ">= 0.90: met" : ">= 0.90: NOT met",
      },
    ];
  } finally {
    await Promise.all([onSqlite.stop(), onPostgres.stop()]);
  }
}
