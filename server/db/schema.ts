// The SQLite schema, and the source of what the tables are: pgSchema.ts restates it in
// PostgreSQL's types (tests/server/db/schema.test.ts fails when they differ). Migrations in
// ./migrations are generated from it by `npm run db:generate`.
import { sql } from "drizzle-orm";
import { type AnySQLiteColumn, check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Basis, MetricKind, Unit } from "../domain/catalog.ts";
import type { Delimiter, Layout } from "../domain/csvFormat.ts";
import type { Problem } from "../domain/problem.ts";

export const entities = sqliteTable("entities", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  group: text("group").notNull(),
  note: text("note"),
  launched: text("launched"),
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
    // Serves /api/observations's usual filter (entities and metrics) in its order (period end).
    index("observations_entity_metric_end").on(t.entity, t.metric, t.periodEnd),
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

/** What an upload entry read and added, kept as JSON with it; its changes are its revisions. */
export interface UploadRecord {
  files: { name: string; sha256: string; layout: Layout; delimiter: Delimiter; rows: number }[];
  warnings: Problem[];
  newEntities: string[];
  newMetrics: string[];
}

/** Every committed upload, import, seed and revert: who, when, what file, what it changed. */
export const uploads = sqliteTable(
  "uploads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // "upload" writes the rows of files; "revert" undoes the entry named by revertsUploadId.
    kind: text("kind").$type<"upload" | "revert">().notNull(),
    // Only ever shown: never used as a path.
    fileName: text("file_name"),
    sha256: text("sha256"),
    tokenName: text("token_name").notNull(),
    createdAt: text("created_at").notNull(),
    inserted: integer("inserted").notNull(),
    updated: integer("updated").notNull(),
    deleted: integer("deleted").notNull(),
    unchanged: integer("unchanged").notNull(),
    report: text("report", { mode: "json" }).$type<UploadRecord>().notNull(),
    revertsUploadId: integer("reverts_upload_id").references((): AnySQLiteColumn => uploads.id),
    revertedByUploadId: integer("reverted_by_upload_id").references((): AnySQLiteColumn => uploads.id),
  },
  (t) => [check("uploads_kind", sql`${t.kind} in ('upload', 'revert')`)],
);

/** Each state an observation has had, newest last: nothing is overwritten without a trace. */
export const observationRevisions = sqliteTable(
  "observation_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // Null for the state an observation had before revisions were kept.
    uploadId: integer("upload_id").references(() => uploads.id),
    // observationIdentity(): entity|metric|period for a flow, entity|metric|period_end for a point.
    identity: text("identity").notNull(),
    entity: text("entity").notNull(),
    metric: text("metric").notNull(),
    kind: text("kind").$type<MetricKind>().notNull(),
    period: text("period").notNull(),
    periodEnd: text("period_end").notNull(),
    // The figure after this revision; value, unit and basis are null when it was removed.
    fiscalLabel: text("fiscal_label"),
    value: real("value"),
    unit: text("unit").$type<Unit>(),
    basis: text("basis").$type<Basis>(),
    source: text("source"),
    note: text("note"),
    replacesRevisionId: integer("replaces_revision_id").references((): AnySQLiteColumn => observationRevisions.id),
    // Where the upload's files gave the figure; null for a revert and a figure found before revisions.
    file: text("file"),
    line: integer("line"),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [
    check("observation_revisions_removed", sql`(${t.value} is null) = (${t.unit} is null) and (${t.value} is null) = (${t.basis} is null)`),
    index("observation_revisions_identity").on(t.identity, t.id),
    index("observation_revisions_upload").on(t.uploadId),
    // The self-reference's child column: with foreign keys deferred (an upload's new entities),
    // every inserted revision is checked against it, a full scan without this index. Partial: a
    // new figure's first revision replaces nothing and costs the index nothing.
    index("observation_revisions_replaces").on(t.replacesRevisionId).where(sql`replaces_revision_id is not null`),
    // The few revisions that removed a figure: an import asks once whether there are any.
    index("observation_revisions_removals").on(t.identity).where(sql`value is null`),
  ],
);

export const TOKEN_ROLES = ["analyst", "viewer"] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** API tokens: only a SHA-256 of each is stored; the token itself is shown once, at creation. */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull().unique(),
    role: text("role").$type<TokenRole>().notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [check("api_tokens_role", sql`${t.role} in ('analyst', 'viewer')`)],
);
