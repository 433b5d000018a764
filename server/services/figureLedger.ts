// The one place that writes observations. Every change of a figure is recorded as a revision that
// names what it replaced, every batch of changes as an upload entry, and the data version moves in
// the same transaction: nothing is overwritten without a trace, and revert can walk back.
import type Database from "better-sqlite3";
import type { UploadRecord } from "../db/schema.ts";
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

export interface StoredObservation extends FigureKey, Figure {
  id: number;
}

type Nullable<T> = { [K in keyof T]: T[K] | null };

export interface Revision extends FigureKey, Nullable<Omit<Figure, "period" | "periodEnd">> {
  id: number;
  uploadId: number | null;
  identity: string;
  replacesRevisionId: number | null;
  file: string | null;
  line: number | null;
  recordedAt: string;
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

/** observationIdentity() of the observations row `row`, in SQL. */
const identitySql = (row: string) =>
  `${row}.entity || '|' || ${row}.metric || '|' || iif(${row}.kind = 'flow', ${row}.period, ${row}.period_end)`;
const OBSERVATION_COLUMNS = `id, entity, metric, kind, period, period_end as periodEnd, fiscal_label as fiscalLabel, value, unit, basis, source, note`;
export const REVISION_COLUMNS = `id, upload_id as uploadId, identity, entity, metric, kind, period, period_end as periodEnd,
  fiscal_label as fiscalLabel, value, unit, basis, source, note, replaces_revision_id as replacesRevisionId, file, line,
  recorded_at as recordedAt`;

/** What a revision records for a figure it removed. */
const REMOVED = { fiscalLabel: null, value: null, unit: null, basis: null, source: null, note: null };

/** The figure a revision left, or null when it removed the observation. */
export function revisionFigure(revision: Revision): Figure | null {
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

function uploadPlaces(sqlite: Database.Database): { current: AddedPlaces | null } {
  let slot = placesByConnection.get(sqlite);
  if (!slot) {
    const registered: { current: AddedPlaces | null } = { current: null };
    const current = () => {
      if (!registered.current) throw new Error("upload_file() and upload_line() answer only inside an upload writer's finish()");
      return registered.current;
    };
    sqlite.function("upload_file", (id) => current().file(Number(id)));
    sqlite.function("upload_line", (id) => current().line(Number(id)));
    placesByConnection.set(sqlite, registered);
    slot = registered;
  }
  return slot;
}

export function figureLedger(sqlite: Database.Database) {
  const findFlow = sqlite.prepare<[string, string, string], StoredObservation>(
    `select ${OBSERVATION_COLUMNS} from observations where kind = 'flow' and entity = ? and metric = ? and period = ?`,
  );
  const findPoint = sqlite.prepare<[string, string, string], StoredObservation>(
    `select ${OBSERVATION_COLUMNS} from observations where kind = 'point' and entity = ? and metric = ? and period_end = ?`,
  );
  const latest = sqlite.prepare<[string], Revision>(
    `select ${REVISION_COLUMNS} from observation_revisions where identity = ? order by id desc limit 1`,
  );
  const revisionsOf = sqlite.prepare<[number], Revision>(
    `select ${REVISION_COLUMNS} from observation_revisions where upload_id = ? order by id`,
  );
  const revisionById = sqlite.prepare<[number], Revision>(`select ${REVISION_COLUMNS} from observation_revisions where id = ?`);
  const insertObservation = sqlite.prepare(
    `insert into observations (entity, metric, kind, period, period_end, fiscal_label, value, unit, basis, source, note)
     values (@entity, @metric, @kind, @period, @periodEnd, @fiscalLabel, @value, @unit, @basis, @source, @note)`,
  );
  const updateObservation = sqlite.prepare(
    `update observations set period = @period, period_end = @periodEnd, fiscal_label = @fiscalLabel, value = @value,
       unit = @unit, basis = @basis, source = @source, note = @note where id = @id`,
  );
  const deleteObservation = sqlite.prepare("delete from observations where id = ?");
  const insertRevision = sqlite.prepare(
    `insert into observation_revisions (upload_id, identity, entity, metric, kind, period, period_end, fiscal_label, value, unit, basis,
       source, note, replaces_revision_id, file, line, recorded_at)
     values (@uploadId, @identity, @entity, @metric, @kind, @period, @periodEnd, @fiscalLabel, @value, @unit, @basis,
       @source, @note, @replacesRevisionId, @file, @line, @recordedAt)`,
  );
  // Positional parameters: binding the same eleven values by name measured 7 to 19% slower.
  const insertObservationIfNew = sqlite.prepare<
    [string, string, MetricKind, string, string, string | null, number, string, string, string | null, string | null]
  >(
    `insert into observations (entity, metric, kind, period, period_end, fiscal_label, value, unit, basis, source, note)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
  );
  // The revisions of the figures an upload added, written at once by SQLite from the rows it
  // inserted (ids above @lastIdBefore); each row's place in the files comes from the upload
  // writer through the functions upload_file() and upload_line(). A figure with no observation
  // row has an earlier revision only if it was removed; while none ever was, that look-up is left out.
  const reviseAdded = (removalsRecorded: boolean) =>
    sqlite.prepare<[{ uploadId: number; recordedAt: string; lastIdBefore: number }]>(
      `insert into observation_revisions (upload_id, identity, entity, metric, kind, period, period_end, fiscal_label, value, unit, basis,
         source, note, replaces_revision_id, file, line, recorded_at)
       select @uploadId, ${identitySql("o")}, entity, metric, kind, period, period_end, fiscal_label, value, unit, basis, source, note,
         ${removalsRecorded ? `(select max(r.id) from observation_revisions r where r.value is null and r.identity = ${identitySql("o")})` : "null"},
         upload_file(id), upload_line(id), @recordedAt
       from observations o where id > @lastIdBefore order by id`,
    );
  // The id counter too: an insert that meets ON CONFLICT DO NOTHING still takes the next id, so
  // after re-uploads the counter runs ahead of max(id), and new rows start above the counter.
  const lastObservationId = sqlite
    .prepare<[], number>(
      "select max(coalesce((select max(id) from observations), 0), coalesce((select seq from sqlite_sequence where name = 'observations'), 0))",
    )
    .pluck();
  const anyRemoval = sqlite.prepare<[], number>("select exists (select 1 from observation_revisions where value is null)").pluck();
  const latestId = sqlite.prepare<[string], number | null>("select max(id) from observation_revisions where identity = ?").pluck();
  const updateUpload = sqlite.prepare(
    `update uploads set inserted = @inserted, updated = @updated, deleted = @deleted, unchanged = @unchanged, report = @report where id = @id`,
  );
  const insertUpload = sqlite.prepare(
    `insert into uploads (kind, file_name, sha256, token_name, created_at, inserted, updated, deleted, unchanged, report, reverts_upload_id)
     values (@kind, @fileName, @sha256, @tokenName, @createdAt, @inserted, @updated, @deleted, @unchanged, @report, @revertsUploadId)`,
  );
  const bumpVersion = sqlite.prepare(
    `insert into data_version (id, version, changed_at) values (1, 1, @now)
     on conflict (id) do update set version = version + 1, changed_at = @now`,
  );
  const readVersion = sqlite.prepare<[], { version: number }>("select version from data_version where id = 1");

  const current = (key: FigureKey) =>
    key.kind === "flow" ? findFlow.get(key.entity, key.metric, key.period) : findPoint.get(key.entity, key.metric, key.periodEnd);
  const revise = (
    { entity, metric, kind, period, periodEnd }: FigureKey,
    figure: Figure | null,
    {
      uploadId,
      replacesRevisionId,
      file = null,
      line = null,
      recordedAt,
    }: { uploadId: number | null; replacesRevisionId: number | null; file?: string | null; line?: number | null; recordedAt: string },
  ) =>
    Number(
      insertRevision.run({
        ...REMOVED,
        ...figure,
        entity,
        metric,
        kind,
        period: figure?.period ?? period,
        periodEnd: figure?.periodEnd ?? periodEnd,
        identity: observationIdentity({ entity, metric, kind, period, periodEnd }),
        uploadId,
        replacesRevisionId,
        file,
        line,
        recordedAt,
      }).lastInsertRowid,
    );

  return {
    current,
    latestRevision: (key: FigureKey) => latest.get(observationIdentity(key)),
    /**
     * The bulk path for one upload's rows, made inside its transaction. A new figure is inserted
     * as it is read and its revision written with the others by finish(), in one statement: at a
     * million rows, writing revisions one by one took longer than the observations themselves.
     */
    uploadWriter(uploadId: number, recordedAt: string) {
      const lastIdBefore = lastObservationId.get()!;
      // Where the upload read each figure, as file index * 2^32 + line: for an added figure in an
      // array by id above lastIdBefore (8 bytes a row), for a stored one in a map by id.
      const files: string[] = [];
      const fileIndex = new Map<string, number>();
      let addedAt = new Float64Array(1 << 16);
      const storedAt = new Map<number, number>();
      const pack = (file: string, line: number) => {
        if (!fileIndex.has(file)) fileIndex.set(file, files.push(file) - 1);
        return fileIndex.get(file)! * 2 ** 32 + line;
      };
      const fileOf = (packed: number) => files[Math.floor(packed / 2 ** 32)]!;
      const lineOf = (packed: number) => packed % 2 ** 32;
      const placeOfAdded = (id: number) => addedAt[id - lastIdBefore - 1]!;
      return {
        /** Adds a figure no observation holds yet; false, having written nothing, when one does. */
        insert(figure: FigureKey & Figure & { file: string; line: number }): boolean {
          const { entity, metric, kind, period, periodEnd, fiscalLabel, value, unit, basis, source, note, file, line } = figure;
          const inserted = insertObservationIfNew.run(
            entity,
            metric,
            kind,
            period,
            periodEnd,
            fiscalLabel,
            value,
            unit,
            basis,
            source,
            note,
          );
          if (inserted.changes === 0) return false;
          const slot = Number(inserted.lastInsertRowid) - lastIdBefore - 1;
          if (slot >= addedAt.length) {
            const grown = new Float64Array(Math.max(addedAt.length * 2, slot + 1));
            grown.set(addedAt);
            addedAt = grown;
          }
          addedAt[slot] = pack(file, line);
          return true;
        },
        /** Notes where the upload gave a stored figure (`stored`, what current() returned). */
        found(stored: StoredObservation, file: string, line: number): void {
          storedAt.set(stored.id, pack(file, line));
        },
        /** Where the upload gave the observation `id`, if it did: added, or found stored. */
        placeOf(id: number): { file: string; line: number } | undefined {
          const packed = id > lastIdBefore ? placeOfAdded(id) : storedAt.get(id);
          return packed === undefined ? undefined : { file: fileOf(packed), line: lineOf(packed) };
        },
        /**
         * Writes a figure over `stored` (what current() returned for it). One stored before
         * revisions were kept goes through write(), which records its earlier state first.
         */
        replace: (key: FigureKey, stored: StoredObservation, after: Figure, file: string, line: number): void => {
          const replaces = latestId.get(observationIdentity(key)) ?? null;
          if (replaces === null) {
            this.write({ ...key, file, line, before: stored, after }, uploadId, recordedAt);
            return;
          }
          const { period, periodEnd, fiscalLabel, value, unit, basis, source, note } = after;
          updateObservation.run({ id: stored.id, period, periodEnd, fiscalLabel, value, unit, basis, source, note });
          revise(key, after, { uploadId, replacesRevisionId: replaces, file, line, recordedAt });
        },
        /** Records the added figures' revisions. */
        finish(): void {
          const places = uploadPlaces(sqlite);
          places.current = { file: (id) => fileOf(placeOfAdded(id)), line: (id) => lineOf(placeOfAdded(id)) };
          try {
            reviseAdded(anyRemoval.get() === 1).run({ uploadId, recordedAt, lastIdBefore });
          } finally {
            places.current = null;
          }
        },
      };
    },
    /** Applies one change (after null removes the observation) and records it as a revision. */
    write({ entity, metric, kind, file, line, before: seen, after }: FigureChange, uploadId: number, now: string): void {
      const { period, periodEnd } = (after ?? seen)!;
      const key: FigureKey = { entity, metric, kind, period, periodEnd };
      const before = current(key);
      let replaces = latest.get(observationIdentity(key))?.id ?? null;
      // A figure stored before revisions were kept gets its present state recorded first.
      if (before && replaces === null) replaces = revise(before, before, { uploadId: null, replacesRevisionId: null, recordedAt: now });
      if (after === null) {
        if (before) deleteObservation.run(before.id);
      } else if (before) {
        updateObservation.run({ ...after, id: before.id });
      } else {
        insertObservation.run({ ...key, ...after });
      }
      revise(key, after, { uploadId, replacesRevisionId: replaces, file, line, recordedAt: now });
    },
    /** What an upload entry changed, in order: each of its revisions with the one it replaced. */
    changesOf(uploadId: number): { revision: Revision; change: FigureChange }[] {
      return revisionsOf.all(uploadId).map((revision) => {
        const replaced = revision.replacesRevisionId === null ? undefined : revisionById.get(revision.replacesRevisionId);
        const { entity, metric, kind, file, line } = revision;
        const where = file === null || line === null ? {} : { file, line };
        return {
          revision,
          change: { entity, metric, kind, ...where, before: replaced ? revisionFigure(replaced) : null, after: revisionFigure(revision) },
        };
      });
    },
    recordUpload(upload: NewUpload): number {
      const { counts, report, ...fields } = upload;
      return Number(insertUpload.run({ ...fields, ...counts, report: JSON.stringify(report) }).lastInsertRowid);
    },
    /** An entry recorded before its changes were counted gets its counts and report. */
    finishUpload(id: number, counts: NewUpload["counts"], report: UploadRecord): void {
      updateUpload.run({ id, ...counts, report: JSON.stringify(report) });
    },
    bumpVersion: (now: string) => bumpVersion.run({ now }),
    dataVersion: () => readVersion.get()?.version ?? 0,
  };
}
