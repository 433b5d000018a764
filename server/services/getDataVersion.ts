// Which state of the data a reader sees: 0 before anything was imported.
import { sql } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { selectOne } from "../db/query.ts";

export interface DataVersion {
  version: number;
  changedAt: string | null;
}

async function readVersion(store: Store): Promise<DataVersion> {
  const { dataVersion } = store.tables;
  const row = await selectOne(store, { version: dataVersion.version, changedAt: dataVersion.changedAt }, sql`from ${dataVersion}`);
  return { version: row?.version ?? 0, changedAt: row?.changedAt ?? null };
}

/** The read of a PostgreSQL pool's version that requests may still join: it is sent on the next turn of the event loop. */
const nextRead = new WeakMap<object, Promise<DataVersion>>();

/**
 * The data version the database holds now. On PostgreSQL outside a transaction, the requests
 * that ask within one turn of the event loop share one query, sent after all of them arrived, so
 * each still sees every write committed before it asked: under load a server asks once a turn
 * rather than once a request.
 */
export function getDataVersion(store: Store): Promise<DataVersion> {
  if (store.dialect === "sqlite" || store.transaction !== null) return readVersion(store);
  const { pool } = store;
  let next = nextRead.get(pool);
  if (!next) {
    next = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      nextRead.delete(pool);
      return readVersion(store);
    });
    nextRead.set(pool, next);
  }
  return next;
}
