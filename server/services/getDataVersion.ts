// Which state of the data a reader sees: 0 before anything was imported.
import type { Statement } from "better-sqlite3";
import type { Store } from "../db/client.ts";

export interface DataVersion {
  version: number;
  changedAt: string | null;
}

/**
 * One prepared statement per store: every request reads the version (its answer's cache key), and
 * through drizzle the read cost more than the rest of a cached answer.
 */
const statements = new WeakMap<Store, Statement<[], { version: number; changedAt: string }>>();

export function getDataVersion(store: Store): DataVersion {
  let statement = statements.get(store);
  if (!statement) {
    statement = store.sqlite.prepare<[], { version: number; changedAt: string }>(
      "SELECT version, changed_at AS changedAt FROM data_version WHERE id = 1",
    );
    statements.set(store, statement);
  }
  const row = statement.get();
  return { version: row?.version ?? 0, changedAt: row?.changedAt ?? null };
}
