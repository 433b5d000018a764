// Temporary stores for tests: a real database, migrated like the server's. The vitest project
// decides which (vite.config.ts): `sqlite` makes a SQLite file in a fresh folder, `postgres`
// (TEST_DATABASE=postgres) a fresh database on the PostgreSQL server at TEST_DATABASE_URL, made
// from a template migrated and loaded once per run (tests/helpers/postgresSetup.ts).
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getTableColumns, sql, type Table } from "drizzle-orm";
import Papa from "papaparse";
import pg from "pg";
import { closeStore, openStore, type Store, type StoreLocation } from "../../server/db/client.ts";
import { rows, select } from "../../server/db/query.ts";
import { createToken } from "../../server/services/createToken.ts";
import { loadCatalogFiles, seedDefaultData } from "../../server/services/seedDefaultData.ts";
import { DEFAULT_TEST_DATABASE_URL } from "./postgresUrl.ts";

export const FIXTURES = fileURLToPath(new URL("../fixtures", import.meta.url));
export const DATA_DIR = fileURLToPath(new URL("../../data", import.meta.url));

export const fixture = (name: string) => ({ name, text: readFileSync(join(FIXTURES, name), "utf8") });

/** The store the tests of this run use: set by the vitest project. */
export const TEST_DIALECT: StoreLocation["dialect"] = process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";

/** The database on the PostgreSQL server from which test databases are made and dropped. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;

export type Contents = "empty" | "fixture-catalog" | "default-data";

/** The template database of each contents (made by postgresSetup.ts), and the prefix of the databases made from them. */
export const TEMPLATES: Record<Contents, string> = {
  empty: "capex_template_empty",
  "fixture-catalog": "capex_template_fixture_catalog",
  "default-data": "capex_template_default_data",
};
export const TEST_DATABASE_PREFIX = "capex_test_";

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `statements` on the maintenance database, one connection. */
export async function onServer(...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Fills a new store as the contents say. */
export async function fill(store: Store, contents: Contents): Promise<void> {
  if (contents === "fixture-catalog") await loadCatalogFiles(store, FIXTURES);
  if (contents === "default-data") await seedDefaultData(store, DATA_DIR);
}

export type TempStore = Store & {
  /** Where it is, for a child process (storeEnv) or a second connection. */
  location: StoreLocation;
  close(): Promise<void>;
};

/** A migrated database of its own: empty, with the fixture catalogs, or with the default data. */
export async function tempStore(contents: Contents = "fixture-catalog"): Promise<TempStore> {
  // A PostgreSQL database comes filled from its template; a SQLite file is filled here.
  const location = await tempLocation(TEST_DIALECT === "postgres" ? contents : "empty");
  const store = await openStore(location);
  if (location.dialect === "sqlite") await fill(store, contents);
  return Object.assign(store, { close: () => removeLocation(store, location) });
}

/** A new, migrated database for a child process (a server, a CLI), and how to remove it. */
export async function tempLocation(contents: Contents = "empty"): Promise<StoreLocation> {
  if (TEST_DIALECT === "postgres") {
    const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString("hex")}`;
    await onServer(`create database ${name} template ${TEMPLATES[contents]}`);
    return { dialect: "postgres", url: databaseUrl(name) };
  }
  const path = join(mkdtempSync(join(tmpdir(), "capex-test-")), "capex.db");
  if (contents !== "empty") {
    const store = await openStore({ dialect: "sqlite", path });
    await fill(store, contents);
    await closeStore(store);
  }
  return { dialect: "sqlite", path };
}

/** Closes `store` (if open) and removes its database. */
export async function removeLocation(store: Store | null, location: StoreLocation): Promise<void> {
  if (store) await closeStore(store);
  if (location.dialect === "sqlite") rmSync(join(location.path, ".."), { recursive: true, force: true });
  else await dropDatabase(new URL(location.url).pathname.slice(1));
}

/** The server's autovacuum may be at work on a database a large import just filled; FORCE may not end it (pg_signal_backend): it is waited for. */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await onServer(`drop database if exists ${name} with (force)`);
    } catch (error) {
      if (attempt >= 20 || !/pg_signal_backend/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** The environment that points a server or CLI at `location`. */
export const storeEnv = (location: StoreLocation): Record<string, string> =>
  location.dialect === "sqlite" ? { DATABASE_PATH: location.path, DATABASE_URL: "" } : { DATABASE_URL: location.url };

/** Every row of `table`, as drizzle's own select() reads them, in the order of their ids. */
export const tableRows = <T extends Table>(store: Store, table: T) =>
  select(store, getTableColumns(table), sql`from ${table} order by ${sql.identifier("id")}`);

/** The tables a checksum covers: the schema's and the migrations' own. */
async function tableNames(store: Store): Promise<string[]> {
  if (store.dialect === "sqlite") {
    return (await rows<{ name: string }>(store, sql`select name from sqlite_master where type = 'table' order by name`)).map((t) => t.name);
  }
  const found = await rows<{ name: string }>(
    store,
    sql`select table_schema || '.' || table_name as name from information_schema.tables
      where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by name`,
  );
  return found.map((t) => t.name);
}

/**
 * A SHA-256 over every row of every table: equal before and after means nothing was written.
 * `ignoreTimes` blanks the `..._at` columns, so two runs of the same import, which differ only in
 * when they ran, give the same checksum; `ignoreIds` blanks the generated ids and the columns
 * naming them (a PostgreSQL sequence is not rolled back: a transaction killed after it drew ids
 * leaves the next one numbering its rows further on).
 */
export async function checksumRows(store: Store, { ignoreTimes = false, ignoreIds = false } = {}): Promise<string> {
  const hash = createHash("sha256");
  for (const name of await tableNames(store)) {
    hash.update(`${name}\n`);
    const table = sql.raw(
      name
        .split(".")
        .map((part) => `"${part}"`)
        .join("."),
    );
    const order = store.dialect === "sqlite" ? sql`rowid` : sql`1`;
    for (const row of await rows<Record<string, unknown>>(store, sql`select * from ${table} order by ${order}`)) {
      const values = Object.entries(row).map(([column, value]) =>
        ignoreTimes && column.endsWith("_at") ? "(time)" : ignoreIds && (column === "id" || column.endsWith("_id")) ? "(id)" : value,
      );
      hash.update(`${JSON.stringify(values)}\n`);
    }
  }
  return hash.digest("hex");
}

/** A new token (an analyst's unless `role` says) on the database at `location` (a server's, say). */
export async function newToken(location: StoreLocation, name: string, role: "analyst" | "viewer" = "analyst"): Promise<string> {
  const store = await openStore(location, { migrate: false });
  try {
    return (await createToken(store, { name, role })).token;
  } finally {
    await closeStore(store);
  }
}

/** An analyst and a viewer token, as `Authorization` headers. */
export async function bearerTokens(store: Store) {
  const header = (token: string) => ({ Authorization: `Bearer ${token}` });
  return {
    analyst: header((await createToken(store, { name: "analyst-test", role: "analyst" })).token),
    viewer: header((await createToken(store, { name: "viewer-test", role: "viewer" })).token),
  };
}

/**
 * Commits `csv` as the upload `name` through an app's in-process `request`, with `headers` (an
 * analyst's token); it throws with the server's answer unless the upload is accepted.
 */
export async function uploadThrough(
  app: { request(path: string, init: RequestInit): Response | Promise<Response> },
  headers: Record<string, string>,
  name: string,
  csv: string,
): Promise<{ uploadId: number } & Record<string, unknown>> {
  const response = await app.request(`/api/uploads?name=${name}`, {
    method: "POST",
    headers: { ...headers, "Content-Type": "text/csv" },
    body: csv,
  });
  // No vitest here: the benchmarks load this file too.
  if (response.status !== 200) throw new Error(`upload ${name}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { uploadId: number } & Record<string, unknown>;
}

const CATALOGS = ["entities.csv", "metrics.csv"] as const;

/** One file of data/ parsed with papaparse, independent of the import path. */
const dataCsv = (name: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(DATA_DIR, name), "utf8"), { header: true, skipEmptyLines: true }).data;

/** The default data's observation rows read straight from data/*.csv. */
export function defaultDataRows(): Record<string, string>[] {
  return readdirSync(DATA_DIR)
    .filter((name) => name.endsWith(".csv") && !(CATALOGS as readonly string[]).includes(name))
    .flatMap(dataCsv);
}

/** A hyperscaler's capex in a quarter of the default data, read from the CSVs (NaN when it has none). */
export function defaultCapex(entity: string, period: string): number {
  defaultRows ??= defaultDataRows();
  return Number(defaultRows.find((r) => r.entity === entity && r.metric === "capex" && r.period === period)?.value);
}
let defaultRows: Record<string, string>[] | undefined;

/** The four hyperscalers' capex summed over `quarters`, each quarter's figure from `value`: a capex TTM by hand. */
export function capexTtmByHand(quarters: readonly string[], value: (entity: string, period: string) => number = defaultCapex): number {
  return ["MSFT", "GOOGL", "AMZN", "META"].reduce((sum, entity) => sum + quarters.reduce((s, q) => s + value(entity, q), 0), 0);
}

/** The rows of data/entities.csv or data/metrics.csv, read straight from the file. */
export const defaultCatalogRows = (name: (typeof CATALOGS)[number]) => dataCsv(name);

/** Every quarter from `first` to `last` (both "YYYY-Qn"), both included. */
export function quartersBetween(first: string, last: string): string[] {
  const index = (quarter: string) => Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(6)) - 1;
  return Array.from({ length: Math.max(0, index(last) - index(first) + 1) }, (_, i) => {
    const q = index(first) + i;
    return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
  });
}
