// npm run backup of a PostgreSQL store (pg_dump) while a 30,000-row import runs in another
// process: every dump restores (pg_restore, as README says) into exactly a committed state, before
// the import or after it; a server started on a restored database serves the same /api/health as
// the state it copied.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { closeStore, openStore, type StoreLocation } from "../../server/db/client.ts";
import { startServer } from "../e2e/server.ts";
import { runScript } from "../helpers/cli.ts";
import { inspectDatabase, largeObservationCsv, startImport } from "../helpers/largeImport.ts";
import { databaseUrl, onServer, removeLocation, storeEnv, TEST_DATABASE_PREFIX, tempLocation } from "../helpers/store.ts";

let dir: string;
let file: string;
let live: StoreLocation;
let before: Awaited<ReturnType<typeof inspectDatabase>>;
/** /api/health of the live database before and after the import. */
const healthAt: { before?: unknown; after?: unknown } = {};
const restored: StoreLocation[] = [];
/** Imports run until one had a backup taken while it ran. */
const ATTEMPTS = 4;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "capex-pg-backup-"));
  file = join(dir, "large.csv");
  writeFileSync(file, largeObservationCsv(30_000));
  live = await tempLocation("default-data");
  before = await inspectDatabase(live);
  healthAt.before = await healthOf(live);
});
afterAll(async () => {
  for (const location of restored) await removeLocation(null, location);
  await removeLocation(null, live);
  rmSync(dir, { recursive: true, force: true });
});

const backup = (path: string) => runScript("backup.ts", [path], { env: storeEnv(live) });

/** README's restore: an empty database, then pg_restore of the dump into it. */
async function restore(dump: string): Promise<StoreLocation> {
  const name = `${TEST_DATABASE_PREFIX}restored_${restored.length}`;
  await onServer(`create database ${name}`);
  const location: StoreLocation = { dialect: "postgres", url: databaseUrl(name) };
  restored.push(location);
  execFileSync("pg_restore", ["--no-owner", `--dbname=${location.url}`, dump], { stdio: ["ignore", "pipe", "pipe"] });
  return location;
}

async function healthOf(location: StoreLocation) {
  const store = await openStore(location, { migrate: false });
  const health = await (await createApp({ store }).request("/api/health")).json();
  await closeStore(store);
  return health;
}

describe("npm run backup -- FILE on PostgreSQL", () => {
  const taken: { path: string; duringImport: boolean; version: number; state?: "before" | "after"; location?: StoreLocation }[] = [];

  it("dumps a committed state while a large import runs, and the final state after it", async () => {
    // Under load an import can end before the first backup's process has: then it is run again on
    // a new database of the default data, a few times at most.
    for (let attempt = 0; attempt < ATTEMPTS && !taken.some((copy) => copy.duringImport); attempt++) {
      taken.length = 0;
      if (attempt > 0) {
        await removeLocation(null, live);
        live = await tempLocation("default-data");
        before = await inspectDatabase(live);
        healthAt.before = await healthOf(live);
      }
      const run = startImport(file, live);
      while (!run.finished()) {
        const path = join(dir, `backup-${attempt}-${taken.length}.dump`);
        const result = await backup(path);
        expect(result.code, result.stderr).toBe(0);
        const version = Number(/data version (\d+), pg_restore --list ok\.$/m.exec(result.stdout)?.[1]);
        taken.push({ path, duringImport: !run.finished(), version });
      }
      expect((await run.exited).code).toBe(0);
    }
    const last = join(dir, "backup-final.dump");
    const final = await backup(last);
    expect(final.stdout).toMatch(
      /^Backed up .* to .*backup-final\.dump: pg_dump custom format, 8 tables, data version 2, pg_restore --list ok\.$/m,
    );
    taken.push({ path: last, duringImport: false, version: 2 });

    const after = await inspectDatabase(live);
    healthAt.after = await healthOf(live);
    expect(after.checksum).not.toBe(before.checksum);
    for (const copy of taken) {
      copy.location = await restore(copy.path);
      const found = await inspectDatabase(copy.location);
      copy.state = found.checksum === before.checksum ? "before" : found.checksum === after.checksum ? "after" : undefined;
      expect(copy.state, copy.path).toBeDefined();
      expect(copy.version).toBe(copy.state === "before" ? 1 : 2);
    }
    expect(taken.filter((copy) => copy.duringImport).length).toBeGreaterThanOrEqual(1);
    expect(taken.at(-1)!.state).toBe("after");
    console.info(
      `PostgreSQL backup test: ${taken.map((copy) => `${copy.state}${copy.duringImport ? " (during the import)" : ""}`).join(", ")}`,
    );
  }, 300_000);

  it("restores: a server on the restored database serves the same /api/health as the state it copied", async () => {
    const copy = taken.find((candidate) => candidate.duringImport)!;
    const server = await startServer(copy.location);
    try {
      const health = await (await fetch(`${server.url}/api/health`)).json();
      expect(health).toEqual(healthAt[copy.state!]);
      expect((health as any).dataVersion.version).toBe(copy.version);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it("fails, writing nothing, when the database cannot be reached", async () => {
    const path = join(dir, "never.dump");
    const result = await runScript("backup.ts", [path], { env: { DATABASE_URL: databaseUrl(`${TEST_DATABASE_PREFIX}absent`) } });
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining("Backup failed: pg_dump failed") });
  });
});
