// Global setup of the `postgres` test project: one template database per contents (migrated,
// and filled like a new SQLite store), from which each test's database is copied in a moment;
// and at the end, every database a test run made, dropped.
import { closeStore, openStore } from "../../server/db/client.ts";
import { type Contents, databaseUrl, fill, onServer, TEMPLATES, TEST_DATABASE_PREFIX, TEST_DATABASE_URL } from "./store.ts";

async function dropTestDatabases(): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const found = await client.query<{ datname: string }>("select datname from pg_database where datname like $1 or datname = any($2)", [
      `${TEST_DATABASE_PREFIX}%`,
      Object.values(TEMPLATES),
    ]);
    for (const { datname } of found.rows) await client.query(`drop database if exists ${datname} with (force)`);
  } finally {
    await client.end();
  }
}

export async function setup(): Promise<void> {
  await dropTestDatabases();
  for (const [contents, template] of Object.entries(TEMPLATES) as [Contents, string][]) {
    await onServer(`create database ${template}`);
    const store = await openStore({ dialect: "postgres", url: databaseUrl(template) });
    await fill(store, contents);
    await closeStore(store);
  }
}

export const teardown = dropTestDatabases;
