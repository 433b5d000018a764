// The one import path (uploads, seed and CLI), in one pass and one transaction: each row is
// validated, compared with the figure it would replace and written as it is read (the revisions
// of added figures all at once at the end), so a large file is never held as rows; if any row has
// a problem, on a dry run, or when nothing changed, the transaction is rolled back and nothing at
// all was written. A commit is recorded as an upload entry with one revision per changed figure.
//
// One pipeline, stage by stage: read (readCsv.ts: text or a stream -> records with their
// structural problems), parse and validate (observationCsv.ts: records -> located observations and
// problems, against the catalog), write (observationWriter: observations -> the ledger, counted in
// the report), then commit or roll back (shouldCommit, commitUpload).
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type Database from "better-sqlite3";
import {
  type Catalog,
  type LocatedObservation,
  listProblem,
  listWarning,
  type ObservationFile,
  readObservations,
  readObservationsFile,
} from "../csv/observationCsv.ts";
import type { Store } from "../db/client.ts";
import { entities, metrics, type UploadRecord } from "../db/schema.ts";
import type { Entity, Metric } from "../domain/catalog.ts";
import type { Problem } from "../domain/problem.ts";
import {
  type Figure,
  type FigureChange,
  figureOf,
  LARGE_REVISION,
  otherChanges,
  overStored,
  revisionSize,
  sameFigure,
} from "../domain/revisions.ts";
import { type FigureLedger, figureLedger, type UploadWriter } from "./figureLedger.ts";
import { loadCatalog } from "./loadCatalog.ts";

export interface CsvFile {
  name: string;
  text: string;
}

export interface ImportReport extends UploadRecord {
  /** The first MAX_LISTED_CHANGES changes; `changesOmitted` counts the rest. */
  changes: FigureChange[];
  changesOmitted: number;
  problemsOmitted: number;
  warningsOmitted: number;
  dryRun: boolean;
  /** True when every row was valid and its changes, if any, are in the data. */
  committed: boolean;
  /** Unknown metrics the files use that were not confirmed as new: confirming them is the fix. */
  unconfirmedMetrics: string[];
  /** The upload entry recording the changes; null on a dry run, a rejection, or when nothing changed. */
  uploadId: number | null;
  /** Of the one file, or of the `sha256  name` lines of several (as sha256sum prints them). */
  sha256: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  problems: Problem[];
  dataVersion: number;
}

export interface ImportOptions {
  /** Who commits: the token's name, or "seed" and "cli" for the server's seeding and the CLI. */
  tokenName: string;
  dryRun?: boolean;
  /** Metric ids the analyst confirms as new; any other unknown metric is a problem. */
  confirmNewMetrics?: readonly string[];
}

/** A preview lists this many changes; the counts cover them all. */
export const MAX_LISTED_CHANGES = 10_000;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Thrown inside the transaction to undo everything it wrote. */
class RollBack extends Error {}

/** A file to import: its name, its SHA-256, and how to read its observations into `accept`. */
interface ImportSource<Read extends ObservationFile | Promise<ObservationFile>> {
  name: string;
  sha256: string;
  read(catalog: Catalog, accept: (observation: LocatedObservation) => void): Read;
}

/** Text in memory (uploads, the seed): read and written inside one synchronous transaction. */
export function importObservations(store: Store, files: CsvFile[], options: ImportOptions): ImportReport {
  const sources: ImportSource<ObservationFile>[] = files.map((file) => ({
    name: file.name,
    sha256: sha256(file.text),
    read: (catalog, accept) => readObservations(file.name, file.text, catalog, accept),
  }));
  const run = importRun(store, sources, options);
  try {
    // Immediate: take the write lock before reading, so the comparison and the writes see one state.
    store.sqlite
      .transaction(() => {
        const upload = openUpload(store.sqlite, run.ledger, run.entry);
        const write = observationWriter(upload.writer, run.report);
        for (const source of sources) addFile(run, source, source.read(run.catalog, write));
        if (!shouldCommit(run.report)) throw new RollBack();
        run.report.uploadId = commitUpload(store, run.ledger, upload, run.report, run.newRows);
      })
      .immediate();
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  return closeReport(run.report, run.ledger);
}

/**
 * Files on disk (the CLI), streamed: neither their text nor their rows are held whole. The
 * transaction stays open across the stream's reads, so this is for a connection nothing else uses.
 */
export async function importObservationFiles(store: Store, paths: string[], options: ImportOptions): Promise<ImportReport> {
  const sources: ImportSource<Promise<ObservationFile>>[] = [];
  for (const path of paths) {
    sources.push({
      name: path,
      sha256: await sha256File(path),
      read: (catalog, accept) => readObservationsFile(path, path, catalog, accept),
    });
  }
  const run = importRun(store, sources, options);
  const { sqlite } = store;
  sqlite.exec("begin immediate");
  try {
    const upload = openUpload(sqlite, run.ledger, run.entry);
    const write = observationWriter(upload.writer, run.report);
    for (const source of sources) addFile(run, source, await source.read(run.catalog, write));
    if (!shouldCommit(run.report)) throw new RollBack();
    run.report.uploadId = commitUpload(store, run.ledger, upload, run.report, run.newRows);
    sqlite.exec("commit");
  } catch (error) {
    sqlite.exec("rollback");
    if (!(error instanceof RollBack)) throw error;
  }
  return closeReport(run.report, run.ledger);
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** What an upload entry says of itself before its rows are read. */
export interface UploadEntry {
  fileName: string;
  sha256: string;
  tokenName: string;
  createdAt: string;
}

/** Catalog rows the files introduce, added when the import commits. */
interface NewCatalogRows {
  entities: Entity[];
  metrics: Metric[];
}

/** One import as it starts, before its transaction: nothing in it is written yet. */
function importRun(
  store: Store,
  sources: { name: string; sha256: string }[],
  { tokenName, dryRun = false, confirmNewMetrics = [] }: ImportOptions,
) {
  const report = newReport(sources, dryRun);
  const entry: UploadEntry = {
    fileName: sources.map((source) => source.name).join(", "),
    sha256: report.sha256,
    tokenName,
    createdAt: new Date().toISOString(),
  };
  const newRows: NewCatalogRows = { entities: [], metrics: [] };
  // The catalog grows with the ids each file introduces: later files know them.
  const catalog = { ...loadCatalog(store), confirmedMetrics: new Set(confirmNewMetrics) };
  return { ledger: figureLedger(store), catalog, newRows, report, entry };
}

/** An import's report before any row is read. */
export function newReport(sources: { name: string; sha256: string }[], dryRun: boolean): ImportReport {
  const [first, ...others] = sources;
  return {
    dryRun,
    committed: false,
    uploadId: null,
    sha256: first && others.length === 0 ? first.sha256 : sha256(sources.map((source) => `${source.sha256}  ${source.name}\n`).join("")),
    files: [],
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    problems: [],
    problemsOmitted: 0,
    warnings: [],
    warningsOmitted: 0,
    changes: [],
    changesOmitted: 0,
    newEntities: [],
    newMetrics: [],
    unconfirmedMetrics: [],
    dataVersion: 0,
  };
}

/** An upload entry being written: its id and time, and the writer of its rows. */
export interface OpenUpload {
  id: number;
  createdAt: string;
  writer: UploadWriter;
}

/** Inside the transaction, before any row: the upload entry revisions name, and its writer. */
export function openUpload(sqlite: Database.Database, ledger: FigureLedger, entry: UploadEntry): OpenUpload {
  // A figure may name an entity or metric the file introduces; their catalog rows are added at
  // the end, so the foreign keys are checked at commit.
  sqlite.pragma("defer_foreign_keys = ON");
  const id = ledger.recordUpload({
    kind: "upload",
    ...entry,
    counts: { inserted: 0, updated: 0, deleted: 0, unchanged: 0 },
    report: { files: [], warnings: [], newEntities: [], newMetrics: [] },
    revertsUploadId: null,
  });
  return { id, createdAt: entry.createdAt, writer: ledger.uploadWriter(id, entry.createdAt) };
}

/** What the write stage counts and lists. */
export type WriteTally = Pick<
  ImportReport,
  | "inserted"
  | "updated"
  | "unchanged"
  | "rejected"
  | "problems"
  | "problemsOmitted"
  | "warnings"
  | "warningsOmitted"
  | "changes"
  | "changesOmitted"
>;

/**
 * The write stage: each valid observation, compared with the stored figure it would replace,
 * goes to the upload's writer; what it did is counted and listed in `tally`. The same
 * observation twice is a problem naming both places.
 */
export function observationWriter(writer: UploadWriter, tally: WriteTally): (observation: LocatedObservation) => void {
  return (observation) => {
    // Most rows of a large file are new: the insert itself finds out whether the figure is stored.
    const stored = writer.insert(observation);
    if (stored === null) {
      tally.inserted++;
      listChange(tally, observation, null);
      return;
    }
    const earlier = writer.placeOf(stored.id);
    if (earlier) {
      tally.rejected++;
      listProblem(tally, duplicateProblem(observation, earlier));
      return;
    }
    writer.found(stored, observation.file, observation.line);
    const incoming = overStored(observation, stored, observation.unstated);
    if (sameFigure(stored, incoming)) {
      tally.unchanged++;
      return;
    }
    tally.updated++;
    listChange(tally, incoming, figureOf(stored));
    if (stored.value === incoming.value) {
      listWarning(tally, {
        file: incoming.file,
        line: incoming.line,
        column: incoming.valueColumn,
        value: String(incoming.value),
        message: `the value is unchanged, but committing changes ${describeOtherChanges(stored, incoming)}: check that the row means to`,
      });
    } else if (revisionSize(stored.value, incoming.value) > LARGE_REVISION) {
      listWarning(tally, {
        file: observation.file,
        line: observation.line,
        column: observation.valueColumn,
        value: String(observation.value),
        message: `replaces ${stored.value}${describeRevision(stored.value, observation.value)}: check the unit (millions) and the period`,
      });
    }
    writer.replace(observation, stored, figureOf(incoming), observation.file, observation.line);
  };
}

function listChange(tally: WriteTally, observation: LocatedObservation, before: Figure | null): void {
  if (tally.changes.length >= MAX_LISTED_CHANGES) {
    tally.changesOmitted++;
    return;
  }
  const { entity, metric, kind, file, line } = observation;
  tally.changes.push({ entity, metric, kind, file, line, before, after: figureOf(observation) });
}

function duplicateProblem(observation: LocatedObservation, earlier: { file: string; line: number }): Problem {
  const key = observation.kind === "flow" ? observation.period : observation.periodEnd;
  return {
    file: observation.file,
    line: observation.line,
    column: observation.keyColumn,
    value: key,
    message:
      earlier.file === observation.file
        ? `the same observation (${observation.entity} ${observation.metric} ${key}) already appears on line ${earlier.line}`
        : `the same observation also appears in ${earlier.file} line ${earlier.line}`,
  };
}

/** After a file's last row: what it read goes into the report, the ids it introduces into the catalog. */
function addFile(
  { report, catalog, newRows }: { report: ImportReport; catalog: Catalog; newRows: NewCatalogRows },
  source: { name: string; sha256: string },
  read: ObservationFile,
): void {
  for (const entity of read.newEntities) catalog.entities.set(entity.id, entity);
  for (const metric of read.newMetrics) catalog.metrics.set(metric.id, metric);
  newRows.entities.push(...read.newEntities);
  newRows.metrics.push(...read.newMetrics);
  report.files.push({ name: source.name, sha256: source.sha256, layout: read.layout, delimiter: read.delimiter, rows: read.rowCount });
  report.rejected += read.rejectedRows;
  for (const found of read.problems) listProblem(report, found);
  report.problemsOmitted += read.problemsOmitted;
  for (const found of read.warnings) listWarning(report, found);
  report.warningsOmitted += read.warningsOmitted;
  report.newEntities.push(...read.newEntities.map((entity) => entity.id));
  report.newMetrics.push(...read.newMetrics.map((metric) => metric.id));
  for (const id of read.unconfirmedMetrics) if (!report.unconfirmedMetrics.includes(id)) report.unconfirmedMetrics.push(id);
}

/** Whether what an import wrote stays: not on a dry run, with any problem, or when nothing changed. */
export function shouldCommit(report: Pick<ImportReport, "dryRun" | "problems" | "inserted" | "updated">): boolean {
  return !report.dryRun && report.problems.length === 0 && report.inserted + report.updated > 0;
}

/** Completes the upload entry of an import that commits, inside its transaction; the entry's id. */
export function commitUpload(
  { db }: Store,
  ledger: FigureLedger,
  upload: OpenUpload,
  report: ImportReport,
  newRows: NewCatalogRows,
): number {
  upload.writer.finish();
  for (const entity of newRows.entities) db.insert(entities).values(entity).onConflictDoNothing().run();
  for (const metric of newRows.metrics) db.insert(metrics).values(metric).onConflictDoNothing().run();
  ledger.finishUpload(
    upload.id,
    { inserted: report.inserted, updated: report.updated, deleted: 0, unchanged: report.unchanged },
    { files: report.files, warnings: report.warnings, newEntities: report.newEntities, newMetrics: report.newMetrics },
  );
  ledger.bumpVersion(upload.createdAt);
  return upload.id;
}

/** After the transaction: what happened. */
function closeReport(report: ImportReport, ledger: FigureLedger): ImportReport {
  report.committed = !report.dryRun && report.problems.length === 0;
  report.dataVersion = ledger.dataVersion();
  return report;
}

/** ", 62% higher" or ", 40% lower"; nothing after a zero, from which no percentage exists. */
const COLUMN_OF_FIELD = {
  period: "period",
  periodEnd: "period_end",
  fiscalLabel: "fiscal_label",
  unit: "unit",
  basis: "basis",
  source: "source",
  note: "note",
} as const;
const QUOTED_CHARACTERS = 40;
const quoted = (text: string | null) =>
  text === null ? "empty" : `"${text.length > QUOTED_CHARACTERS ? `${text.slice(0, QUOTED_CHARACTERS - 1)}…` : text}"`;

/** `basis (derived → reported) and note ("…" → empty)`, in the file's column names. */
function describeOtherChanges(before: Figure, after: Figure): string {
  const parts = otherChanges(before, after).map(
    (field) => `${COLUMN_OF_FIELD[field]} (${quoted(before[field])} → ${quoted(after[field])})`,
  );
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : (parts[0] ?? "nothing else");
}

function describeRevision(previous: number, next: number): string {
  if (previous === 0) return "";
  const change = (next - previous) / Math.abs(previous);
  return `, ${Math.round(Math.abs(change) * 100)}% ${change > 0 ? "higher" : "lower"}`;
}
