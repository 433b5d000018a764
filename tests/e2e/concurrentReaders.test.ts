// 50 clients read /api/thesis from the real server, over HTTP, while a large write commits: first
// an upload through the server itself (on its writer thread, with its own connection), then
// `npm run import` from another process (readers and the writer then really run at once, on one
// SQLite file in WAL mode, or on one PostgreSQL database, each read in one snapshot). No read
// fails, and every response is exactly the thesis of one data version: its dataVersion's figures,
// never a mix.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { largeObservationCsv, startImport } from "../helpers/largeImport.ts";
import { newToken } from "../helpers/store.ts";
import { type RunningServer, startServer } from "./server.ts";

const CLIENTS = 50;
const ROWS = 30_000;
const HYPERSCALERS = ["MSFT", "GOOGL", "AMZN", "META"];

/** 50 different views (5 sets of companies x 10 lookbacks), so readers do not all share one cached answer. */
const COMPANY_SETS = ["MSFT,GOOGL,AMZN,META", "MSFT,GOOGL", "AMZN,META", "MSFT", "GOOGL,AMZN,META"];
const QUERIES = Array.from({ length: CLIENTS }, (_, i) => `/api/thesis?companies=${COMPANY_SETS[i % 5]}&lookback=${Math.floor(i / 5) + 1}`);

/** A new quarter of capex for every hyperscaler: it changes the thesis of every view. */
const newQuarter = (value: number) =>
  HYPERSCALERS.map((entity) => `${entity},capex,2026-Q3,${value},USD_m,reported,https://example.com/${entity}`);

let server: RunningServer;
let dir: string;
let analyst: string;
beforeAll(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), "capex-readers-"));
  analyst = await newToken(server.location, "readers-test");
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Read {
  status: number | string;
  version: number;
  hash: string;
}

/** One read; a failed request is recorded, not thrown. The data version is the body's first field. */
async function read(query: string): Promise<Read> {
  try {
    const response = await fetch(`${server.url}${query}`);
    const text = await response.text();
    return {
      status: response.status,
      version: Number(/^\{"dataVersion":(\d+),/.exec(text)?.[1]),
      hash: createHash("sha256").update(text).digest("hex"),
    };
  } catch (error) {
    return { status: String(error), version: NaN, hash: "" };
  }
}

/** Each view's thesis at the current data version, read when nothing writes. */
async function reference(): Promise<{ version: number; hashes: string[] }> {
  const reads = await Promise.all(QUERIES.map(read));
  expect(new Set(reads.map((r) => r.version)).size).toBe(1);
  return { version: reads[0]!.version, hashes: reads.map((r) => r.hash) };
}

/** Every client reads its view again and again until `write` settles, then once more. */
async function readWhile(write: Promise<unknown>): Promise<Read[][]> {
  let writing = true;
  const settled = write.finally(() => (writing = false));
  const clients = QUERIES.map(async (query) => {
    const reads: Read[] = [];
    do reads.push(await read(query));
    while (writing);
    reads.push(await read(query));
    return reads;
  });
  await settled;
  return Promise.all(clients);
}

/** Every read is a 200 holding exactly the before or the after thesis of its view, by its dataVersion. */
function expectConsistent(
  readsByClient: Read[][],
  before: { version: number; hashes: string[] },
  after: { version: number; hashes: string[] },
) {
  expect(after.version).toBe(before.version + 1);
  const versions = new Map<number, number>();
  readsByClient.forEach((reads, client) => {
    for (const r of reads) {
      expect(r.status, QUERIES[client]).toBe(200);
      const known = r.version === before.version ? before : r.version === after.version ? after : null;
      expect(known, `${QUERIES[client]} answered data version ${r.version}`).not.toBeNull();
      expect(r.hash, `${QUERIES[client]} at data version ${r.version}`).toBe(known!.hashes[client]);
      versions.set(r.version, (versions.get(r.version) ?? 0) + 1);
    }
  });
  // Every client's last read came after the commit.
  for (const reads of readsByClient) expect(reads.at(-1)!.version).toBe(after.version);
  return Object.fromEntries(versions);
}

describe(`${CLIENTS} concurrent readers of /api/thesis`, () => {
  it(`see one data version per response while a ${ROWS}-row upload commits through the server`, async () => {
    const before = await reference();
    const upload = fetch(`${server.url}/api/uploads?name=large.csv`, {
      method: "POST",
      headers: { Authorization: `Bearer ${analyst}`, "Content-Type": "text/csv" },
      body: largeObservationCsv(ROWS, { head: newQuarter(40_100) }),
    }).then(async (response) => expect(response.status, await response.text()).toBe(200));
    const reads = await readWhile(upload);
    const after = await reference();
    const versions = expectConsistent(reads, before, after);
    console.info(`concurrent readers, upload: ${reads.flat().length} reads ${JSON.stringify(versions)}`);
  }, 120_000);

  it(`see one data version per response while npm run import writes ${ROWS} rows from another process`, async () => {
    const before = await reference();
    const file = join(dir, "import.csv");
    writeFileSync(file, largeObservationCsv(ROWS, { head: newQuarter(52_700), shift: 1 }));
    const run = startImport(file, server.location);
    const imported = run.exited.then(({ code, output }) => expect(code, output).toBe(0));
    const reads = await readWhile(imported);
    const after = await reference();
    const versions = expectConsistent(reads, before, after);
    expect(versions[before.version]).toBeGreaterThan(CLIENTS);
    console.info(`concurrent readers, import: ${reads.flat().length} reads ${JSON.stringify(versions)}`);
  }, 120_000);
});
