// Which state of the data a reader sees: 0 before anything was imported.
import { AsyncLocalStorage } from "node:async_hooks";
import { sql } from "drizzle-orm";
import type { PostgresStore, Store } from "../db/client.ts";
import { keptQuery, rows } from "../db/query.ts";

export interface DataVersion {
  version: number;
  changedAt: string | null;
}

/** Read by every request (twice: the catalog's ids and the cached answer), so built and rendered once. */
const versionQuery = keptQuery(
  ({ tables: { dataVersion } }) =>
    sql`select ${dataVersion.version} as "version", ${dataVersion.changedAt} as "changedAt" from ${dataVersion}`,
);

async function readVersion(store: Store): Promise<DataVersion> {
  const [row] = await rows<{ version: number; changedAt: string }>(store, versionQuery(store));
  return { version: row?.version ?? 0, changedAt: row?.changedAt ?? null };
}

/** The read of a PostgreSQL pool's version that requests may still join: it is sent on the next turn of the event loop. */
const nextRead = new WeakMap<object, Promise<DataVersion>>();

/** The version a request read, once read: what every later read of the same request is given. */
const requestScope = new AsyncLocalStorage<{ version?: Promise<DataVersion> }>();

/**
 * Runs `work` (a request) so that it reads the data version of a PostgreSQL store once: its
 * checks of ids against the catalog and its cached answer are of one state of the data, for one
 * query where a read from SQLite costs microseconds and one from PostgreSQL a round trip.
 */
export const oneVersionPerRequest = <T>(work: () => Promise<T>): Promise<T> => requestScope.run({}, work);

/**
 * The data version the database holds now (outside a transaction, and on PostgreSQL: the one the
 * request read first). On PostgreSQL the reads asked within one turn of the event loop share one
 * query, sent after all of them arrived, so each still sees every write committed before it
 * asked: under load a server asks once a turn rather than once a request.
 */
export function getDataVersion(store: Store): Promise<DataVersion> {
  if (store.dialect === "sqlite" || store.transaction !== null) return readVersion(store);
  const scope = requestScope.getStore();
  if (!scope) return nextVersionRead(store);
  scope.version ??= nextVersionRead(store);
  return scope.version;
}

function nextVersionRead(store: PostgresStore): Promise<DataVersion> {
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
