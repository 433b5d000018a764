// Ingest: our import (parse, validate, compare, write, revisions) against the bare better-sqlite3
// loop and SQLite's own CSV import, on the same generated file.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { writeSyntheticDataSet } from "./syntheticData.ts";
import type { Row } from "./table.ts";

/** The last line ingestChild.ts prints. */
const childResult = z.object({ rowsPerSecond: z.number(), seconds: z.number(), peakRssMb: z.number() });

function child(mode: "ours" | "bare", csv: string, dir: string, rows: number) {
  const output = execFileSync(
    join("node_modules", ".bin", "tsx"),
    ["scripts/bench/ingestChild.ts", mode, csv, join(dir, `${mode}.db`), dir, String(rows)],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  const printed = output.trim();
  return childResult.parse(JSON.parse(printed.slice(printed.lastIndexOf("\n") + 1)));
}

function sqliteImport(csv: string, dir: string, rows: number): number | null {
  if (spawnSync("sqlite3", ["-version"]).status !== 0) return null;
  const script = `create table o (entity, metric, period, period_end, fiscal_label, value, unit, basis, source, note);\n.import --csv --skip 1 ${csv} o\n`;
  const started = performance.now();
  execFileSync("sqlite3", [join(dir, "cli.db")], { input: script });
  return rows / ((performance.now() - started) / 1000);
}

export function ingestBench(dir: string, rows: number): Row[] {
  mkdirSync(dir, { recursive: true });
  const csv = writeSyntheticDataSet(dir, rows, dir, (name) => readFileSync(join("data", name), "utf8"));
  const bare = child("bare", csv, dir, rows);
  const ours = child("ours", csv, dir, rows);
  const cli = sqliteImport(csv, dir, rows);
  const result: Row[] = [
    {
      what: `ingest ${rows.toLocaleString("en-US")} rows: bare better-sqlite3 loop`,
      value: `${Math.round(bare.rowsPerSecond).toLocaleString("en-US")} rows/s`,
      ratio: "1.00",
      budget: "",
    },
    {
      what: "ingest: our import (parse, validate, compare, write, revisions)",
      value: `${Math.round(ours.rowsPerSecond).toLocaleString("en-US")} rows/s`,
      ratio: (ours.rowsPerSecond / bare.rowsPerSecond).toFixed(2),
      budget: ours.rowsPerSecond >= bare.rowsPerSecond / 2 ? ">= 0.50: met" : ">= 0.50: NOT met",
    },
    {
      what: "ingest: our import, peak RSS",
      value: `${Math.round(ours.peakRssMb)} MB`,
      ratio: "",
      budget: ours.peakRssMb < 300 ? "< 300 MB: met" : "< 300 MB: NOT met",
    },
    { what: "ingest: bare loop, peak RSS", value: `${Math.round(bare.peakRssMb)} MB`, ratio: "", budget: "" },
  ];
  if (cli !== null) {
    result.push({
      what: "ingest: sqlite3 .import --csv (no checks, no indexes)",
      value: `${Math.round(cli).toLocaleString("en-US")} rows/s`,
      ratio: (cli / bare.rowsPerSecond).toFixed(2),
      budget: "",
    });
  }
  return result;
}
