// Queries that run on either store: drizzle `sql` templates over the store's own tables
// (store.tables), rendered by its dialect, run on its driver. The SQL they use is the part both
// dialects share (case, coalesce, cast, substr, ||, on conflict, returning); the schemas name every
// table and column alike (tests/server/db/schema.test.ts). A transaction hands its work a store
// whose queries run inside it.
import type Database from "better-sqlite3";
import { Column, type GetColumnData, is, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { PostgresStore, SqliteStore, Store } from "./client.ts";

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

/** A selection: each key's value read from a column (decoded as the column decodes it) or an expression. */
export type Fields = Record<string, Column | SQL<unknown>>;
export type RowOf<F extends Fields> = {
  [K in keyof F]: F[K] extends Column ? GetColumnData<F[K]> : F[K] extends SQL<infer T> ? T : never;
};

/** The most statements kept prepared per SQLite connection: the texts services build are few. */
const MAX_PREPARED = 500;
const preparedByConnection = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared(sqlite: Database.Database, text: string): Database.Statement {
  let statements = preparedByConnection.get(sqlite);
  if (!statements) {
    statements = new Map();
    preparedByConnection.set(sqlite, statements);
  }
  let statement = statements.get(text);
  if (!statement) {
    if (statements.size >= MAX_PREPARED) statements.clear();
    statement = sqlite.prepare(text);
    statements.set(text, statement);
  }
  return statement;
}

/** Queries built once per schema and run on every request (the data version): rendered to SQL text once. */
const keptQueries = new WeakSet<SQL>();
const renderings = new WeakMap<SQL, { sql: string; params: unknown[] }>();

/** A query built once per store's schema (store.tables) and rendered once: for one that every request runs. */
export function keptQuery(build: (store: Store) => SQL): (store: Store) => SQL {
  const built = new WeakMap<object, SQL>();
  return (store) => {
    let query = built.get(store.tables);
    if (!query) {
      query = build(store);
      keptQueries.add(query);
      built.set(store.tables, query);
    }
    return query;
  };
}

function render(dialect: SQLiteSyncDialect | PgDialect, query: SQL): { sql: string; params: unknown[] } {
  const known = renderings.get(query);
  if (known) return known;
  const made = dialect.sqlToQuery(query);
  if (keptQueries.has(query)) renderings.set(query, made);
  return made;
}

/** The last query sent on each transaction's client: the next waits for it (a client runs one at a time). */
const inFlight = new WeakMap<pg.PoolClient, Promise<unknown>>();

/** `query` on a PostgreSQL store: on the pool, or after the queries before it on its transaction's client. */
function onPostgres(store: PostgresStore, query: SQL): Promise<pg.QueryResult> {
  const { sql: text, params } = render(pgDialect, query);
  const { connection } = store;
  if (connection === store.pool) return store.pool.query({ text, values: params as unknown[] });
  const client = connection as pg.PoolClient;
  const result = (inFlight.get(client) ?? Promise.resolve()).then(() => client.query({ text, values: params as unknown[] }));
  inFlight.set(
    client,
    result.catch(() => undefined),
  );
  return result;
}

/** The raw rows of `query`, keyed by the names it selects. */
export async function rows<T>(store: Store, query: SQL): Promise<T[]> {
  if (store.dialect === "sqlite") {
    const { sql: text, params } = render(sqliteDialect, query);
    return prepared(store.sqlite, text).all(...params) as T[];
  }
  return (await onPostgres(store, query)).rows as T[];
}

/** Runs a statement that returns no rows; how many rows it changed. */
export async function execute(store: Store, query: SQL): Promise<number> {
  if (store.dialect === "sqlite") {
    const { sql: text, params } = render(sqliteDialect, query);
    return prepared(store.sqlite, text).run(...params).changes;
  }
  return (await onPostgres(store, query)).rowCount ?? 0;
}

/** `select <fields> <rest>`, each row decoded as drizzle's own select() decodes it. */
export async function select<F extends Fields>(store: Store, fields: F, rest: SQL): Promise<RowOf<F>[]> {
  const entries = Object.entries(fields);
  const selection = sql.join(
    entries.map(([key, field]) => sql`${field} as ${sql.identifier(key)}`),
    sql`, `,
  );
  const found = await rows<Record<string, unknown>>(store, sql`select ${selection} ${rest}`);
  // Only the columns whose driver value needs decoding (JSON, say) are touched.
  const decoded = entries.flatMap(([key, field]) =>
    is(field, Column) && field.mapFromDriverValue !== Column.prototype.mapFromDriverValue ? [{ key, column: field }] : [],
  );
  if (decoded.length > 0) {
    for (const row of found) {
      for (const { key, column } of decoded) if (row[key] !== null) row[key] = column.mapFromDriverValue(row[key]);
    }
  }
  return found as RowOf<F>[];
}

/** The first row of the same, if any. */
export async function selectOne<F extends Fields>(store: Store, fields: F, rest: SQL): Promise<RowOf<F> | undefined> {
  return (await select(store, fields, rest))[0];
}

/** Columns by their bare names, as an insert's column list and an update's set need them. */
export const bareColumns = (columns: Column[]) =>
  sql.join(
    columns.map((column) => sql.identifier(column.name)),
    sql`, `,
  );

/**
 * `(columns) values (...)` of one row, each value encoded as its column encodes it (JSON as
 * text): `insert into ${table} ${valuesOf(...)}`.
 */
export function valuesOf<C extends Record<string, Column>>(columns: C, row: { [K in keyof C]?: unknown }): SQL {
  const entries = Object.entries(row).flatMap(([key, value]) => {
    const column = columns[key];
    if (!column) throw new Error(`no column ${key}`);
    return value === undefined ? [] : [{ column, value }];
  });
  return sql`(${bareColumns(entries.map((entry) => entry.column))}) values (${sql.join(
    entries.map(({ column, value }) => sql.param(value, column)),
    sql`, `,
  )})`;
}

/** `set column = value, ...` of an update, each value encoded as its column encodes it. */
export function setOf<C extends Record<string, Column>>(columns: C, row: { [K in keyof C]?: unknown }): SQL {
  return sql.join(
    Object.entries(row).map(([key, value]) => {
      const column = columns[key];
      if (!column) throw new Error(`no column ${key}`);
      return sql`${sql.identifier(column.name)} = ${sql.param(value, column)}`;
    }),
    sql`, `,
  );
}

/**
 * Held by every writing transaction on PostgreSQL (pg_advisory_xact_lock, released at its commit
 * or rollback): writes from any number of servers take turns, each seeing every one before it,
 * so the data version goes up by one per change.
 */
export const WRITE_LOCK = 0x41434d57;

/** One transaction on a SQLite connection at a time: its queries run on that one connection. */
const turns = new WeakMap<Database.Database, Promise<unknown>>();

function inTurn<T>(sqlite: Database.Database, work: () => Promise<T>): Promise<T> {
  const run = (turns.get(sqlite) ?? Promise.resolve()).then(work);
  turns.set(
    sqlite,
    run.catch(() => undefined),
  );
  return run;
}

async function sqliteTransaction<T>(store: SqliteStore, begin: string, kind: "write" | "read", work: (tx: Store) => Promise<T>) {
  const { sqlite } = store;
  return inTurn(sqlite, async () => {
    sqlite.exec(begin);
    try {
      const result = await work({ ...store, transaction: kind });
      sqlite.exec("commit");
      return result;
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec("rollback");
      throw error;
    }
  });
}

async function postgresTransaction<T>(store: PostgresStore, begin: string[], kind: "write" | "read", work: (tx: Store) => Promise<T>) {
  const client = await store.pool.connect();
  let broken: Error | undefined;
  try {
    for (const statement of begin) await client.query(statement);
    const result = await work({ ...store, connection: client, transaction: kind });
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch((failed: Error) => {
      broken = failed;
    });
    throw error;
  } finally {
    // A connection that could not roll back is closed, not handed to the next query.
    client.release(broken);
  }
}

/** Inside a write transaction: `work` in a savepoint, undone alone when it throws. */
async function savepoint<T>(store: Store, work: (tx: Store) => Promise<T>): Promise<T> {
  await execute(store, sql`savepoint nested_write`);
  try {
    const result = await work(store);
    await execute(store, sql`release savepoint nested_write`);
    return result;
  } catch (error) {
    await execute(store, sql`rollback to savepoint nested_write`);
    await execute(store, sql`release savepoint nested_write`);
    throw error;
  }
}

/**
 * Runs `work` in one transaction that writes: on SQLite `begin immediate` (the file's write lock),
 * on PostgreSQL holding WRITE_LOCK. All of it commits or, when it throws, none. Inside a write
 * transaction, `work` runs in a savepoint of it.
 */
export function writeTransaction<T>(store: Store, work: (tx: Store) => Promise<T>): Promise<T> {
  if (store.transaction === "write") return savepoint(store, work);
  if (store.transaction === "read") throw new Error("a write cannot start inside a read snapshot");
  if (store.dialect === "sqlite") return sqliteTransaction(store, "begin immediate", "write", work);
  return postgresTransaction(store, ["begin", `select pg_advisory_xact_lock(${WRITE_LOCK})`], "write", work);
}

/**
 * Runs `read` on one state of the data: a SQLite read transaction, a PostgreSQL repeatable-read
 * one. What commits meanwhile is not seen. Inside a transaction, `read` joins it.
 */
export function readSnapshot<T>(store: Store, read: (tx: Store) => Promise<T>): Promise<T> {
  if (store.transaction !== null) return read(store);
  if (store.dialect === "sqlite") return sqliteTransaction(store, "begin", "read", read);
  return postgresTransaction(store, ["begin isolation level repeatable read read only"], "read", read);
}

/** `COPY ... FROM STDIN` on the client of a PostgreSQL write transaction: write rows to it, then end it. */
export function copyIn(store: PostgresStore, statement: SQL) {
  if (store.transaction !== "write" || store.connection === store.pool) throw new Error("COPY runs inside a write transaction");
  const { sql: text, params } = pgDialect.sqlToQuery(statement.inlineParams());
  if (params.length > 0) throw new Error("a COPY statement takes no parameters");
  return (store.connection as pg.PoolClient).query(copyFrom(text));
}
