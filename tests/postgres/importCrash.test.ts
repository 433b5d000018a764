// kill -9 of `npm run import` in the middle of a PostgreSQL import: the import's one transaction
// dies with its connection, so the database holds the state before it (or, when the kill came
// after the COMMIT was sent, the state after it), never a part of it; and the write lock goes with
// it, so the next import runs. Each kill lands at a random moment after the import's transaction
// opened, from a seeded generator (FUZZ_SEED sets another seed), on a fresh copy of the default data.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoreLocation } from "../../server/db/client.ts";
import { type ImportProcess, inspectDatabase, largeObservationCsv, sleep, startImport } from "../helpers/largeImport.ts";
import { seededRandom, testSeed } from "../helpers/seed.ts";
import { removeLocation, TEST_DATABASE_URL, tempLocation } from "../helpers/store.ts";

const SEED = testSeed(1919);
const ROWS = 30_000;
const KILLS = 6;

let dir: string;
let file: string;
let monitor: pg.Client;
let before: Awaited<ReturnType<typeof inspectDatabase>>;
let after: Awaited<ReturnType<typeof inspectDatabase>>;
/** How long an uninterrupted import's transaction stays open (ms). */
let duration: number;

const databaseOf = (location: StoreLocation) => (location.dialect === "postgres" ? new URL(location.url).pathname.slice(1) : "");

/** Connections to the import's database with a transaction open, and any at all. */
async function activity(location: StoreLocation) {
  const { rows } = await monitor.query<{ open: number; connected: number }>(
    "select count(*) filter (where xact_start is not null)::int as open, count(*)::int as connected from pg_stat_activity where datname = $1",
    [databaseOf(location)],
  );
  return rows[0]!;
}

/** Resolves once the import's transaction is open (or the import is over). */
async function transactionOpen(location: StoreLocation, run: ImportProcess) {
  while (!run.finished() && (await activity(location)).open === 0) await sleep(5);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "capex-pg-crash-"));
  file = join(dir, "large.csv");
  writeFileSync(file, largeObservationCsv(ROWS));
  monitor = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await monitor.connect();
  const complete = await tempLocation("default-data");
  if (complete.dialect !== "postgres") throw new Error("a test of PostgreSQL");
  before = await inspectDatabase(complete);
  const run = startImport(file, complete);
  await transactionOpen(complete, run);
  const opened = performance.now();
  const { code, output } = await run.exited;
  duration = performance.now() - opened;
  expect(code, output).toBe(0);
  after = await inspectDatabase(complete);
  expect(after.timelessChecksum).not.toBe(before.timelessChecksum);
  await removeLocation(null, complete);
}, 60_000);

afterAll(async () => {
  await monitor?.end();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run import on PostgreSQL killed with SIGKILL", () => {
  it(`leaves the state before or after a ${ROWS}-row import, never a mix, after at least ${KILLS} kills; the next import runs`, async () => {
    const random = seededRandom(SEED);
    const outcomes: { at: number; state: string }[] = [];
    let last: StoreLocation | undefined;
    for (let attempt = 0; outcomes.length < KILLS && attempt < KILLS * 2; attempt++) {
      if (last) await removeLocation(null, last);
      const location = await tempLocation("default-data");
      last = location;
      const run = startImport(file, location);
      await transactionOpen(location, run);
      const at = Math.round(random() * 0.9 * duration);
      await sleep(at);
      run.kill();
      const { code } = await run.exited;
      // The server notices the lost client at its next read or write; then the backend goes.
      while ((await activity(location)).connected > 0) await sleep(20);
      const found = await inspectDatabase(location);
      const state = found.checksum === before.checksum ? "before" : found.timelessChecksum === after.timelessChecksum ? "after" : "a mix";
      expect(state, `killed ${at} ms after the transaction opened (seed ${SEED})`).not.toBe("a mix");
      // A run that ended before the kill reached it proves nothing about crashes: not counted.
      if (code === null) outcomes.push({ at, state });
    }
    console.info(
      `PostgreSQL crash test (seed ${SEED}): ${outcomes.length} kills of a ${ROWS}-row import (transaction open ${Math.round(duration)} ms):`,
      outcomes.map((o) => `${o.at} ms -> ${o.state}`).join(", "),
    );
    expect(outcomes.length, `seed ${SEED}`).toBeGreaterThanOrEqual(KILLS);
    expect(outcomes.filter((o) => o.state === "before").length, `seed ${SEED}`).toBeGreaterThanOrEqual(KILLS - 1);

    // Nothing is left holding the write lock: on the last killed one, an import runs to its commit
    // and writes what an uninterrupted one did (its ids may be further on, if the kill came after
    // the killed import drew some from the sequences).
    const complete = startImport(file, last!);
    const { code, output } = await complete.exited;
    expect(code, output).toBe(0);
    expect((await inspectDatabase(last!)).contentChecksum).toBe(after.contentChecksum);
    await removeLocation(null, last!);
  }, 240_000);
});
