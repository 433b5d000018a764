// The entity and metric catalogs as the database holds them now.
import type { Catalog } from "../csv/observationCsv.ts";
import type { Store } from "../db/client.ts";
import { entities, metrics } from "../db/schema.ts";
import { getDataVersion } from "./getDataVersion.ts";

export function loadCatalog({ db }: Store): Catalog {
  return {
    entities: new Map(
      db
        .select()
        .from(entities)
        .orderBy(entities.id)
        .all()
        .map((entity) => [entity.id, entity]),
    ),
    metrics: new Map(
      db
        .select()
        .from(metrics)
        .orderBy(metrics.id)
        .all()
        .map((metric) => [metric.id, metric]),
    ),
  };
}

const current = new WeakMap<Store, { version: number; catalog: Catalog }>();

/**
 * The catalog as of the data version, read once per version: every request's ids are checked
 * against it (read from the database twice a request, it was most of /api/observations' time). It
 * changes only in a write that moves the version (an upload, a revert) or when the catalog files
 * are loaded, which forgets it.
 */
export function currentCatalog(store: Store): Catalog {
  const { version } = getDataVersion(store);
  const hit = current.get(store);
  if (hit?.version === version) return hit.catalog;
  const catalog = loadCatalog(store);
  current.set(store, { version, catalog });
  return catalog;
}

export const forgetCatalog = (store: Store) => current.delete(store);
