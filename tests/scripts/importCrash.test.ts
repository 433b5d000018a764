// A crash in the middle of `npm run import` on SQLite (tests/postgres/importCrash.test.ts has
// PostgreSQL's): the CLI is killed with SIGKILL at random moments of a
// 30,000-row import. Afterwards the database passes integrity_check and holds either the state
// before the import or the state after it, never part of it (SQLite's atomic commit, and our one
// transaction per import). The kill moments come from a seeded generator (FUZZ_SEED sets another
// seed): a replay draws the same ones, though the import's own pace still varies between runs.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ImportProcess, inspectDatabase, largeObservationCsv, sleep, startImport, walSize } from "../helpers/largeImport.ts";
import { seededRandom, testSeed } from "../helpers/seed.ts";
import { tempLocation } from "../helpers/store.ts";

const SEED = testSeed(1313);
const ROWS = 30_000;
const KILLS = 12;
/** Kills that must land after the import wrote pages to the log but before it committed. */
const MID_WRITE_KILLS = 3;

let dir: string;
let template: string;
let file: string;
let before: Awaited<ReturnType<typeof inspectDatabase>>;
let after: Awaited<ReturnType<typeof inspectDatabase>>;
/** Of the uninterrupted run: how long it took (ms), and how large its write-ahead log grew (bytes). */
let duration: number;
let logBytes = 0;

const sqliteAt = (path: string) => ({ dialect: "sqlite", path }) as const;

/** Waits until `done()` or the import's end. */
async function until(done: () => boolean, run: ImportProcess) {
  while (!done() && !run.finished()) await sleep(2);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "capex-crash-"));
  template = join(dir, "template.db");
  file = join(dir, "large.csv");
  const filled = await tempLocation("default-data");
  if (filled.dialect !== "sqlite") throw new Error("a test of SQLite's file");
  copyFileSync(filled.path, template);
  rmSync(join(filled.path, ".."), { recursive: true, force: true });
  writeFileSync(file, largeObservationCsv(ROWS));
  before = await inspectDatabase(sqliteAt(template));

  const complete = join(dir, "complete.db");
  copyFileSync(template, complete);
  const started = performance.now();
  const run = startImport(file, sqliteAt(complete));
  while (!run.finished()) {
    logBytes = Math.max(logBytes, walSize(complete));
    await sleep(2);
  }
  const { code, output } = await run.exited;
  duration = performance.now() - started;
  expect(code, output).toBe(0);
  after = await inspectDatabase(sqliteAt(complete));
  expect(after.timelessChecksum).not.toBe(before.timelessChecksum);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run import killed with SIGKILL", () => {
  it(`leaves the state before or after a ${ROWS}-row import, never a mix, after at least ${KILLS} kills`, async () => {
    const outcomes: { at: number; midWrite: boolean; state: string }[] = [];
    const midWrite = () => outcomes.filter((o) => o.midWrite).length;
    const random = seededRandom(SEED);
    for (let attempt = 0; (outcomes.length < KILLS || midWrite() < MID_WRITE_KILLS) && attempt < KILLS * 2; attempt++) {
      const path = join(dir, `killed-${attempt}.db`);
      copyFileSync(template, path);
      const started = performance.now();
      const run = startImport(file, sqliteAt(path));
      // Every other kill aims at the import's writing: once its log has grown to a random size short
      // of the full run's (pages reach the log when the page cache spills, or at the commit). The
      // rest land at any moment, mostly inside the open transaction.
      if (attempt % 2 === 1) {
        const threshold = random() * logBytes;
        await until(() => walSize(path) > threshold, run);
      } else {
        await sleep(random() * 0.9 * duration);
      }
      const logWritten = walSize(path) > 0;
      run.kill();
      const { code } = await run.exited;
      const at = Math.round(performance.now() - started);
      const found = await inspectDatabase(sqliteAt(path));
      rmSync(path, { force: true });
      rmSync(`${path}-wal`, { force: true });
      rmSync(`${path}-shm`, { force: true });
      expect(found.integrity, `killed at ${at} ms (seed ${SEED})`).toBe("ok");
      const state = found.checksum === before.checksum ? "before" : found.timelessChecksum === after.timelessChecksum ? "after" : "a mix";
      expect(state, `killed at ${at} ms (seed ${SEED})`).not.toBe("a mix");
      // A run that ended before the kill reached it proves nothing about crashes: not counted.
      if (code === null) outcomes.push({ at, midWrite: logWritten && state === "before", state });
    }
    console.info(
      `crash test (seed ${SEED}): ${outcomes.length} kills of a ${ROWS}-row import (uninterrupted ${Math.round(duration)} ms, log up to ${logBytes} bytes):`,
      outcomes.map((o) => `${o.at} ms${o.midWrite ? " (mid-write)" : ""} -> ${o.state}`).join(", "),
    );
    expect(outcomes.length, `seed ${SEED}`).toBeGreaterThanOrEqual(KILLS);
    // Uncommitted pages in the log at the kill: recovery must ignore them.
    expect(midWrite(), `seed ${SEED}`).toBeGreaterThanOrEqual(MID_WRITE_KILLS);
  }, 180_000);
});
