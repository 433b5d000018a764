// The PostgreSQL schema: schema.ts's tables restated in PostgreSQL's types (text, integer, double
// precision, json), with the same names, keys, indexes and checks. tests/server/db/schema.test.ts
// fails when the two disagree. Migrations in ./pg-migrations are generated from it by
// `npm run db:generate`.
import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, customType, doublePrecision, index, integer, json, pgTable, uniqueIndex } from "drizzle-orm/pg-core";
import type { Basis, MetricKind, Unit } from "../domain/catalog.ts";
import type { TokenRole, UploadRecord } from "./schema.ts";

/**
 * Text ordered and compared byte by byte (collation "C"), as SQLite does, whatever the database's
 * locale: ids, periods and dates sort the same on both stores, so every list comes in one order.
 */
export const binaryText = customType<{ data: string }>({ dataType: () => 'text collate "C"' });
const text = binaryText;

export const entities = pgTable("entities", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  group: text("group").notNull(),
  note: text("note"),
  launched: text("launched"),
});

export const metrics = pgTable(
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

export const observations = pgTable(
  "observations",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    entity: text("entity")
      .notNull()
      .references(() => entities.id),
    metric: text("metric")
      .notNull()
      .references(() => metrics.id),
    kind: text("kind").$type<MetricKind>().notNull(),
    period: text("period").notNull(),
    periodEnd: text("period_end").notNull(),
    fiscalLabel: text("fiscal_label"),
    value: doublePrecision("value").notNull(),
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
    index("observations_entity_metric_end").on(t.entity, t.metric, t.periodEnd),
  ],
);

export const dataVersion = pgTable(
  "data_version",
  {
    id: integer("id").primaryKey(),
    version: integer("version").notNull(),
    changedAt: text("changed_at").notNull(),
  },
  (t) => [check("data_version_single_row", sql`${t.id} = 1`)],
);

export const uploads = pgTable(
  "uploads",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    kind: text("kind").$type<"upload" | "revert">().notNull(),
    fileName: text("file_name"),
    sha256: text("sha256"),
    tokenName: text("token_name").notNull(),
    createdAt: text("created_at").notNull(),
    inserted: integer("inserted").notNull(),
    updated: integer("updated").notNull(),
    deleted: integer("deleted").notNull(),
    unchanged: integer("unchanged").notNull(),
    // json, not jsonb: the report comes back with its keys in the order they were written.
    report: json("report").$type<UploadRecord>().notNull(),
    revertsUploadId: integer("reverts_upload_id").references((): AnyPgColumn => uploads.id),
    revertedByUploadId: integer("reverted_by_upload_id").references((): AnyPgColumn => uploads.id),
  },
  (t) => [check("uploads_kind", sql`${t.kind} in ('upload', 'revert')`)],
);

export const observationRevisions = pgTable(
  "observation_revisions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    uploadId: integer("upload_id").references(() => uploads.id),
    identity: text("identity").notNull(),
    entity: text("entity").notNull(),
    metric: text("metric").notNull(),
    kind: text("kind").$type<MetricKind>().notNull(),
    period: text("period").notNull(),
    periodEnd: text("period_end").notNull(),
    fiscalLabel: text("fiscal_label"),
    value: doublePrecision("value"),
    unit: text("unit").$type<Unit>(),
    basis: text("basis").$type<Basis>(),
    source: text("source"),
    note: text("note"),
    replacesRevisionId: integer("replaces_revision_id").references((): AnyPgColumn => observationRevisions.id),
    file: text("file"),
    line: integer("line"),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [
    check("observation_revisions_removed", sql`(${t.value} is null) = (${t.unit} is null) and (${t.value} is null) = (${t.basis} is null)`),
    index("observation_revisions_identity").on(t.identity, t.id),
    index("observation_revisions_upload").on(t.uploadId),
    index("observation_revisions_replaces").on(t.replacesRevisionId).where(sql`replaces_revision_id is not null`),
    index("observation_revisions_removals").on(t.identity).where(sql`value is null`),
  ],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    name: text("name").notNull().unique(),
    role: text("role").$type<TokenRole>().notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [check("api_tokens_role", sql`${t.role} in ('analyst', 'viewer')`)],
);
