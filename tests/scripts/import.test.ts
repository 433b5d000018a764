import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeStore, openStore, type Store, type StoreLocation } from "../../server/db/client.ts";
import { rows } from "../../server/db/query.ts";
import { runScript } from "../helpers/cli.ts";
import { checksumRows, removeLocation, storeEnv, tempLocation } from "../helpers/store.ts";

const dir = mkdtempSync(join(tmpdir(), "capex-cli-"));
// An empty database: the CLI loads the default data into it first.
let location: StoreLocation;

const importCli = (...args: string[]) => runScript("import.ts", args, { env: storeEnv(location) });

async function inStore<T>(read: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(location, { migrate: false });
  try {
    return await read(store);
  } finally {
    await closeStore(store);
  }
}
const hashDatabase = () => inStore((store) => checksumRows(store));
const msftCapex = (period: string) =>
  inStore(
    async (store) =>
      (await rows(store, sql`select value from observations where entity = 'MSFT' and metric = 'capex' and period = ${period}`))[0],
  );

beforeAll(async () => {
  location = await tempLocation();
  writeFileSync(join(dir, "good.csv"), "entity,metric,period,value,unit,source\nMSFT,capex,2026-Q3,40000,USD_m,https://example.com/q\n");
  writeFileSync(
    join(dir, "one-bad-row.csv"),
    "entity,metric,period,value,unit,source\nMSFT,capex,2026-Q4,41000,USD_m,https://example.com/a\nMSFT,capex,2027-Q1,4l000,USD_m,https://example.com/b\n",
  );
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await removeLocation(null, location);
});

describe("npm run import", () => {
  it("seeds a fresh database with the default data, then imports a valid file and prints the counts", async () => {
    const result = await importCli(join(dir, "good.csv"));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Imported: inserted 1, updated 0, unchanged 0, rejected 0\. Data version 2\./);
    expect(await msftCapex("2026-Q3")).toEqual({ value: 40000 });
  });

  it("exits non-zero on a file with one bad row, naming file, line and column, and leaves the database unchanged", async () => {
    const before = await hashDatabase();
    const result = await importCli(join(dir, "one-bad-row.csv"));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: ${join(dir, "one-bad-row.csv")}:3 column value ("4l000"): expected a plain decimal number`);
    expect(result.stderr).toMatch(/nothing was written/);
    expect(await hashDatabase()).toBe(before);
    expect(await msftCapex("2026-Q4")).toBeUndefined();
  });

  it("reports a dry run without writing", async () => {
    const before = await hashDatabase();
    const result = await importCli(join(dir, "good.csv"), "--dry-run");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Dry run \(nothing written\): inserted 0, updated 0, unchanged 1, rejected 0/);
    expect(await hashDatabase()).toBe(before);
  });
});
