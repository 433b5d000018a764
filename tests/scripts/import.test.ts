import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScript } from "../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "capex-cli-"));
const databasePath = join(dir, "capex.db");

const importCli = (...args: string[]) => runScript("import.ts", args, { env: { DATABASE_PATH: databasePath } });

const hashDatabase = () => createHash("sha256").update(readFileSync(databasePath)).digest("hex");
function msftCapex(period: string) {
  const db = new Database(databasePath, { readonly: true });
  const row = db.prepare("select value from observations where entity = 'MSFT' and metric = 'capex' and period = ?").get(period);
  db.close();
  return row;
}

beforeAll(() => {
  writeFileSync(join(dir, "good.csv"), "entity,metric,period,value,unit,source\nMSFT,capex,2026-Q3,40000,USD_m,https://example.com/q\n");
  writeFileSync(
    join(dir, "one-bad-row.csv"),
    "entity,metric,period,value,unit,source\nMSFT,capex,2026-Q4,41000,USD_m,https://example.com/a\nMSFT,capex,2027-Q1,4l000,USD_m,https://example.com/b\n",
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run import", () => {
  it("seeds a fresh database with the default data, then imports a valid file and prints the counts", async () => {
    const result = await importCli(join(dir, "good.csv"));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Imported: inserted 1, updated 0, unchanged 0, rejected 0\. Data version 2\./);
    expect(msftCapex("2026-Q3")).toEqual({ value: 40000 });
  });

  it("exits non-zero on a file with one bad row, naming file, line and column, and leaves the database unchanged", async () => {
    const before = hashDatabase();
    const result = await importCli(join(dir, "one-bad-row.csv"));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: ${join(dir, "one-bad-row.csv")}:3 column value ("4l000"): expected a plain decimal number`);
    expect(result.stderr).toMatch(/nothing was written/);
    expect(hashDatabase()).toBe(before);
    expect(msftCapex("2026-Q4")).toBeUndefined();
  });

  it("reports a dry run without writing", async () => {
    const before = hashDatabase();
    const result = await importCli(join(dir, "good.csv"), "--dry-run");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Dry run \(nothing written\): inserted 0, updated 0, unchanged 1, rejected 0/);
    expect(hashDatabase()).toBe(before);
  });
});
