// API: the real server against a bare node:http server that answers the same bytes, both loaded by
// autocannon on loopback for the same time; plus the first (uncached) thesis computation.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { startServer } from "../../tests/e2e/server.ts";
import type { Row } from "./table.ts";

const SECONDS = 10;

async function load(url: string) {
  const result = await autocannon({ url, duration: SECONDS, connections: 10 });
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

export async function apiBench(label: string, databasePath: string | undefined, budgets: boolean): Promise<Row[]> {
  const server = await startServer(databasePath);
  const rows: Row[] = [];
  try {
    const started = performance.now();
    const first = await fetch(`${server.url}/api/thesis`);
    const coldMs = performance.now() - started;
    await first.arrayBuffer();
    rows.push({
      what: `${label}: first /api/thesis (computed, not cached)`,
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
