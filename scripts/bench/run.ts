// npm run bench: every benchmark in one run, printed as one table (see docs/benchmarks.md).
// Not part of npm test: it takes minutes and its figures are measurements, not pass/fail. The
// PostgreSQL rows need a server at BENCH_DATABASE_URL (a role that may create databases; the
// bench makes two and drops them); without one they are left out, saying why.
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import type { StoreLocation } from "../../server/db/client.ts";
import { DEFAULT_TEST_DATABASE_URL } from "../../tests/helpers/postgresUrl.ts";
import { apiBench, postgresApiBench } from "./api.ts";
import { frontendBench } from "./frontend.ts";
import { growthBench } from "./growth.ts";
import { benchDataSet, ingestBench, postgresIngestBench } from "./ingest.ts";
import { phoneBench } from "./phone.ts";
import { type Row, renderTable } from "./table.ts";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" } } });
const rows = Number(values.rows);
const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
const dir = mkdtempSync(join(tmpdir(), "capex-bench-"));
const table: Row[] = [];
const step = async <T>(name: string, run: () => T | Promise<T>): Promise<T> => {
  console.error(`bench: ${name}...`);
  return run();
};
const count = rows.toLocaleString("en-US");
const onPostgres = (url: string): StoreLocation => ({ dialect: "postgres", url });

/** On the PostgreSQL server: run `statements`, one connection. */
async function onServer(...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The URLs of two empty databases for the bench (the default data, the generated rows), or why there are none. */
async function postgresDatabases(): Promise<{ defaultData: string; rows: string } | { skipped: string }> {
  const names = { defaultData: `capex_bench_default_${process.pid}`, rows: `capex_bench_rows_${process.pid}` };
  try {
    await onServer(`create database ${names.defaultData}`, `create database ${names.rows}`);
  } catch (error) {
    return { skipped: (error as Error).message };
  }
  const url = (name: string) => Object.assign(new URL(BENCH_DATABASE_URL), { pathname: `/${name}` }).toString();
  return { defaultData: url(names.defaultData), rows: url(names.rows) };
}

const postgres = await postgresDatabases();
try {
  const csv = benchDataSet(join(dir, "ingest"), rows);
  table.push(...(await step("ingest", () => ingestBench(join(dir, "ingest"), csv, rows))));
  if ("skipped" in postgres) {
    table.push({
      what: `PostgreSQL: left out (${BENCH_DATABASE_URL.replace(/:[^:@/]*@/, ":***@")}: ${postgres.skipped})`,
      value: "",
      ratio: "",
      budget: "",
    });
  } else {
    table.push(...(await step("ingest into PostgreSQL", () => postgresIngestBench(postgres.rows, csv, join(dir, "ingest"), rows))));
  }
  const ours: StoreLocation = { dialect: "sqlite", path: join(dir, "ingest", "ours.db") };
  table.push(...(await step("API on the default data", () => apiBench("API, default data", undefined, true))));
  table.push(...(await step(`API on ${rows} observations`, () => apiBench(`API, ${count} observations`, ours, true))));
  if (!("skipped" in postgres)) {
    table.push(
      ...(await step("API on the default data, PostgreSQL and SQLite", () =>
        postgresApiBench("API, default data", undefined, onPostgres(postgres.defaultData)),
      )),
    );
    table.push(
      ...(await step(`API on ${rows} observations, PostgreSQL and SQLite`, () =>
        postgresApiBench(`API, ${count} observations`, ours, onPostgres(postgres.rows)),
      )),
    );
  }
  table.push(...(await step("front end", frontendBench)));
  table.push(...(await step("a phone on a slow network, and a desktop's controls", phoneBench)));
  table.push(...(await step("growth", growthBench)));
} finally {
  rmSync(dir, { recursive: true, force: true });
  if (!("skipped" in postgres)) {
    const name = (location: string) => new URL(location).pathname.slice(1);
    await onServer(...[postgres.defaultData, postgres.rows].map((url) => `drop database if exists ${name(url)} with (force)`));
  }
}
console.log(
  `Machine: ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${new Date().toISOString()}\n`,
);
console.log(renderTable(table));
