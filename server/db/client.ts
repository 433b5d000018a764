// Opens the SQLite file, applies the committed migrations, and hands out both the drizzle handle
// (for queries) and the raw better-sqlite3 handle (for prepared bulk writes, several times faster).

import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema.ts";

export interface Store {
  /** The SQLite file (or ":memory:"): another thread opens its own connection to it. */
  path: string;
  sqlite: Database.Database;
  db: BetterSQLite3Database<typeof schema>;
  /** The bytes each cache of computed answers over this store may hold (CACHE_MAX_MB). */
  cacheMaxBytes: number;
}

/** 64 MB: about 80 theses of the default data, each about 0.4 MB of JSON and as much again as objects. */
export const DEFAULT_CACHE_MAX_BYTES = 64 * 1024 * 1024;

const MIGRATIONS = fileURLToPath(new URL("./migrations", import.meta.url));

export function openStore(path: string, { cacheMaxBytes = DEFAULT_CACHE_MAX_BYTES }: { cacheMaxBytes?: number } = {}): Store {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
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
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return { path, sqlite, db, cacheMaxBytes };
}
