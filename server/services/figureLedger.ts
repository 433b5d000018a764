// The one place that writes observations. Every change of a figure is recorded as a revision that
// names what it replaced, every batch of changes as an upload entry, and the data version moves in
// the same transaction: nothing is overwritten without a trace, and revert can walk back.
//
// Its statements are drizzle `sql` templates over the schema's tables and columns: figureLedger()
// runs them on either store through db/query.ts; the bulk path of an upload on SQLite
// (uploadWriter) renders its own once to text for better-sqlite3's prepared statements (several
// times faster than drizzle's builders), and on PostgreSQL it is stagedUpload.ts's set-based
// statements. A renamed schema property is a type error here, a renamed column changes the SQL.
import type Database from "better-sqlite3";
import { aliasedTable, eq, getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import { type SQLiteColumn, SQLiteSyncDialect, type SQLiteTable } from "drizzle-orm/sqlite-core";
import type { SqliteStore, Store } from "../db/client.ts";
import { execute, rows, select, selectOne, setOf, valuesOf } from "../db/query.ts";
import { observationRevisions, observations, type UploadRecord } from "../db/schema.ts";
import { type MetricKind, observationIdentity } from "../domain/catalog.ts";
import type { Figure, FigureChange } from "../domain/revisions.ts";

/** What identifies an observation (data/README.md), with the period fields a revision keeps. */
export interface FigureKey {
  entity: string;
  metric: string;
  kind: MetricKind;
  period: string;
  periodEnd: string;
}

export type StoredObservation = typeof observations.$inferSelect;
/** A figure's state: value, unit and basis are null when it was removed. */
export type Revision = typeof observationRevisions.$inferSelect;

/** What a revision records besides the figure: the upload entry, and where its files gave it. */
export interface RevisionOrigin {
  uploadId: number;
  recordedAt: string;
  file: string | null;
  line: number | null;
}

export interface NewUpload {
  kind: "upload" | "revert";
  fileName: string | null;
  sha256: string | null;
  tokenName: string;
  createdAt: string;
  counts: { inserted: number; updated: number; deleted: number; unchanged: number };
  report: UploadRecord;
  revertsUploadId: number | null;
}

const dialect = new SQLiteSyncDialect();

/**
 * `query` as text for sqlite.prepare(): tables and columns named as the schema names them,
 * constants written in as literals, and each sql.placeholder() a positional `?` (binding by name
 * measured 7 to 19% slower), so a statement's arguments go in the order its placeholders appear.
 */
function sqlText(query: SQL): string {
  return dialect.sqlToQuery(query.inlineParams()).sql;
}

/** Columns as SQLite takes them where no table may be named: an insert's list, an update's set. */
const bare = (columns: SQLiteColumn[]) =>
  sql.join(
    columns.map((column) => sql.identifier(column.name)),
    sql`, `,
  );
/** One placeholder for each column, named after it. */
const placeholders = (columns: SQLiteColumn[]) =>
  sql.join(
    columns.map((column) => sql.placeholder(column.name)),
    sql`, `,
  );
/** Every column of `table` under its property name: rows as drizzle's own select() returns them. */
const everyColumn = (table: SQLiteTable) =>
  sql.join(
    Object.entries(getTableColumns(table)).map(([key, column]) => sql`${column} as ${sql.identifier(key)}`),
    sql`, `,
  );

/** observationIdentity() of an observations row, in SQL. */
export const identityOf = (o: Store["tables"]["observations"]) =>
  sql<string>`${o.entity} || '|' || ${o.metric} || '|' || case when ${o.kind} = 'flow' then ${o.period} else ${o.periodEnd} end`;

const o = observations;
const r = observationRevisions;
const identityOfObservation = identityOf(o);
/** A figure's fields, as observations and revisions both hold them. */
export const FIGURE_FIELDS = [
  "period",
  "periodEnd",
  "fiscalLabel",
  "value",
  "unit",
  "basis",
  "source",
  "note",
] as const satisfies readonly (keyof Figure)[];
/** An observation's columns but its id, in the order the statements below bind them. */
export const OBSERVATION_FIELDS = ["entity", "metric", "kind", ...FIGURE_FIELDS] as const satisfies readonly (keyof StoredObservation)[];
/** A revision's columns but its id, in the order the statements below bind them. */
const REVISION_FIELDS = [
  "uploadId",
  "identity",
  ...OBSERVATION_FIELDS,
  "replacesRevisionId",
  "file",
  "line",
  "recordedAt",
] as const satisfies readonly (keyof Revision)[];
const UPDATE_FIELDS = [...FIGURE_FIELDS, "id"] as const satisfies readonly (keyof StoredObservation)[];
/** The arguments of a statement that binds `Fields` of `Row`, in their order. */
type Bound<Row, Fields extends readonly (keyof Row)[]> = { -readonly [I in keyof Fields]: Row[Fields[I]] };

const OBSERVATION_COLUMNS = OBSERVATION_FIELDS.map((field) => o[field]);
const REVISION_COLUMNS = REVISION_FIELDS.map((field) => r[field]);

/**
 * The revisions of the figures an upload added, written at once by SQLite from the rows it
 * inserted (ids above lastIdBefore), in REVISION_FIELDS' order; each row's place in the files
 * comes from the upload writer through the functions upload_file() and upload_line(). A figure
 * with no observation row has an earlier revision only if it was removed; while none ever was,
 * that look-up is left out.
 */
function reviseAddedText(removalsRecorded: boolean): string {
  const replaces = removalsRecorded
    ? sql`(select max(${r.id}) from ${r} where ${r.value} is null and ${r.identity} = ${identityOfObservation})`
    : sql`null`;
  return sqlText(
    sql`insert into ${r} (${bare(REVISION_COLUMNS)})
      select ${sql.placeholder("uploadId")}, ${identityOfObservation}, ${sql.join(OBSERVATION_COLUMNS, sql`, `)}, ${replaces},
        upload_file(${o.id}), upload_line(${o.id}), ${sql.placeholder("recordedAt")}
      from ${o} where ${o.id} > ${sql.placeholder("lastIdBefore")} order by ${o.id}`,
  );
}

/** Rendered once: the statements are the same for every connection. */
const SQL_TEXT = {
  findFlow: sqlText(
    sql`select ${everyColumn(o)} from ${o} where ${o.kind} = 'flow' and ${o.entity} = ${sql.placeholder("entity")}
      and ${o.metric} = ${sql.placeholder("metric")} and ${o.period} = ${sql.placeholder("period")}`,
  ),
  findPoint: sqlText(
    sql`select ${everyColumn(o)} from ${o} where ${o.kind} = 'point' and ${o.entity} = ${sql.placeholder("entity")}
      and ${o.metric} = ${sql.placeholder("metric")} and ${o.periodEnd} = ${sql.placeholder("periodEnd")}`,
  ),
  insertObservationIfNew: sqlText(
    sql`insert into ${o} (${bare(OBSERVATION_COLUMNS)}) values (${placeholders(OBSERVATION_COLUMNS)}) on conflict do nothing`,
  ),
  updateObservation: sqlText(
    sql`update ${o} set ${sql.join(
      FIGURE_FIELDS.map((field) => sql`${sql.identifier(o[field].name)} = ${sql.placeholder(o[field].name)}`),
      sql`, `,
    )} where ${o.id} = ${sql.placeholder(o.id.name)}`,
  ),
  insertRevision: sqlText(sql`insert into ${r} (${bare(REVISION_COLUMNS)}) values (${placeholders(REVISION_COLUMNS)})`),
  reviseAddedWithRemovals: reviseAddedText(true),
  reviseAddedWithoutRemovals: reviseAddedText(false),
  // The id counter too: an insert that meets ON CONFLICT DO NOTHING still takes the next id, so
  // after re-uploads the counter runs ahead of max(id), and new rows start above the counter.
  lastObservationId: sqlText(
    sql`select max(coalesce((select max(${o.id}) from ${o}), 0),
      coalesce((select seq from sqlite_sequence where name = ${getTableName(o)}), 0))`,
  ),
  anyRemoval: sqlText(sql`select exists (select 1 from ${r} where ${r.value} is null)`),
  latestRevisionId: sqlText(sql`select max(${r.id}) from ${r} where ${r.identity} = ${sql.placeholder("identity")}`),
};

/** The figure a revision left, or null when it removed the observation. */
export function revisionFigure(revision: Pick<Revision, keyof Figure>): Figure | null {
  const { period, periodEnd, fiscalLabel, value, unit, basis, source, note } = revision;
  return value === null || unit === null || basis === null ? null : { period, periodEnd, fiscalLabel, value, unit, basis, source, note };
}

/** Where the figures an upload added were read, by observation id. */
interface AddedPlaces {
  file(id: number): string;
  line(id: number): number;
}

/**
 * What upload_file() and upload_line() read: the places of the writer whose finish() is running.
 * The functions are registered once per connection, since registering one again makes SQLite
 * expire every prepared statement of the connection; the slot is emptied afterwards, so the
 * connection does not keep an upload's places alive.
 */
const placesByConnection = new WeakMap<Database.Database, { current: AddedPlaces | null }>();

function addedPlacesSlot(sqlite: Database.Database): { current: AddedPlaces | null } {
  const known = placesByConnection.get(sqlite);
  if (known) return known;
  const slot: { current: AddedPlaces | null } = { current: null };
  const current = () => {
    if (!slot.current) throw new Error("upload_file() and upload_line() answer only inside an upload writer's finish()");
    return slot.current;
  };
  sqlite.function("upload_file", (id) => current().file(Number(id)));
  sqlite.function("upload_line", (id) => current().line(Number(id)));
  placesByConnection.set(sqlite, slot);
  return slot;
}

/**
 * Where one upload read each figure it gave, as file index * 2^32 + line: for an added figure in
 * an array by id above `lastIdBefore` (8 bytes a row), for a stored one in a map by id. A packed
 * 0, what a new array holds, is no place: lines start at 1.
 */
function uploadPlaces(lastIdBefore: number) {
  const files: string[] = [];
  const fileIndex = new Map<string, number>();
  let added = new Float64Array(1 << 16);
  const stored = new Map<number, number>();
  const pack = (file: string, line: number) => {
    let index = fileIndex.get(file);
    if (index === undefined) {
      index = files.push(file) - 1;
      fileIndex.set(file, index);
    }
    return index * 2 ** 32 + line;
  };
  const packedOf = (id: number) => (id > lastIdBefore ? added[id - lastIdBefore - 1] || undefined : stored.get(id));
  const fileOf = (packed: number) => files[Math.floor(packed / 2 ** 32)];
  const lineOf = (packed: number) => packed % 2 ** 32;
  /** For upload_file() and upload_line(): every id above lastIdBefore was added with its place. */
  const addedPacked = (id: number) => {
    const packed = id > lastIdBefore ? added[id - lastIdBefore - 1] : undefined;
    if (!packed) throw new Error(`observation ${id} was not added by this upload`);
    return packed;
  };
  return {
    added(id: number, file: string, line: number): void {
      const slot = id - lastIdBefore - 1;
      if (slot >= added.length) {
        const grown = new Float64Array(Math.max(added.length * 2, slot + 1));
        grown.set(added);
        added = grown;
      }
      added[slot] = pack(file, line);
    },
    found(id: number, file: string, line: number): void {
      stored.set(id, pack(file, line));
    },
    placeOf(id: number): { file: string; line: number } | undefined {
      const packed = packedOf(id);
      const file = packed === undefined ? undefined : fileOf(packed);
      return packed === undefined || file === undefined ? undefined : { file, line: lineOf(packed) };
    },
    addedPlaces: {
      file(id: number): string {
        const file = fileOf(addedPacked(id));
        if (file === undefined) throw new Error(`observation ${id} has no file`);
        return file;
      },
      line: (id: number) => lineOf(addedPacked(id)),
    } satisfies AddedPlaces,
  };
}

export type UploadWriter = ReturnType<typeof uploadWriter>;

/**
 * The bulk path for one upload's rows on SQLite, made inside its transaction (synchronous, row by
 * row as they are read). A new figure is inserted as it is read and its revision written with the
 * others by finish(), in one statement: at a million rows, writing revisions one by one took
 * longer than the observations themselves.
 */
export function uploadWriter({ sqlite }: SqliteStore, uploadId: number, recordedAt: string) {
  // Before any statement: the ones of finish() call these functions.
  const placesSlot = addedPlacesSlot(sqlite);
  const findFlow = sqlite.prepare<[string, string, string], StoredObservation>(SQL_TEXT.findFlow);
  const findPoint = sqlite.prepare<[string, string, string], StoredObservation>(SQL_TEXT.findPoint);
  const insertObservationIfNew = sqlite.prepare<Bound<StoredObservation, typeof OBSERVATION_FIELDS>>(SQL_TEXT.insertObservationIfNew);
  const updateObservation = sqlite.prepare<Bound<StoredObservation, typeof UPDATE_FIELDS>>(SQL_TEXT.updateObservation);
  const insertRevision = sqlite.prepare<Bound<Revision, typeof REVISION_FIELDS>>(SQL_TEXT.insertRevision);
  const reviseAdded = {
    withRemovals: sqlite.prepare<[number, string, number]>(SQL_TEXT.reviseAddedWithRemovals),
    withoutRemovals: sqlite.prepare<[number, string, number]>(SQL_TEXT.reviseAddedWithoutRemovals),
  };
  const lastObservationId = sqlite.prepare<[], number>(SQL_TEXT.lastObservationId).pluck();
  const anyRemoval = sqlite.prepare<[], number>(SQL_TEXT.anyRemoval).pluck();
  const latestId = sqlite.prepare<[string], number | null>(SQL_TEXT.latestRevisionId).pluck();

  const current = (key: FigureKey): StoredObservation | undefined =>
    key.kind === "flow" ? findFlow.get(key.entity, key.metric, key.period) : findPoint.get(key.entity, key.metric, key.periodEnd);

  /** Records `figure` as the latest revision of `key`; its id. */
  const revise = (
    { entity, metric, kind, period, periodEnd }: FigureKey,
    figure: Figure,
    replacesRevisionId: number | null,
    // A null upload: the state of a figure stored before revisions were kept.
    origin: Omit<RevisionOrigin, "uploadId"> & { uploadId: number | null },
  ): number =>
    Number(
      insertRevision.run(
        origin.uploadId,
        observationIdentity({ entity, metric, kind, period, periodEnd }),
        entity,
        metric,
        kind,
        figure.period,
        figure.periodEnd,
        figure.fiscalLabel,
        figure.value,
        figure.unit,
        figure.basis,
        figure.source,
        figure.note,
        replacesRevisionId,
        origin.file,
        origin.line,
        origin.recordedAt,
      ).lastInsertRowid,
    );

  const lastIdBefore = lastObservationId.get() ?? 0;
  const places = uploadPlaces(lastIdBefore);
  return {
    /**
     * Adds a figure no observation holds yet and returns null; returns the stored observation,
     * having written nothing, when one holds it.
     */
    insert(figure: FigureKey & Figure & { file: string; line: number }): StoredObservation | null {
      const { entity, metric, kind, period, periodEnd, fiscalLabel, value, unit, basis, source, note, file, line } = figure;
      const inserted = insertObservationIfNew.run(entity, metric, kind, period, periodEnd, fiscalLabel, value, unit, basis, source, note);
      if (inserted.changes === 1) {
        places.added(Number(inserted.lastInsertRowid), file, line);
        return null;
      }
      const stored = current(figure);
      if (!stored) throw new Error(`the insert of ${observationIdentity(figure)} met a conflict, yet no observation holds it`);
      return stored;
    },
    /** Notes where the upload gave a stored figure (`stored`, what insert() returned). */
    found(stored: StoredObservation, file: string, line: number): void {
      places.found(stored.id, file, line);
    },
    /** Where the upload gave the observation `id`, if it did: added, or found stored. */
    placeOf: places.placeOf,
    /**
     * Writes a figure over `stored` (what insert() returned for it). One stored before revisions
     * were kept gets its earlier state recorded first.
     */
    replace(key: FigureKey, stored: StoredObservation, after: Figure, file: string, line: number): void {
      let replaces = latestId.get(observationIdentity(key)) ?? null;
      if (replaces === null) replaces = revise(stored, stored, null, { uploadId: null, recordedAt, file: null, line: null });
      const { period, periodEnd, fiscalLabel, value, unit, basis, source, note } = after;
      updateObservation.run(period, periodEnd, fiscalLabel, value, unit, basis, source, note, stored.id);
      revise(key, after, replaces, { uploadId, recordedAt, file, line });
    },
    /** Records the added figures' revisions. */
    finish(): void {
      placesSlot.current = places.addedPlaces;
      try {
        (anyRemoval.get() === 1 ? reviseAdded.withRemovals : reviseAdded.withoutRemovals).run(uploadId, recordedAt, lastIdBefore);
      } finally {
        placesSlot.current = null;
      }
    },
  };
}

/** The ledger's statements on either store (or inside a transaction, on the store it hands its work). */
export function figureLedger(store: Store) {
  const { observations: o, observationRevisions: r, uploads, dataVersion } = store.tables;
  const observationColumns = getTableColumns(o);
  const revisionColumns = getTableColumns(r);

  const current = async (key: FigureKey): Promise<StoredObservation | undefined> =>
    selectOne(
      store,
      observationColumns,
      key.kind === "flow"
        ? sql`from ${o} where ${o.kind} = 'flow' and ${o.entity} = ${key.entity} and ${o.metric} = ${key.metric} and ${o.period} = ${key.period}`
        : sql`from ${o} where ${o.kind} = 'point' and ${o.entity} = ${key.entity} and ${o.metric} = ${key.metric} and ${o.periodEnd} = ${key.periodEnd}`,
    );

  const latestRevisionId = async (identity: string): Promise<number | null> =>
    (await selectOne(store, { id: sql<number | null>`max(${r.id})` }, sql`from ${r} where ${r.identity} = ${identity}`))?.id ?? null;

  /** Records `figure` (null: removed) as the latest revision of `key`; its id. */
  const revise = async (
    { entity, metric, kind, period, periodEnd }: FigureKey,
    figure: Figure | null,
    replacesRevisionId: number | null,
    // A null upload: the state of a figure stored before revisions were kept.
    { uploadId, recordedAt, file, line }: Omit<RevisionOrigin, "uploadId"> & { uploadId: number | null },
  ): Promise<number> => {
    const revision: Omit<Revision, "id"> = {
      uploadId,
      identity: observationIdentity({ entity, metric, kind, period, periodEnd }),
      entity,
      metric,
      kind,
      period: figure?.period ?? period,
      periodEnd: figure?.periodEnd ?? periodEnd,
      fiscalLabel: figure?.fiscalLabel ?? null,
      value: figure?.value ?? null,
      unit: figure?.unit ?? null,
      basis: figure?.basis ?? null,
      source: figure?.source ?? null,
      note: figure?.note ?? null,
      replacesRevisionId,
      file,
      line,
      recordedAt,
    };
    const [inserted] = await rows<{ id: number }>(
      store,
      sql`insert into ${r} ${valuesOf(revisionColumns, revision)} returning ${sql.identifier(r.id.name)}`,
    );
    if (!inserted) throw new Error("a revision was inserted without an id");
    return inserted.id;
  };

  /** Applies one change to `key`'s figure (after null removes the observation) and records it as a revision. */
  const write = async (key: FigureKey, after: Figure | null, origin: RevisionOrigin): Promise<void> => {
    const before = await current(key);
    let replaces = await latestRevisionId(observationIdentity(key));
    // A figure stored before revisions were kept gets its present state recorded first.
    if (before && replaces === null) {
      replaces = await revise(before, before, null, { uploadId: null, recordedAt: origin.recordedAt, file: null, line: null });
    }
    if (after === null) {
      if (before) await execute(store, sql`delete from ${o} where ${eq(o.id, before.id)}`);
    } else if (before) {
      await execute(store, sql`update ${o} set ${setOf(observationColumns, figureFields(after))} where ${eq(o.id, before.id)}`);
    } else {
      const { entity, metric, kind } = key;
      await execute(store, sql`insert into ${o} ${valuesOf(observationColumns, { entity, metric, kind, ...figureFields(after) })}`);
    }
    await revise(key, after, replaces, origin);
  };

  const replaced = aliasedTable(r, "replaced");

  return {
    current,
    /** The newest revision of `revision`'s figure when it is not `revision` itself: a later change. */
    async laterRevision(revision: Revision): Promise<Revision | undefined> {
      const newest = await selectOne(
        store,
        revisionColumns,
        sql`from ${r} where ${r.identity} = ${revision.identity} order by ${r.id} desc limit 1`,
      );
      return newest && newest.id !== revision.id ? newest : undefined;
    },
    write,
    /** What an upload entry changed, in order: each of its revisions with the one it replaced. */
    async changesOf(uploadId: number): Promise<{ revision: Revision; change: FigureChange }[]> {
      const found = await select(
        store,
        {
          ...revisionColumns,
          replacedId: replaced.id,
          replacedPeriod: replaced.period,
          replacedPeriodEnd: replaced.periodEnd,
          replacedFiscalLabel: replaced.fiscalLabel,
          replacedValue: replaced.value,
          replacedUnit: replaced.unit,
          replacedBasis: replaced.basis,
          replacedSource: replaced.source,
          replacedNote: replaced.note,
        },
        sql`from ${r} left join ${r} as ${sql.identifier("replaced")} on ${eq(replaced.id, r.replacesRevisionId)}
          where ${eq(r.uploadId, uploadId)} order by ${r.id}`,
      );
      return found.map((row) => {
        const {
          replacedId,
          replacedPeriod,
          replacedPeriodEnd,
          replacedFiscalLabel,
          replacedValue,
          replacedUnit,
          replacedBasis,
          replacedSource,
          replacedNote,
          ...revision
        } = row;
        const { entity, metric, kind, file, line } = revision;
        const where = file === null || line === null ? {} : { file, line };
        const before =
          replacedId === null
            ? null
            : revisionFigure({
                period: replacedPeriod,
                periodEnd: replacedPeriodEnd,
                fiscalLabel: replacedFiscalLabel,
                value: replacedValue,
                unit: replacedUnit,
                basis: replacedBasis,
                source: replacedSource,
                note: replacedNote,
              });
        return { revision, change: { entity, metric, kind, ...where, before, after: revisionFigure(revision) } };
      });
    },
    async recordUpload({ counts, ...fields }: NewUpload): Promise<number> {
      const [inserted] = await rows<{ id: number }>(
        store,
        sql`insert into ${uploads} ${valuesOf(getTableColumns(uploads), { ...fields, ...counts })} returning ${sql.identifier(uploads.id.name)}`,
      );
      if (!inserted) throw new Error("an upload entry was inserted without an id");
      return inserted.id;
    },
    /** An entry recorded before its changes were counted gets its counts and report. */
    async finishUpload(id: number, counts: NewUpload["counts"], report: UploadRecord): Promise<void> {
      await execute(
        store,
        sql`update ${uploads} set ${setOf(getTableColumns(uploads), { ...counts, report })} where ${eq(uploads.id, id)}`,
      );
    },
    async bumpVersion(now: string): Promise<void> {
      await execute(
        store,
        sql`insert into ${dataVersion} ${valuesOf(getTableColumns(dataVersion), { id: 1, version: 1, changedAt: now })}
          on conflict (${sql.identifier(dataVersion.id.name)}) do update
          set ${sql.identifier(dataVersion.version.name)} = ${dataVersion.version} + 1, ${sql.identifier(dataVersion.changedAt.name)} = ${now}`,
      );
    },
  };
}

/** The columns of a figure, for an observations row. */
const figureFields = ({ period, periodEnd, fiscalLabel, value, unit, basis, source, note }: Figure) => ({
  period,
  periodEnd,
  fiscalLabel,
  value,
  unit,
  basis,
  source,
  note,
});
