// The one import path (uploads, seed and CLI): validate every row of every file first, compare
// each with the figure it would replace, then write all of them in one transaction, or nothing.
// A commit is recorded as an upload entry with one revision per changed figure; a file that
// changes nothing writes nothing, not even an entry.
import { createHash } from "node:crypto";
import type { Problem } from "../csv/readCsv.ts";
import { parseObservationCsv, type LocatedObservation } from "../csv/observationCsv.ts";
import { observationIdentity } from "../domain/catalog.ts";
import { figureOf, LARGE_REVISION, revisionSize, sameFigure, type FigureChange } from "../domain/revisions.ts";
import type { Store } from "../db/client.ts";
import { entities, metrics, type UploadRecord } from "../db/schema.ts";
import { figureLedger } from "./figureLedger.ts";
import { loadCatalog } from "./loadCatalog.ts";

export interface CsvFile {
  name: string;
  text: string;
}

export interface ImportReport extends UploadRecord {
  changes: FigureChange[];
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

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export function importObservations(store: Store, files: CsvFile[], { tokenName, dryRun = false }: ImportOptions): ImportReport {
  const { sqlite, db } = store;
  const catalog = loadCatalog(store);
  const fileHashes = files.map((file) => sha256(file.text));
  const report: ImportReport = {
    dryRun,
    committed: false,
    uploadId: null,
    sha256: files.length === 1 ? fileHashes[0]! : sha256(files.map((file, i) => `${fileHashes[i]}  ${file.name}\n`).join("")),
    files: [],
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    problems: [],
    warnings: [],
    changes: [],
    newEntities: [],
    newMetrics: [],
    dataVersion: 0,
  };

  const accepted: LocatedObservation[] = [];
  const placeOfIdentity = new Map<string, LocatedObservation>();
  files.forEach((file, index) => {
    const parsed = parseObservationCsv(file.name, file.text, catalog);
    let rejected = parsed.rejectedRows;
    for (const observation of parsed.observations) {
      const identity = observationIdentity(observation);
      const earlier = placeOfIdentity.get(identity);
      if (earlier) {
        rejected++;
        parsed.problems.push({
          file: file.name,
          line: observation.line,
          column: observation.keyColumn,
          value: observation.kind === "flow" ? observation.period : observation.periodEnd,
          message: `the same observation also appears in ${earlier.file} line ${earlier.line}`,
        });
        continue;
      }
      placeOfIdentity.set(identity, observation);
      accepted.push(observation);
    }
    // Later files know the ids this one introduces.
    for (const entity of parsed.newEntities) catalog.entities.set(entity.id, entity);
    for (const metric of parsed.newMetrics) catalog.metrics.set(metric.id, metric);
    report.files.push({ name: file.name, sha256: fileHashes[index]!, layout: parsed.layout, delimiter: parsed.delimiter, rows: parsed.rowCount });
    report.rejected += rejected;
    report.problems.push(...parsed.problems);
    report.warnings.push(...parsed.warnings);
    report.newEntities.push(...parsed.newEntities.map((entity) => entity.id));
    report.newMetrics.push(...parsed.newMetrics.map((metric) => metric.id));
  });

  const ledger = figureLedger(sqlite);
  const write = !dryRun && report.problems.length === 0;
  // Immediate: take the write lock before reading, so the comparison and the writes see one state.
  sqlite.transaction(() => {
    for (const observation of accepted) {
      const stored = ledger.current(observation);
      const after = figureOf(observation);
      if (stored && sameFigure(stored, after)) {
        report.unchanged++;
        continue;
      }
      if (stored) report.updated++;
      else report.inserted++;
      report.changes.push({ entity: observation.entity, metric: observation.metric, kind: observation.kind, file: observation.file, line: observation.line, before: stored ? figureOf(stored) : null, after });
      if (stored && revisionSize(stored.value, after.value) > LARGE_REVISION) {
        report.warnings.push({
          file: observation.file,
          line: observation.line,
          column: observation.valueColumn,
          value: String(after.value),
          message: `replaces ${stored.value}${describeRevision(stored.value, after.value)}: check the unit (millions) and the period`,
        });
      }
    }
    if (write && report.changes.length > 0) {
      const now = new Date().toISOString();
      for (const entity of report.newEntities) db.insert(entities).values(catalog.entities.get(entity)!).onConflictDoNothing().run();
      for (const metric of report.newMetrics) db.insert(metrics).values(catalog.metrics.get(metric)!).onConflictDoNothing().run();
      report.uploadId = ledger.recordUpload({
        kind: "upload",
        fileName: files.map((file) => file.name).join(", "),
        sha256: report.sha256,
        tokenName,
        createdAt: now,
        counts: { inserted: report.inserted, updated: report.updated, deleted: 0, unchanged: report.unchanged },
        report: { files: report.files, warnings: report.warnings, newEntities: report.newEntities, newMetrics: report.newMetrics },
        revertsUploadId: null,
      });
      for (const change of report.changes) ledger.write(change, report.uploadId, now);
      ledger.bumpVersion(now);
    }
    report.committed = write;
    report.dataVersion = ledger.dataVersion();
  }).immediate();
  return report;
}

/** ", 62% higher" or ", 40% lower"; nothing after a zero, from which no percentage exists. */
function describeRevision(previous: number, next: number): string {
  if (previous === 0) return "";
  const change = (next - previous) / Math.abs(previous);
  return `, ${Math.round(Math.abs(change) * 100)}% ${change > 0 ? "higher" : "lower"}`;
}
