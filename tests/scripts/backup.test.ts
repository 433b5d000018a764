// npm run backup of a SQLite store (tests/postgres/backup.test.ts has PostgreSQL's) while a
// 30,000-row import runs in another process: every backup passes
// integrity_check and holds exactly a committed state (before the import or after it). Restoring
// one as README says (copy it to DATABASE_PATH while the server is stopped) serves the same
// /api/health as the state it copied.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { closeStore, openStore, type StoreLocation } from "../../server/db/client.ts";
import { startServer } from "../e2e/server.ts";
import { runScript } from "../helpers/cli.ts";
import { inspectDatabase, largeObservationCsv, startImport } from "../helpers/largeImport.ts";
import { tempLocation } from "../helpers/store.ts";

let dir: string;
let template: string;
let live: string;
let file: string;
const sqliteAt = (path: string): StoreLocation => ({ dialect: "sqlite", path });
/** Imports run until one had a backup taken while it ran. */
const ATTEMPTS = 4;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "capex-backup-"));
  template = join(dir, "template.db");
  live = join(dir, "live.db");
  file = join(dir, "large.csv");
  const filled = await tempLocation("default-data");
  if (filled.dialect !== "sqlite") throw new Error("a test of SQLite's backup");
  copyFileSync(filled.path, template);
  copyFileSync(filled.path, live);
  rmSync(join(filled.path, ".."), { recursive: true, force: true });
  writeFileSync(file, largeObservationCsv(30_000));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const backup = (path: string) => runScript("backup.ts", [path], { env: { DATABASE_PATH: live } });

/** /api/health of a database file, in-process. */
async function healthOf(path: string) {
  const store = await openStore(sqliteAt(path));
  const health = await (await createApp({ store }).request("/api/health")).json();
  await closeStore(store);
  return health;
}

describe("npm run backup -- FILE", () => {
  const taken: { path: string; duringImport: boolean; state?: "before" | "after" }[] = [];

  it("copies a committed state, checked, while a large import runs, and the final state after it", async () => {
    // Under load an import can end before the first backup's process has: then it is run again on
    // the state before it, a few times at most.
    for (let attempt = 0; attempt < ATTEMPTS && !taken.some((copy) => copy.duringImport); attempt++) {
      taken.length = 0;
      if (attempt > 0) {
        for (const suffix of ["-wal", "-shm"]) rmSync(`${live}${suffix}`, { force: true });
        copyFileSync(template, live);
      }
      const run = startImport(file, sqliteAt(live));
      while (!run.finished()) {
        const path = join(dir, `backup-${attempt}-${taken.length}.db`);
        const result = await backup(path);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toMatch(/^Backed up .* integrity ok\.$/m);
        taken.push({ path, duringImport: !run.finished() });
      }
      expect((await run.exited).code).toBe(0);
    }
    const last = join(dir, "backup-final.db");
    expect((await backup(last)).code).toBe(0);
    taken.push({ path: last, duringImport: false });

    const before = (await inspectDatabase(sqliteAt(template))).checksum;
    const after = (await inspectDatabase(sqliteAt(live))).checksum;
    expect(after).not.toBe(before);
    for (const copy of taken) {
      const found = await inspectDatabase(sqliteAt(copy.path));
      expect(found.integrity).toBe("ok");
      copy.state = found.checksum === before ? "before" : found.checksum === after ? "after" : undefined;
      expect(copy.state, copy.path).toBeDefined();
    }
    expect(taken.filter((copy) => copy.duringImport).length).toBeGreaterThanOrEqual(1);
    expect(taken.at(-1)!.state).toBe("after");
    console.info(`backup test: ${taken.map((copy) => `${copy.state}${copy.duringImport ? " (during the import)" : ""}`).join(", ")}`);
  }, 300_000);

  it("restores: a backup copied to DATABASE_PATH of a stopped server serves the same /api/health", async () => {
    const copy = taken.find((candidate) => candidate.duringImport)!;
    const restored = join(dir, "restored", "capex.db");
    mkdirSync(join(dir, "restored"));
    copyFileSync(copy.path, restored);
    const server = await startServer(sqliteAt(restored));
    try {
      const health = await (await fetch(`${server.url}/api/health`)).json();
      expect(health).toEqual(await healthOf(copy.state === "before" ? template : live));
    } finally {
      await server.stop();
    }
  }, 60_000);

  it("refuses a missing database or a missing FILE, writing nothing", async () => {
    const missing = await runScript("backup.ts", [join(dir, "never.db")], { env: { DATABASE_PATH: join(dir, "absent.db") } });
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining("No database at") });
    expect(await runScript("backup.ts", [], { env: { DATABASE_PATH: live } })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("usage: npm run backup -- FILE"),
    });
  });
});
