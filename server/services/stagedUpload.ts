// PostgreSQL's bulk path for one upload's rows, inside its write transaction (figureLedger.ts's
// counterpart to SQLite's row-by-row uploadWriter). Each file's valid observations are streamed
// into a temporary table with COPY FROM STDIN as they are read; one query per file then finds, for
// each row, the stored figure it meets and where the upload gave the same observation before,
// which is what the upload writer finds row by row on SQLite, and hands it to the same rule
// (importObservations' tallyObservation); a commit writes the figures and their revisions in a
// few set-based statements. A rollback (a problem, a dry run, nothing changed, a crash) leaves the
// database as it was: the table goes with the transaction.
import { aliasedTable, type Column, getTableColumns, type SQL, sql } from "drizzle-orm";
import { doublePrecision, integer, pgTable } from "drizzle-orm/pg-core";
import type { LocatedObservation } from "../csv/observationCsv.ts";
import type { PostgresStore } from "../db/client.ts";
import { binaryText } from "../db/pgSchema.ts";
import { bareColumns, copyIn, execute, rows } from "../db/query.ts";
import { type MetricKind, observationIdentity } from "../domain/catalog.ts";
import type { Figure, UnstatedField } from "../domain/revisions.ts";
import { FIGURE_FIELDS, figureLedger, identityOf, OBSERVATION_FIELDS, type StoredObservation } from "./figureLedger.ts";
import type { ImportReport, Outcome, UploadEntry } from "./importObservations.ts";

/** The rows of the upload, in the order read (seq), each with its place and its identity. */
const staged = pgTable("upload_rows", {
  seq: integer("seq").notNull(),
  fileIndex: integer("file_index").notNull(),
  line: integer("line").notNull(),
  valueColumn: binaryText("value_column").notNull(),
  keyColumn: binaryText("key_column").notNull(),
  identity: binaryText("identity").notNull(),
  entity: binaryText("entity").notNull(),
  metric: binaryText("metric").notNull(),
  kind: binaryText("kind").notNull(),
  period: binaryText("period").notNull(),
  periodEnd: binaryText("period_end").notNull(),
  fiscalLabel: binaryText("fiscal_label"),
  value: doublePrecision("value").notNull(),
  unit: binaryText("unit").notNull(),
  basis: binaryText("basis").notNull(),
  source: binaryText("source"),
  note: binaryText("note"),
});
const STAGED_COLUMNS = Object.values(getTableColumns(staged));

/** COPY's text format: tab-separated, `\N` for null, backslash escapes. */
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const copyText = (text: string | null) => (text === null ? "\\N" : text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] ?? c));

/** Rows are handed to COPY in chunks of about this many characters. */
const COPY_CHUNK = 1 << 16;
/** Rows fetched from the classifying cursor at a time. */
const FETCH_SIZE = 5000;

/** A column of a query's result by its alias, as `select` names it. */
const as = (expression: SQL | Column, alias: string) => sql`${expression} as ${sql.identifier(alias)}`;

/**
 * For this transaction only: memory enough to sort and hash a large upload's rows without
 * spilling to disk, and no JIT compilation (it took longer than the queries it compiled).
 */
const UPLOAD_SETTINGS = [sql`set local work_mem = '64MB'`, sql`set local jit = off`];

export async function stagedUpload(tx: PostgresStore, fileNames: string[]) {
  const { observations, observationRevisions: revisions } = tx.tables;
  for (const setting of UPLOAD_SETTINGS) await execute(tx, setting);
  await execute(
    tx,
    sql`create temporary table ${staged} (${sql.join(
      STAGED_COLUMNS.map((column) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`),
      sql`, `,
    )}) on commit drop`,
  );
  let seq = 0;
  // The figures rows replace, as columns (handed to one unnest): the row, its stored figure and what it writes.
  const replaced: { seqs: number[]; storedIds: number[]; figures: Figure[] } = { seqs: [], storedIds: [], figures: [] };
  // What each file leaves unstated for each kind of metric (the same for all its rows): not staged.
  const unstated = new Map<string, readonly UnstatedField[]>();
  const unstatedKey = (fileIndex: number, kind: MetricKind) => `${fileIndex}|${kind}`;

  return {
    /** COPY for one file's rows: accept() each valid observation as it is read, then end(). */
    file(fileIndex: number) {
      const stream = copyIn(tx, sql`copy ${staged} (${bareColumns(STAGED_COLUMNS)}) from stdin`);
      const copied = new Promise<void>((resolve, reject) => {
        stream.on("finish", resolve);
        stream.on("error", reject);
      });
      let chunk = "";
      let count = 0;
      return {
        accept(o: LocatedObservation): void {
          seq++;
          count++;
          unstated.set(unstatedKey(fileIndex, o.kind), o.unstated);
          chunk += `${seq}\t${fileIndex}\t${o.line}\t${copyText(o.valueColumn)}\t${copyText(o.keyColumn)}\t${copyText(observationIdentity(o))}\t${copyText(o.entity)}\t${copyText(o.metric)}\t${o.kind}\t${copyText(o.period)}\t${copyText(o.periodEnd)}\t${copyText(o.fiscalLabel)}\t${o.value}\t${copyText(o.unit)}\t${copyText(o.basis)}\t${copyText(o.source)}\t${copyText(o.note)}\n`;
          if (chunk.length >= COPY_CHUNK) {
            stream.write(chunk);
            chunk = "";
          }
        },
        async end(): Promise<void> {
          if (chunk) stream.write(chunk);
          stream.end();
          await copied;
          // Statistics for the planner: a hash join for a large file, index look-ups for a small one.
          await execute(tx, sql`analyze ${staged}`);
        },
        count: () => count,
      };
    },

    /**
     * Visits, in the order read, each row of the file that repeats an earlier one of the upload or
     * meets a stored figure, and the first `listable` rows that only add one; a row `visit`
     * replaces is kept for commit(). How many rows were visited.
     */
    async classify(
      fileIndex: number,
      listable: number,
      visit: (
        observation: LocatedObservation,
        stored: StoredObservation | null,
        earlier: { file: string; line: number } | undefined,
      ) => Outcome,
    ): Promise<number> {
      const s = aliasedTable(staged, "s");
      const flow = aliasedTable(observations, "stored_flow");
      const point = aliasedTable(observations, "stored_point");
      const first = sql.identifier("first_seen");
      const firstSeq = sql`${first}.${sql.identifier("seq")}`;
      const earlierRow = aliasedTable(staged, "earlier");
      // The stored figure, from whichever of the two look-ups found it.
      const storedColumns = Object.entries(getTableColumns(observations)).map(([key, column]) =>
        as(
          sql`case when ${flow.id} is not null then ${sql`${sql.identifier("stored_flow")}.${sql.identifier(column.name)}`} else ${sql`${sql.identifier("stored_point")}.${sql.identifier(column.name)}`} end`,
          `stored_${key}`,
        ),
      );
      const classified = sql`select ${sql.join(
        Object.values(getTableColumns(s)).map((column) => as(column, column.name)),
        sql`, `,
      )}, ${sql.join(storedColumns, sql`, `)}, ${as(firstSeq, "first_seq")},
          sum(case when ${firstSeq} = ${s.seq} and ${flow.id} is null and ${point.id} is null then 1 else 0 end)
            over (order by ${s.seq} rows unbounded preceding) as ${sql.identifier("added_rank")}
        from ${staged} as ${sql.identifier("s")}
        join (select ${staged.identity}, min(${staged.seq}) as ${sql.identifier("seq")} from ${staged} group by ${staged.identity}) as ${first}
          on ${first}.${sql.identifier("identity")} = ${s.identity}
        left join ${observations} as ${sql.identifier("stored_flow")} on ${s.kind} = 'flow' and ${flow.kind} = 'flow'
          and ${flow.entity} = ${s.entity} and ${flow.metric} = ${s.metric} and ${flow.period} = ${s.period}
        left join ${observations} as ${sql.identifier("stored_point")} on ${s.kind} = 'point' and ${point.kind} = 'point'
          and ${point.entity} = ${s.entity} and ${point.metric} = ${s.metric} and ${point.periodEnd} = ${s.periodEnd}
        where ${s.fileIndex} = ${fileIndex}`;
      const c = sql.identifier("c");
      const cColumn = (name: string) => sql`${c}.${sql.identifier(name)}`;
      const cursor = sql.identifier("upload_classified");
      await execute(
        tx,
        sql`declare ${cursor} no scroll cursor for
          select ${c}.*, ${as(earlierRow.fileIndex, "earlier_file")}, ${as(earlierRow.line, "earlier_line")}
          from (${classified}) as ${c}
          left join ${staged} as ${sql.identifier("earlier")} on ${earlierRow.seq} = ${cColumn("first_seq")} and ${cColumn("first_seq")} <> ${cColumn("seq")}
          where ${cColumn("first_seq")} <> ${cColumn("seq")} or ${cColumn("stored_id")} is not null or ${cColumn("added_rank")} <= ${Math.max(0, listable)}
          order by ${cColumn("seq")}`.inlineParams(),
      );
      let visited = 0;
      for (;;) {
        const batch = await rows<ClassifiedRow>(tx, sql`fetch forward ${sql.raw(String(FETCH_SIZE))} from ${cursor}`);
        for (const row of batch) {
          const observation = locatedObservation(row, fileNames, unstated.get(unstatedKey(row.file_index, row.kind)) ?? []);
          const stored = storedObservation(row);
          const earlier = row.earlier_file === null ? undefined : { file: fileNames[row.earlier_file] ?? "", line: row.earlier_line ?? 0 };
          const outcome = visit(observation, stored, earlier);
          if (outcome.is === "replaced" && stored) {
            replaced.seqs.push(row.seq);
            replaced.storedIds.push(stored.id);
            replaced.figures.push(outcome.figure);
          }
        }
        visited += batch.length;
        if (batch.length < FETCH_SIZE) break;
      }
      await execute(tx, sql`close ${cursor}`);
      return visited;
    },

    /** Writes the upload: its entry, the replaced figures and then the added ones, each with its revision; the entry's id. */
    async commit(entry: UploadEntry, report: ImportReport): Promise<number> {
      const ledger = figureLedger(tx);
      const uploadId = await ledger.recordUpload({
        kind: "upload",
        ...entry,
        counts: { inserted: report.inserted, updated: report.updated, deleted: 0, unchanged: report.unchanged },
        report: { files: report.files, warnings: report.warnings, newEntities: report.newEntities, newMetrics: report.newMetrics },
        revertsUploadId: null,
      });
      const now = sql`${entry.createdAt}::text`;
      const upload = sql`${uploadId}::integer`;
      const names = sql`${sql.param(fileNames)}::text[]`;
      const fileOf = (row: typeof staged) => sql`(${names})[${row.fileIndex} + 1]`;
      const revisionColumns = bareColumns(Object.values(getTableColumns(revisions)).filter((column) => column !== revisions.id));
      const s = aliasedTable(staged, "s");
      const latestRevision = sql`(select max(${revisions.id}) from ${revisions} where ${revisions.identity} = ${s.identity})`;

      if (replaced.seqs.length > 0) {
        const r = sql.identifier("upload_replaced");
        const rColumn = (name: string) => sql`${r}.${sql.identifier(name)}`;
        const fieldColumns = FIGURE_FIELDS.map((key) => observations[key]);
        await execute(
          tx,
          sql`create temporary table ${r} on commit drop as
            select * from unnest(${sql.param(replaced.seqs)}::integer[], ${sql.param(replaced.storedIds)}::integer[], ${sql.join(
              FIGURE_FIELDS.map(
                (key) =>
                  sql`${sql.param(replaced.figures.map((figure) => figure[key]))}::${sql.raw(key === "value" ? "double precision" : "text")}[]`,
              ),
              sql`, `,
            )}) as ${r} (${sql.identifier("seq")}, ${sql.identifier("stored_id")}, ${bareColumns(fieldColumns)})`,
        );
        /** A replacing row's figure column: what it writes (upload_replaced) for a field of the figure, the staged row's otherwise. */
        const written = (key: (typeof OBSERVATION_FIELDS)[number]) =>
          (FIGURE_FIELDS as readonly string[]).includes(key) ? rColumn(observations[key].name) : s[key];
        const o = aliasedTable(observations, "o");
        // A figure stored before revisions were kept gets its present state recorded first.
        await execute(
          tx,
          sql`insert into ${revisions} (${revisionColumns})
            select null, ${s.identity}, ${sql.join(
              OBSERVATION_FIELDS.map((key) => o[key]),
              sql`, `,
            )}, null, null, null, ${now}
            from ${r} join ${staged} as ${sql.identifier("s")} on ${s.seq} = ${rColumn("seq")} join ${observations} as ${sql.identifier("o")} on ${o.id} = ${rColumn("stored_id")}
            where not exists (select 1 from ${revisions} where ${revisions.identity} = ${s.identity})
            order by ${s.seq}`,
        );
        await execute(
          tx,
          sql`insert into ${revisions} (${revisionColumns})
            select ${upload}, ${s.identity}, ${sql.join(OBSERVATION_FIELDS.map(written), sql`, `)}, ${latestRevision}, ${fileOf(s)}, ${s.line}, ${now}
            from ${r} join ${staged} as ${sql.identifier("s")} on ${s.seq} = ${rColumn("seq")}
            order by ${s.seq}`,
        );
        await execute(
          tx,
          sql`update ${observations} set ${sql.join(
            FIGURE_FIELDS.map((key) => sql`${sql.identifier(observations[key].name)} = ${written(key)}`),
            sql`, `,
          )}
            from ${r} join ${staged} as ${sql.identifier("s")} on ${s.seq} = ${rColumn("seq")}
            where ${observations.id} = ${rColumn("stored_id")}`,
        );
      }

      // The rows that add a figure; a row whose figure is stored (kept or just replaced) meets
      // its unique index and adds nothing. Each added figure's revision names its file and line.
      const added = aliasedTable(observations, "added");
      const anyRemoval =
        (
          await rows<{ found: number }>(
            tx,
            sql`select 1 as ${sql.identifier("found")} from ${revisions} where ${revisions.value} is null limit 1`,
          )
        ).length > 0;
      const replaces = anyRemoval
        ? sql`(select max(${revisions.id}) from ${revisions} where ${revisions.value} is null and ${revisions.identity} = ${s.identity})`
        : sql`null`;
      await execute(
        tx,
        sql`with ${sql.identifier("added")} as (
            insert into ${observations} (${bareColumns(OBSERVATION_FIELDS.map((key) => observations[key]))})
            select ${sql.join(
              OBSERVATION_FIELDS.map((key) => staged[key]),
              sql`, `,
            )} from ${staged} order by ${staged.seq}
            on conflict do nothing
            returning ${bareColumns(Object.values(getTableColumns(observations)))}
          )
          insert into ${revisions} (${revisionColumns})
          select ${upload}, ${s.identity}, ${sql.join(
            OBSERVATION_FIELDS.map((key) => added[key]),
            sql`, `,
          )}, ${replaces}, ${fileOf(s)}, ${s.line}, ${now}
          from ${sql.identifier("added")} join ${staged} as ${sql.identifier("s")} on ${s.identity} = ${identityOf(added)}
          order by ${added.id}`,
      );
      await ledger.bumpVersion(entry.createdAt);
      return uploadId;
    },
  };
}

/** A row of the classifying query as node-postgres returns it: the staged row's columns, the stored figure's, the earlier place's. */
type ClassifiedRow = Record<string, unknown> & {
  seq: number;
  file_index: number;
  kind: MetricKind;
  line: number;
  value_column: string;
  key_column: string;
  earlier_file: number | null;
  earlier_line: number | null;
};

function locatedObservation(row: ClassifiedRow, fileNames: string[], unstated: readonly UnstatedField[]): LocatedObservation {
  const cell = <T>(name: string) => row[name] as T;
  return {
    file: fileNames[row.file_index] ?? "",
    line: row.line,
    valueColumn: row.value_column,
    keyColumn: row.key_column,
    entity: cell("entity"),
    metric: cell("metric"),
    kind: cell("kind"),
    period: cell("period"),
    periodEnd: cell("period_end"),
    fiscalLabel: cell("fiscal_label"),
    value: cell("value"),
    unit: cell("unit"),
    basis: cell("basis"),
    source: cell("source"),
    note: cell("note"),
    unstated,
  };
}

function storedObservation(row: ClassifiedRow): StoredObservation | null {
  const cell = <T>(key: string) => row[`stored_${key}`] as T;
  if (cell<number | null>("id") === null) return null;
  return {
    id: cell("id"),
    entity: cell("entity"),
    metric: cell("metric"),
    kind: cell("kind"),
    period: cell("period"),
    periodEnd: cell("periodEnd"),
    fiscalLabel: cell("fiscalLabel"),
    value: cell("value"),
    unit: cell("unit"),
    basis: cell("basis"),
    source: cell("source"),
    note: cell("note"),
  };
}
