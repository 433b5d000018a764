// The entity and metric catalogs as the database holds them now.
import { getTableColumns, sql } from "drizzle-orm";
import type { Catalog } from "../csv/observationCsv.ts";
import { databaseOf, type Store } from "../db/client.ts";
import { select } from "../db/query.ts";
import { getDataVersion } from "./getDataVersion.ts";

async function readCatalog(store: Store): Promise<Catalog> {
  const { entities, metrics } = store.tables;
  const [entityRows, metricRows] = await Promise.all([
    select(store, getTableColumns(entities), sql`from ${entities} order by ${entities.id}`),
    select(store, getTableColumns(metrics), sql`from ${metrics} order by ${metrics.id}`),
  ]);
  return {
    entities: new Map(entityRows.map((entity) => [entity.id, entity])),
    metrics: new Map(metricRows.map((metric) => [metric.id, metric])),
  };
}

/** The last catalog read outside a transaction, per database, with the data version it was read at. */
const latest = new WeakMap<object, { version: number; catalog: Promise<Catalog> }>();

/**
 * The catalogs. Inside a transaction they are read in it (a write may change them). Outside one
 * they are read once per data version and shared, read-only: the catalog changes only with a
 * write that moves the data version (an upload, a revert, the seed), so every request's check of
 * its ids costs one look at the version rather than two tables.
 */
export async function loadCatalog(store: Store): Promise<Catalog> {
  if (store.transaction !== null) return readCatalog(store);
  const { version } = await getDataVersion(store);
  const database = databaseOf(store);
  const known = latest.get(database);
  if (known && known.version === version) return known.catalog;
  const catalog = readCatalog(store);
  latest.set(database, { version, catalog });
  catalog.catch(() => latest.delete(database));
  return catalog;
}

/**
 * Loading the catalog files (loadCatalogFiles) changes the catalog without moving the data version:
 * this process forgets the one it read (others on the same PostgreSQL database keep theirs until
 * the next write moves the version).
 */
export const forgetCatalog = (store: Store) => latest.delete(databaseOf(store));
