// Ingest: our import (parse, validate, compare, write, revisions) against the bare better-sqlite3
// loop and SQLite's own CSV import, on the same generated file; and on PostgreSQL, our import
// against psql's \copy of that file into a plain table (C, the limit).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { writeSyntheticDataSet } from "./syntheticData.ts";
import type { Row } from "./table.ts";

/** The last line ingestChild.ts prints. */
const childResult = z.object({ rowsPerSecond: z.number(), seconds: z.number(), peakRssMb: z.number() });

function child(mode: "ours" | "bare", csv: string, database: string, catalogDir: string, rows: number) {
  const output = execFileSync(
    join("node_modules", ".bin", "tsx"),
    ["scripts/bench/ingestChild.ts", mode, csv, database, catalogDir, String(rows)],
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

const rate = (rowsPerSecond: number) => `${Math.round(rowsPerSecond).toLocaleString("en-US")} rows/s`;

/** Writes the data set of `rows` observations into `dir`: its CSV file's path (the catalogs beside it). */
export function benchDataSet(dir: string, rows: number): string {
  mkdirSync(dir, { recursive: true });
  return writeSyntheticDataSet(dir, rows, dir, (name) => readFileSync(join("data", name), "utf8"));
}

/** SQLite: the bare loop, our import (into `dir`/ours.db, which the API bench reads next) and sqlite3 .import. */
export function ingestBench(dir: string, csv: string, rows: number): Row[] {
  const bare = child("bare", csv, join(dir, "bare.db"), dir, rows);
  const ours = child("ours", csv, join(dir, "ours.db"), dir, rows);
  const cli = sqliteImport(csv, dir, rows);
  const result: Row[] = [
    {
      what: `ingest ${rows.toLocaleString("en-US")} rows: bare better-sqlite3 loop`,
      value: rate(bare.rowsPerSecond),
      ratio: "1.00",
      budget: "",
    },
    {
      what: "ingest: our import (parse, validate, compare, write, revisions)",
      value: rate(ours.rowsPerSecond),
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
      value: rate(cli),
      ratio: (cli / bare.rowsPerSecond).toFixed(2),
      budget: "",
    });
  }
  return result;
}

/**
 * PostgreSQL (`url`, an empty database): psql's \copy of the file into a plain table of text
 * columns (no checks, no indexes), then our import of the same file into the migrated schema,
 * which the API bench reads next.
 */
export function postgresIngestBench(url: string, csv: string, catalogDir: string, rows: number): Row[] {
  const psql = (command: string) =>
    execFileSync("psql", ["--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", `--dbname=${url}`, "-c", command]);
  psql(
    "create table plain_copy (entity text, metric text, period text, period_end text, fiscal_label text, value text, unit text, basis text, source text, note text)",
  );
  const started = performance.now();
  psql(`\\copy plain_copy from '${csv.replaceAll("'", "''")}' with (format csv, header true)`);
  const copy = rows / ((performance.now() - started) / 1000);
  psql("drop table plain_copy");
  const ours = child("ours", csv, url, catalogDir, rows);
  return [
    {
      what: `ingest ${rows.toLocaleString("en-US")} rows into PostgreSQL: psql \\copy into a plain table`,
      value: rate(copy),
      ratio: "1.00",
      budget: "",
    },
    {
      what: "ingest into PostgreSQL: our import (parse, validate, COPY to staging, compare, write, revisions)",
      value: rate(ours.rowsPerSecond),
      ratio: (ours.rowsPerSecond / copy).toFixed(2),
      budget: ours.rowsPerSecond >= copy / 2 ? ">= 0.50: met" : ">= 0.50: NOT met",
    },
    {
      what: "ingest into PostgreSQL: our import, peak RSS",
      value: `${Math.round(ours.peakRssMb)} MB`,
      ratio: "",
      budget: ours.peakRssMb < 300 ? "< 300 MB: met" : "< 300 MB: NOT met",
    },
  ];
}
