// The entity and metric catalogs as the database holds them now.
import { getTableColumns, sql } from "drizzle-orm";
import type { Catalog } from "../csv/observationCsv.ts";
import type { Store } from "../db/client.ts";
import { select } from "../db/query.ts";

export async function loadCatalog(store: Store): Promise<Catalog> {
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
