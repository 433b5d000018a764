// The one import path (uploads, seed and CLI), in one pass and one transaction: each row is
// validated, compared with the figure it would replace and written as it is read (the revisions
// of added figures all at once at the end), so a large file is never held as rows; if any row has
// a problem, on a dry run, or when nothing changed, the transaction is rolled back and nothing at
// all was written. A commit is recorded as an upload entry with one revision per changed figure.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import {
  type Catalog,
  type LocatedObservation,
  MAX_LISTED,
  type ObservationFile,
  readObservations,
  readObservationsFile,
} from "../csv/observationCsv.ts";
import type { Store } from "../db/client.ts";
import { entities, metrics, type UploadRecord } from "../db/schema.ts";
import type { Problem } from "../domain/problem.ts";
import { type Figure, type FigureChange, figureOf, LARGE_REVISION, revisionSize, sameFigure } from "../domain/revisions.ts";
import { figureLedger } from "./figureLedger.ts";
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
}

/** A preview lists this many changes; the counts cover them all. */
export const MAX_LISTED_CHANGES = 10_000;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Thrown inside the transaction to undo everything it wrote. */
class RollBack extends Error {}

/** A file to import: its name, its SHA-256, and how to read its observations into `accept`. */
interface ImportSource {
  name: string;
  sha256: string;
  read(catalog: Catalog, accept: (observation: LocatedObservation) => void): ObservationFile | Promise<ObservationFile>;
}

/** Text in memory (uploads, the seed): read and written inside one synchronous transaction. */
export function importObservations(store: Store, files: CsvFile[], options: ImportOptions): ImportReport {
  const sources = files.map((file) => ({
    name: file.name,
    sha256: sha256(file.text),
    read: (catalog: Catalog, accept: (observation: LocatedObservation) => void) => readObservations(file.name, file.text, catalog, accept),
  }));
  const session = importSession(store, sources, options);
  try {
    // Immediate: take the write lock before reading, so the comparison and the writes see one state.
    store.sqlite
      .transaction(() => {
        session.start();
        for (const source of sources) session.addFile(source, source.read(session.catalog, session.take) as ObservationFile);
        session.finish();
      })
      .immediate();
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  return session.close();
}

/**
 * Files on disk (the CLI), streamed: neither their text nor their rows are held whole. The
 * transaction stays open across the stream's reads, so this is for a connection nothing else uses.
 */
export async function importObservationFiles(store: Store, paths: string[], options: ImportOptions): Promise<ImportReport> {
  const sources: ImportSource[] = [];
  for (const path of paths) {
    sources.push({
      name: path,
      sha256: await sha256File(path),
      read: (catalog, accept) => readObservationsFile(path, path, catalog, accept),
    });
  }
  const session = importSession(store, sources, options);
  const { sqlite } = store;
  sqlite.exec("begin immediate");
  try {
    session.start();
    for (const source of sources) session.addFile(source, await source.read(session.catalog, session.take));
    session.finish();
    sqlite.exec("commit");
  } catch (error) {
    sqlite.exec("rollback");
    if (!(error instanceof RollBack)) throw error;
  }
  return session.close();
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** One import's state: the report, the rules applied to each observation, and the commit. */
function importSession(store: Store, sources: ImportSource[], { tokenName, dryRun = false }: ImportOptions) {
  const { sqlite, db } = store;
  const catalog = loadCatalog(store);
  const report: ImportReport = {
    dryRun,
    committed: false,
    uploadId: null,
    sha256: sources.length === 1 ? sources[0]!.sha256 : sha256(sources.map((source) => `${source.sha256}  ${source.name}\n`).join("")),
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
    dataVersion: 0,
  };
  const problem = (found: Problem) => (report.problems.length < MAX_LISTED ? report.problems.push(found) : report.problemsOmitted++);
  const warning = (found: Problem) => (report.warnings.length < MAX_LISTED ? report.warnings.push(found) : report.warningsOmitted++);

  const ledger = figureLedger(store);
  const now = new Date().toISOString();
  let uploadId = 0;
  let writer: ReturnType<typeof ledger.uploadWriter>;
  const listChange = (observation: LocatedObservation, before: Figure | null) => {
    if (report.changes.length >= MAX_LISTED_CHANGES) return void report.changesOmitted++;
    const { entity, metric, kind, file, line } = observation;
    report.changes.push({ entity, metric, kind, file, line, before, after: figureOf(observation) });
  };

  const take = (observation: LocatedObservation) => {
    // Most rows of a large file are new: the insert itself finds out whether the figure is stored.
    const stored = writer.insert(observation);
    if (stored === null) {
      report.inserted++;
      listChange(observation, null);
      return;
    }
    // The same observation twice is a problem naming both places.
    const earlier = writer.placeOf(stored.id);
    if (earlier) {
      report.rejected++;
      problem({
        file: observation.file,
        line: observation.line,
        column: observation.keyColumn,
        value: observation.kind === "flow" ? observation.period : observation.periodEnd,
        message:
          earlier.file === observation.file
            ? `the same observation (${observation.entity} ${observation.metric} ${observation.kind === "flow" ? observation.period : observation.periodEnd}) already appears on line ${earlier.line}`
            : `the same observation also appears in ${earlier.file} line ${earlier.line}`,
      });
      return;
    }
    writer.found(stored, observation.file, observation.line);
    if (sameFigure(stored, observation)) {
      report.unchanged++;
      return;
    }
    report.updated++;
    listChange(observation, figureOf(stored));
    if (revisionSize(stored.value, observation.value) > LARGE_REVISION) {
      warning({
        file: observation.file,
        line: observation.line,
        column: observation.valueColumn,
        value: String(observation.value),
        message: `replaces ${stored.value}${describeRevision(stored.value, observation.value)}: check the unit (millions) and the period`,
      });
    }
    writer.replace(observation, stored, figureOf(observation), observation.file, observation.line);
  };

  return {
    catalog,
    take,
    /** Inside the transaction, before any row: the upload entry revisions name, and its writer. */
    start() {
      // A figure may name an entity or metric the file introduces; their catalog rows are added
      // at the end, so the foreign keys are checked at commit.
      sqlite.pragma("defer_foreign_keys = ON");
      uploadId = ledger.recordUpload({
        kind: "upload",
        fileName: sources.map((source) => source.name).join(", "),
        sha256: report.sha256,
        tokenName,
        createdAt: now,
        counts: { inserted: 0, updated: 0, deleted: 0, unchanged: 0 },
        report: { files: [], warnings: [], newEntities: [], newMetrics: [] },
        revertsUploadId: null,
      });
      writer = ledger.uploadWriter(uploadId, now);
    },
    addFile(source: ImportSource, read: ObservationFile) {
      // Later files know the ids this one introduces.
      for (const entity of read.newEntities) catalog.entities.set(entity.id, entity);
      for (const metric of read.newMetrics) catalog.metrics.set(metric.id, metric);
      report.files.push({ name: source.name, sha256: source.sha256, layout: read.layout, delimiter: read.delimiter, rows: read.rowCount });
      report.rejected += read.rejectedRows;
      read.problems.forEach(problem);
      report.problemsOmitted += read.problemsOmitted;
      read.warnings.forEach(warning);
      report.warningsOmitted += read.warningsOmitted;
      report.newEntities.push(...read.newEntities.map((entity) => entity.id));
      report.newMetrics.push(...read.newMetrics.map((metric) => metric.id));
    },
    /** Commits what was written, or throws RollBack: on a problem, a dry run, or when nothing changed. */
    finish() {
      if (dryRun || report.problems.length > 0 || report.inserted + report.updated === 0) throw new RollBack();
      writer.finish();
      for (const entity of report.newEntities) db.insert(entities).values(catalog.entities.get(entity)!).onConflictDoNothing().run();
      for (const metric of report.newMetrics) db.insert(metrics).values(catalog.metrics.get(metric)!).onConflictDoNothing().run();
      ledger.finishUpload(
        uploadId,
        { inserted: report.inserted, updated: report.updated, deleted: 0, unchanged: report.unchanged },
        { files: report.files, warnings: report.warnings, newEntities: report.newEntities, newMetrics: report.newMetrics },
      );
      ledger.bumpVersion(now);
      report.uploadId = uploadId;
    },
    /** After the transaction: what happened. */
    close(): ImportReport {
      report.committed = !dryRun && report.problems.length === 0;
      report.dataVersion = ledger.dataVersion();
      return report;
    },
  };
}

/** ", 62% higher" or ", 40% lower"; nothing after a zero, from which no percentage exists. */
function describeRevision(previous: number, next: number): string {
  if (previous === 0) return "";
  const change = (next - previous) / Math.abs(previous);
  return `, ${Math.round(Math.abs(change) * 100)}% ${change > 0 ? "higher" : "lower"}`;
}
