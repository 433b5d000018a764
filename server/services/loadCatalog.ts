// The entity and metric catalogs as the database holds them now.
import type { Catalog } from "../csv/observationCsv.ts";
import type { Store } from "../db/client.ts";
import { entities, metrics } from "../db/schema.ts";

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
