// The one import path (seed, CLI, and later uploads): validate every row of every file first,
// then write all of them in one transaction, or nothing.
import type { Problem } from "../csv/readCsv.ts";
import { parseObservationCsv, type LocatedObservation, type Observation } from "../csv/observationCsv.ts";
import { observationIdentity } from "../domain/catalog.ts";
import type { Store } from "../db/client.ts";
import { loadCatalog } from "./loadCatalog.ts";

export interface CsvFile {
  name: string;
  text: string;
}

export interface ImportReport {
  dryRun: boolean;
  /** True only when every row was valid and the rows were written. */
  committed: boolean;
  files: { name: string; rows: number; rejected: number }[];
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  problems: Problem[];
  warnings: Problem[];
  dataVersion: number;
}

interface StoredObservation extends Observation {
  id: number;
}

const COMPARED_FIELDS = ["period", "periodEnd", "fiscalLabel", "value", "unit", "basis", "source", "note"] as const;

function sameFigure(stored: StoredObservation, incoming: Observation): boolean {
  return COMPARED_FIELDS.every((field) => stored[field] === incoming[field]);
}

export function importObservations(store: Store, files: CsvFile[], { dryRun = false } = {}): ImportReport {
  const { sqlite } = store;
  const catalog = loadCatalog(store);
  const report: ImportReport = {
    dryRun,
    committed: false,
    files: [],
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    problems: [],
    warnings: [],
    dataVersion: 0,
  };

  const accepted: LocatedObservation[] = [];
  const placeOfIdentity = new Map<string, LocatedObservation>();
  for (const file of files) {
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
          column: observation.kind === "flow" ? "period" : "period_end",
          value: observation.kind === "flow" ? observation.period : observation.periodEnd,
          message: `the same observation also appears in ${earlier.file} line ${earlier.line}`,
        });
        continue;
      }
      placeOfIdentity.set(identity, observation);
      accepted.push(observation);
    }
    report.files.push({ name: file.name, rows: parsed.rowCount, rejected });
    report.rejected += rejected;
    report.problems.push(...parsed.problems);
    report.warnings.push(...parsed.warnings);
  }

  const findFlow = sqlite.prepare<[string, string, string], StoredObservation>(
    `select id, entity, metric, kind, period, period_end as periodEnd, fiscal_label as fiscalLabel, value, unit, basis, source, note
       from observations where kind = 'flow' and entity = ? and metric = ? and period = ?`,
  );
  const findPoint = sqlite.prepare<[string, string, string], StoredObservation>(
    `select id, entity, metric, kind, period, period_end as periodEnd, fiscal_label as fiscalLabel, value, unit, basis, source, note
       from observations where kind = 'point' and entity = ? and metric = ? and period_end = ?`,
  );
  const insert = sqlite.prepare(
    `insert into observations (entity, metric, kind, period, period_end, fiscal_label, value, unit, basis, source, note)
     values (@entity, @metric, @kind, @period, @periodEnd, @fiscalLabel, @value, @unit, @basis, @source, @note)`,
  );
  const update = sqlite.prepare(
    `update observations set period = @period, period_end = @periodEnd, fiscal_label = @fiscalLabel, value = @value,
       unit = @unit, basis = @basis, source = @source, note = @note where id = @id`,
  );
  const bumpVersion = sqlite.prepare(
    `insert into data_version (id, version, changed_at) values (1, 1, @now)
     on conflict (id) do update set version = version + 1, changed_at = @now`,
  );
  const readVersion = sqlite.prepare<[], { version: number }>("select version from data_version where id = 1");

  const write = !dryRun && report.problems.length === 0;
  // Immediate: take the write lock before reading, so the comparison and the writes see one state.
  sqlite.transaction(() => {
    for (const observation of accepted) {
      const { file: _file, line: _line, ...incoming } = observation;
      const find = incoming.kind === "flow" ? findFlow : findPoint;
      const stored = find.get(incoming.entity, incoming.metric, incoming.kind === "flow" ? incoming.period : incoming.periodEnd);
      if (!stored) {
        report.inserted++;
        if (write) insert.run(incoming);
      } else if (sameFigure(stored, incoming)) {
        report.unchanged++;
      } else {
        report.updated++;
        if (write) update.run({ ...incoming, id: stored.id });
      }
    }
    if (write && report.inserted + report.updated > 0) bumpVersion.run({ now: new Date().toISOString() });
    report.committed = write;
    report.dataVersion = readVersion.get()?.version ?? 0;
  }).immediate();
  return report;
}
