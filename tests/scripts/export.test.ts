import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import type { StoreLocation } from "../../server/db/client.ts";
import { runScript } from "../helpers/cli.ts";
import { defaultDataRows, quartersBetween, removeLocation, storeEnv, tempLocation, tempStore } from "../helpers/store.ts";

const dir = mkdtempSync(join(tmpdir(), "capex-export-cli-"));
// An empty database: the CLI loads the default data into it, as the server would.
let location: StoreLocation;
beforeAll(async () => {
  location = await tempLocation();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await removeLocation(null, location);
});

// Run from the temporary folder, so a file written without --out lands there.
const exportCli = (...args: string[]) => runScript("export.ts", args, { cwd: dir, env: storeEnv(location) });

describe("npm run export", () => {
  it("writes a readable XLSX of the thesis with the API's numbers, for the parameters given", async () => {
    const out = join(dir, "thesis.xlsx");
    const result = await exportCli("--table", "thesis", "--format", "xlsx", "--out", out, "--from", "2024-Q1", "--lookback", "2");
    expect(result.code).toBe(0);
    // One row a quarter from 2024-Q1 to the latest quarter in data/ with capex of a hyperscaler (the default companies).
    const latest = defaultDataRows()
      .filter((row) => row.metric === "capex" && ["MSFT", "GOOGL", "AMZN", "META"].includes(row.entity!) && row.period!.includes("-Q"))
      .map((row) => row.period!)
      .sort()
      .at(-1)!;
    const quarters = quartersBetween("2024-Q1", latest);
    expect(result.stdout).toContain(`Wrote ${out}: ${quarters.length} rows of thesis, data version 1.`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["thesis", "Sources and method"]);
    const sheet = workbook.getWorksheet("thesis")!;
    const column = (header: string) => (sheet.getRow(1).values as ExcelJS.CellValue[]).indexOf(header);
    const store = await tempStore("default-data");
    const api = (await (await createApp({ store }).request("/api/thesis?from=2024-Q1&lookback=2")).json()) as any;
    await store.close();
    expect(api.quarters.map((q: any) => q.quarter)).toEqual(quarters);
    expect(sheet.rowCount).toBe(quarters.length + 1);
    api.quarters.forEach((q: any, i: number) => {
      expect(sheet.getRow(i + 2).getCell(column("Quarter")).value).toBe(q.quarter);
      expect(sheet.getRow(i + 2).getCell(column("Aggregate capex TTM")).value).toBe(q.aggregate.capexTtm.value);
      expect(sheet.getRow(i + 2).getCell(column("Coverage flag")).value).toBe(q.flag.status);
    });
  });

  it("names the file after the table and data version when --out is left out", async () => {
    const result = await exportCli("--table", "companies", "--format", "csv");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Wrote ai-capex-companies-v1.csv: 4 rows of companies");
    expect(readFileSync(join(dir, "ai-capex-companies-v1.csv"), "utf8")).toMatch(/^\uFEFFCompany,Quarter,/);
  });

  it("writes the scenarios table with the API's numbers, for the scenario parameters given", async () => {
    const out = join(dir, "scenarios.csv");
    const result = await exportCli("--table", "scenarios", "--format", "csv", "--out", out, "--life", "3", "--aiGrowth", "1.5");
    expect(result.code).toBe(0);
    const store = await tempStore("default-data");
    const response = await createApp({ store }).request("/api/export/scenarios.csv?life=3&aiGrowth=1.5");
    await store.close();
    expect(readFileSync(out).equals(Buffer.from(await response.arrayBuffer()))).toBe(true);
    expect(result.stdout).toMatch(/^Wrote .*scenarios\.csv: \d+ rows of scenarios, data version 1\./);
  });

  it.each([
    [["--table", "thesis", "--format", "xlsx", "--margin", "1"], "--margin: "],
    [["--table", "observations", "--format", "csv", "--lookback", "4"], "--lookback: unknown parameter"],
    [["--table", "capex", "--format", "csv"], "--table must be one of thesis, companies, observations, killer-apps, scenarios"],
    [["--table", "scenarios", "--format", "csv", "--life", "7"], "--life: expected one of 3, 4, 5, 5.5, 6 years"],
    [["--table", "thesis", "--format", "csv", "--life", "3"], "--life: unknown parameter"],
    [["--table", "thesis", "--format", "pdf"], "--format must be one of csv, xlsx, json"],
  ])("exits 2 naming what is wrong for %j", async (args, message) => {
    const result = await exportCli(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
