// Rewrites the default data (data/*.csv) so that every row the SEC observations cover cites its
// filing, through the importer's own citedFigure: the SEC's value, basis, source and note, the
// row's earlier value, basis, source and note kept at the end of the note. Rows it does not cover
// and the files' bytes around them are left exactly as they are, so the diff shows only the
// rewritten rows, and a second run with the same filings changes nothing.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readCsvGrid, writeCsvGrid } from "../csv/csvGrid.ts";
import { OBSERVATION_COLUMNS } from "../csv/observationCsv.ts";
import { BASES, type Basis, UNITS, type Unit } from "../domain/catalog.ts";
import { defaultPeriodEnd, parsePeriod } from "../domain/periods.ts";
import type { Figure } from "../domain/revisions.ts";
import { citedFigure } from "../domain/sec/cite.ts";
import type { SecReadings } from "../domain/sec/compare.ts";
import { secKey } from "../domain/sec/observations.ts";
import { defaultDataFiles } from "./seedDefaultData.ts";

export interface CiteReport {
  files: { name: string; rows: number; cited: number; changed: number }[];
  /** Rows whose source is on sec.gov, before and after. */
  secSources: { before: number; after: number };
}

export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

const SEC_SOURCE = /^https?:\/\/(www\.)?sec\.gov\//;
// The data files are written as papaparse writes them (data/README.md: RFC 4180, a header row).
const NEWLINE = "\r\n" as const;

export function citeSecFacts(dataDir: string, readings: SecReadings, { dryRun = false } = {}): CiteReport {
  const byKey = new Map(readings.observations.map((o) => [secKey(o), o]));
  const report: CiteReport = { files: [], secSources: { before: 0, after: 0 } };
  for (const file of defaultDataFiles(dataDir)) {
    const grid = readCsvGrid(file.text, NEWLINE);
    if ("error" in grid) throw new DataFileError(`${file.name}: ${grid.error}`);
    const { header, rows } = grid;
    const column = Object.fromEntries(OBSERVATION_COLUMNS.map((name) => [name, header.indexOf(name)])) as Record<
      (typeof OBSERVATION_COLUMNS)[number],
      number
    >;
    const missingColumn = OBSERVATION_COLUMNS.find((name) => column[name] === -1);
    if (missingColumn)
      throw new DataFileError(`${file.name}: no column ${missingColumn}; data files have all of ${OBSERVATION_COLUMNS.join(", ")}`);
    const counts = { name: file.name, rows: rows.length, cited: 0, changed: 0 };
    rows.forEach((row, index) => {
      if (SEC_SOURCE.test(row[column.source] ?? "")) report.secSources.before++;
      const observation = byKey.get(
        secKey({ entity: row[column.entity] ?? "", metric: row[column.metric] ?? "", period: row[column.period] ?? "" }),
      );
      if (observation) {
        const stored = figureOf(file.name, index + 2, row, column);
        const cited = citedFigure(stored, observation, readings);
        const cells: Record<string, string> = {
          period_end: cited.periodEnd,
          fiscal_label: cited.fiscalLabel ?? "",
          value: String(cited.value),
          unit: cited.unit,
          basis: cited.basis,
          source: cited.source ?? "",
          note: cited.note ?? "",
        };
        counts.cited++;
        let changed = false;
        for (const [name, text] of Object.entries(cells)) {
          const at = column[name as keyof typeof column];
          if (row[at] !== text) [row[at], changed] = [text, true];
        }
        if (changed) counts.changed++;
      }
      if (SEC_SOURCE.test(row[column.source] ?? "")) report.secSources.after++;
    });
    report.files.push(counts);
    if (counts.changed > 0 && !dryRun) {
      writeFileSync(join(dataDir, file.name), writeCsvGrid(grid, NEWLINE));
    }
  }
  return report;
}

/** A data row as the figure it states; a cell the import would reject stops the rewrite, naming it. */
function figureOf(file: string, row: number, cells: string[], column: Record<(typeof OBSERVATION_COLUMNS)[number], number>): Figure {
  const cell = (name: (typeof OBSERVATION_COLUMNS)[number]) => cells[column[name]] ?? "";
  const bad = (name: string, expected: string) =>
    new DataFileError(`${file} row ${row} column ${name} (${JSON.stringify(cell(name as never))}): expected ${expected}`);
  if (!/^-?\d+(\.\d+)?$/.test(cell("value"))) throw bad("value", "a plain decimal number");
  if (!(UNITS as readonly string[]).includes(cell("unit"))) throw bad("unit", `one of ${UNITS.join(", ")}`);
  const basis = cell("basis") || "reported";
  if (!(BASES as readonly string[]).includes(basis)) throw bad("basis", `one of ${BASES.join(", ")}`);
  return {
    period: cell("period"),
    periodEnd: cell("period_end") || defaultPeriodEnd(parsePeriod(cell("period")) ?? { kind: "fiscalYear", year: 0 }),
    fiscalLabel: cell("fiscal_label") || null,
    value: Number(cell("value")),
    unit: cell("unit") as Unit,
    basis: basis as Basis,
    source: cell("source") || null,
    note: cell("note") || null,
  };
}
