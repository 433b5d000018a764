// The SQLite schema. Migrations in ./migrations are generated from it by `npm run db:generate`.
import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Basis, MetricKind, Unit } from "../domain/catalog.ts";

export const entities = sqliteTable("entities", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  group: text("group").notNull(),
  note: text("note"),
});

export const metrics = sqliteTable(
  "metrics",
  {
    id: text("id").primaryKey(),
    label: text("label").notNull(),
    kind: text("kind").$type<MetricKind>().notNull(),
    unit: text("unit").$type<Unit>().notNull(),
    definition: text("definition").notNull(),
  },
  (t) => [check("metrics_kind", sql`${t.kind} in ('flow', 'point')`)],
);

export const observations = sqliteTable(
  "observations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entity: text("entity")
      .notNull()
      .references(() => entities.id),
    metric: text("metric")
      .notNull()
      .references(() => metrics.id),
    // Copied from the metric because it decides the identity below (data/README.md).
    kind: text("kind").$type<MetricKind>().notNull(),
    period: text("period").notNull(),
    periodEnd: text("period_end").notNull(),
    fiscalLabel: text("fiscal_label"),
    value: real("value").notNull(),
    unit: text("unit").$type<Unit>().notNull(),
    basis: text("basis").$type<Basis>().notNull(),
    source: text("source"),
    note: text("note"),
  },
  (t) => [
    check("observations_kind", sql`${t.kind} in ('flow', 'point')`),
    uniqueIndex("observations_flow_identity").on(t.entity, t.metric, t.period).where(sql`kind = 'flow'`),
    uniqueIndex("observations_point_identity").on(t.entity, t.metric, t.periodEnd).where(sql`kind = 'point'`),
    index("observations_metric_period").on(t.metric, t.period),
  ],
);

/** One row: bumped in the same transaction as every change to observations, so caches and
 * readers can tell which state of the data they saw. */
export const dataVersion = sqliteTable(
  "data_version",
  {
    id: integer("id").primaryKey(),
    version: integer("version").notNull(),
    changedAt: text("changed_at").notNull(),
  },
  (t) => [check("data_version_single_row", sql`${t.id} = 1`)],
);
