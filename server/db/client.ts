// Opens the store: a SQLite file (the default: nothing to install) or, when DATABASE_URL names
// one, a PostgreSQL database shared by any number of servers. Either way the committed migrations
// of its dialect are applied first. Services take the store as their first argument and run their
// queries through ./query.ts, which speaks both.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle as sqliteDrizzle } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as pgDrizzle } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as pgSchema from "./pgSchema.ts";
import * as sqliteSchema from "./schema.ts";

/** Where the data is kept. */
export type StoreLocation = { dialect: "sqlite"; path: string } | { dialect: "postgres"; url: string };

/** What a store is inside a transaction: `write` holds the write lock, `read` is one snapshot. */
export type TransactionKind = "write" | "read";

interface StoreCommon {
  /** The bytes each cache of computed answers over this store may hold (CACHE_MAX_MB). */
  cacheMaxBytes: number;
  /** Set on the store a transaction hands its work (query.ts): its queries run inside it. */
  transaction: TransactionKind | null;
}

export interface SqliteStore extends StoreCommon {
  dialect: "sqlite";
  location: Extract<StoreLocation, { dialect: "sqlite" }>;
  sqlite: Database.Database;
  tables: typeof sqliteSchema;
}

export interface PostgresStore extends StoreCommon {
  dialect: "postgres";
  location: Extract<StoreLocation, { dialect: "postgres" }>;
  pool: pg.Pool;
  /** Where this store's queries run: the pool, or the client of the transaction it belongs to. */
  connection: pg.Pool | pg.PoolClient;
  tables: typeof pgSchema;
}

export type Store = SqliteStore | PostgresStore;

/** What a store and the transactions opened from it share: its SQLite connection, or its pool. */
export const databaseOf = (store: Store): object => (store.dialect === "sqlite" ? store.sqlite : store.pool);

/** 64 MB: about 80 theses of the default data, each about 0.4 MB of JSON and as much again as objects. */
export const DEFAULT_CACHE_MAX_BYTES = 64 * 1024 * 1024;

const SQLITE_MIGRATIONS = fileURLToPath(new URL("./migrations", import.meta.url));
const POSTGRES_MIGRATIONS = fileURLToPath(new URL("./pg-migrations", import.meta.url));

/**
 * Held (pg_advisory_lock) while one server applies migrations: servers starting together on a
 * new database take turns, and the later ones find nothing left to apply.
 */
const MIGRATION_LOCK = 0x41434d4d;

/** DATABASE_URL when set (a postgres:// or postgresql:// URL), else the SQLite file at DATABASE_PATH. */
export function storeLocation(config: { DATABASE_URL?: string | undefined; DATABASE_PATH: string }): StoreLocation {
  return config.DATABASE_URL ? { dialect: "postgres", url: config.DATABASE_URL } : { dialect: "sqlite", path: config.DATABASE_PATH };
}

/** Where a store is, for messages: the file, or the database URL without its password. */
export function describeLocation(location: StoreLocation): string {
  if (location.dialect === "sqlite") return location.path;
  const url = new URL(location.url);
  if (url.password) url.password = "***";
  return url.toString();
}

export interface OpenOptions {
  cacheMaxBytes?: number;
  /** False for a second connection to a store a server has opened (the writer thread): no migrations. */
  migrate?: boolean;
  /** The most PostgreSQL connections this store's pool opens (node-postgres' default is 10). */
  poolSize?: number;
}

export async function openStore(
  location: StoreLocation,
  { cacheMaxBytes = DEFAULT_CACHE_MAX_BYTES, migrate = true, poolSize }: OpenOptions = {},
): Promise<Store> {
  if (location.dialect === "sqlite") {
    const sqlite = openSqlite(location.path);
    if (migrate) migrateSqlite(sqliteDrizzle(sqlite), { migrationsFolder: SQLITE_MIGRATIONS });
    return { dialect: "sqlite", location, sqlite, tables: sqliteSchema, cacheMaxBytes, transaction: null };
  }
  const pool = new pg.Pool({ connectionString: location.url, ...(poolSize ? { max: poolSize } : {}) });
  // An idle connection the server drops (a restart, a failover) must not take the process down:
  // the pool replaces it, and the next query says what is wrong if it persists.
  pool.on("error", (error) => console.error(`database: an idle connection failed: ${error.message}`));
  try {
    if (migrate) await migrateWithLock(pool);
    else await pool.query("select 1");
  } catch (error) {
    await pool.end();
    throw new Error(`Cannot open the PostgreSQL database ${describeLocation(location)}: ${(error as Error).message}`, { cause: error });
  }
  return { dialect: "postgres", location, pool, connection: pool, tables: pgSchema, cacheMaxBytes, transaction: null };
}

function openSqlite(path: string): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets readers keep reading the last committed state while an import writes.
  sqlite.pragma("journal_mode = WAL");
  // FULL syncs the WAL on every commit: a committed upload survives a power cut, not only a crash
  // of the process (NORMAL could lose the last commits). Uploads are rare, so the cost is small.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // 64 MB of page cache (the default is 2 MB): a bulk import touches the observations, their
  // revisions and four indexes at once.
  sqlite.pragma("cache_size = -64000");
  return sqlite;
}

async function migrateWithLock(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migratePostgres(pgDrizzle(client), { migrationsFolder: POSTGRES_MIGRATIONS });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** Closes the file, or ends the pool's connections once their queries finish. */
export async function closeStore(store: Store): Promise<void> {
  if (store.dialect === "sqlite") {
    if (store.sqlite.open) store.sqlite.close();
  } else if (!store.pool.ended) {
    await store.pool.end();
  }
}
