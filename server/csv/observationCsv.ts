// The upload formats of data/README.md: CSV text -> validated observations, or every problem
// found, each naming file, line, column and value. Two layouts give the same observations: the
// long one (one observation a row) and the wide one analysts keep in spreadsheets (one row per
// entity and metric, one column per period).
import { z } from "zod";
import {
  BASES,
  type Entity,
  ID_PATTERN,
  type Metric,
  type MetricKind,
  newEntity,
  newMetric,
  UNITS,
  type Unit,
  unitFitsMetric,
  unitsForMetric,
} from "../domain/catalog.ts";
import type { Delimiter, Layout } from "../domain/csvFormat.ts";
import { defaultPeriodEnd, isPlausibleYear, MAX_YEAR, MIN_YEAR, parseIsoDay, parsePeriod, periodEndMismatch } from "../domain/periods.ts";
import type { Problem } from "../domain/problem.ts";
import type { Figure } from "../domain/revisions.ts";
import { type CsvHead, type CsvRecord, headerProblems, type RecordHandler, readCsvFileRecords, readCsvRecords } from "./readCsv.ts";

export const OBSERVATION_COLUMNS = [
  "entity",
  "metric",
  "period",
  "period_end",
  "fiscal_label",
  "value",
  "unit",
  "basis",
  "source",
  "note",
] as const;
type ObservationColumn = (typeof OBSERVATION_COLUMNS)[number];
const REQUIRED_COLUMNS = ["entity", "metric", "period", "value", "unit"] as const;

export const WIDE_COLUMNS = ["entity", "metric", "unit", "basis", "source", "note"] as const;
const WIDE_REQUIRED_COLUMNS = ["entity", "metric", "unit"] as const;
/** A header that looks like a period (2025-Q3, 2025-FY, any case): the file is in the wide layout. */
const PERIOD_LIKE = /^\d{4}-(q\d|fy)$/i;

export interface Catalog {
  entities: Map<string, Entity>;
  metrics: Map<string, Metric>;
}

export interface Observation extends Figure {
  entity: string;
  metric: string;
  kind: MetricKind;
}

export interface LocatedObservation extends Observation {
  file: string;
  line: number;
  /** The column holding the value: `value`, or the period's column in the wide layout. */
  valueColumn: string;
  /** The column holding what identifies the figure within its entity and metric. */
  keyColumn: string;
}

export interface ObservationFile {
  layout: Layout;
  delimiter: Delimiter;
  /** The first MAX_LISTED problems; `problemsOmitted` counts the rest. */
  problems: Problem[];
  problemsOmitted: number;
  /** Accepted but worth a look: an empty source, a new entity or metric (the first MAX_LISTED). */
  warnings: Problem[];
  warningsOmitted: number;
  /** Catalog rows the file introduces (newEntity, newMetric), added when it is committed. */
  newEntities: Entity[];
  newMetrics: Metric[];
  rowCount: number;
  rejectedRows: number;
}

/** How many problems and warnings a report lists: enough to fix a file, bounded for a huge one. */
export const MAX_LISTED = 1000;

/** One observation's cells as the long layout names them, and where each cell is in the file. */
interface Candidate {
  line: number;
  cells: Record<ObservationColumn, string>;
  columnOf: (field: string) => string;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
/** 1,234 and 1,234.5: a spreadsheet's thousands separators, which it quotes in a comma-separated file. */
const THOUSANDS_GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
const NUMBER_EXPECTED =
  'expected a plain decimal number in millions, such as 1234.5 or "1,234.5": no currency sign, percent sign, decimal comma or text';

/** Why a value cell is not a plain decimal number in millions, or null when it is one. */
function valueProblem(text: string, delimiter: Delimiter): string | null {
  if (THOUSANDS_GROUPED.test(text)) {
    // Spreadsheets that write semicolons use the comma as the decimal separator.
    if (delimiter === "semicolon" && !text.includes(".")) {
      return `in a semicolon-separated file ${text} could be a decimal comma: write ${text.replaceAll(",", "")} or ${text.replace(",", ".")}`;
    }
  } else if (!PLAIN_DECIMAL.test(text)) {
    return NUMBER_EXPECTED;
  }
  return Number.isFinite(cellNumber(text)) ? null : "expected a number within the range of a double";
}

/** The number in a value cell valueProblem() accepts: thousands separators dropped. */
const cellNumber = (text: string) => Number(text.replaceAll(",", ""));

/** The id a case-insensitive match finds in the catalog when `id` itself is not there. */
const caseVariant = (id: string, known: Map<string, unknown>) =>
  known.has(id) ? undefined : [...known.keys()].find((candidate) => candidate.toLowerCase() === id.toLowerCase());

function idSchema(known: Map<string, unknown>, what: string) {
  return (
    z
      .string()
      .min(1, { error: "required", abort: true })
      .regex(ID_PATTERN, { error: "expected an id of letters, digits and underscores", abort: true })
      // Ids are case-sensitive; a case variant of a known id is a typo, not a new entity or metric.
      .refine((id) => caseVariant(id, known) === undefined, {
        error: (issue) => `unknown ${what}; did you mean ${caseVariant(String(issue.input), known)}?`,
      })
  );
}

function rowSchema(catalog: Catalog, delimiter: Delimiter, layout: Layout) {
  const metricOf = (id: string, unit: string) =>
    catalog.metrics.get(id) ?? ((UNITS as readonly string[]).includes(unit) ? newMetric(id, unit as Unit) : undefined);
  return z
    .object({
      entity: idSchema(catalog.entities, "entity"),
      metric: idSchema(catalog.metrics, "metric"),
      period: z
        .string()
        .min(1, { error: "required", abort: true })
        .refine((text) => parsePeriod(text) !== null, { error: "expected a period as YYYY-Qn (e.g. 2025-Q3) or YYYY-FY", abort: true })
        .refine((text) => {
          const period = parsePeriod(text);
          return period === null || isPlausibleYear(period.year);
        }, `expected a year from ${MIN_YEAR} to ${MAX_YEAR}`),
      period_end: z.string().refine((text) => text === "" || parseIsoDay(text) !== null, "expected a real date as YYYY-MM-DD"),
      fiscal_label: z.string(),
      value: z
        .string()
        .min(1, { error: "required: a missing figure is left out of the file, never written as empty or zero", abort: true })
        // Checked here and converted by the caller (cellNumber): a transform, a pipe, cost more a row.
        .refine((text) => valueProblem(text, delimiter) === null, {
          error: (issue) => valueProblem(String(issue.input), delimiter) ?? undefined,
        }),
      unit: z.enum(UNITS, { error: `expected one of ${UNITS.join(", ")}` }),
      basis: z.enum(["", ...BASES], { error: `expected one of ${BASES.join(", ")} (empty means reported)` }),
      source: z.string(),
      note: z.string(),
    })
    .superRefine((row, ctx) => {
      const metric = metricOf(row.metric, row.unit);
      const period = parsePeriod(row.period);
      if (!metric) return;
      if ((UNITS as readonly string[]).includes(row.unit) && !unitFitsMetric(row.unit, metric)) {
        ctx.addIssue({
          code: "custom",
          path: ["unit"],
          message: `metric ${metric.id} is measured in ${unitsForMetric(metric).join(" or ")}`,
        });
      }
      if (!period || !isPlausibleYear(period.year)) return;
      if (row.period_end === "") {
        if (metric.kind === "point") {
          const message =
            layout === "wide"
              ? `the point-in-time metric ${metric.id} needs the date each value refers to: upload it in the long layout with period_end`
              : `required for the point-in-time metric ${metric.id}: the date the value refers to`;
          ctx.addIssue({ code: "custom", path: ["period_end"], message });
        }
        return;
      }
      const day = parseIsoDay(row.period_end);
      const mismatch = day === null ? null : periodEndMismatch(period, day, metric.kind);
      if (mismatch) ctx.addIssue({ code: "custom", path: ["period_end"], message: `does not fit period ${row.period}: ${mismatch}` });
    });
}

const isWide = (header: string[]) =>
  !header.includes("period") && !header.includes("value") && header.some((name) => PERIOD_LIKE.test(name));

/** Header problems of the wide layout: the fixed columns, and period columns that are real periods. */
function wideHeaderProblems(file: string, header: string[]): Problem[] {
  const periodColumns = header.filter((name) => PERIOD_LIKE.test(name));
  const problems = headerProblems(
    file,
    header,
    [...WIDE_COLUMNS, ...periodColumns],
    WIDE_REQUIRED_COLUMNS,
    `${WIDE_COLUMNS.join(", ")} and one column per period (2025-Q3, 2025-FY)`,
  );
  for (const name of periodColumns) {
    const column = name.toUpperCase();
    const period = parsePeriod(column);
    if (!period)
      problems.push({ file, line: 1, column, value: column, message: "expected a period column as YYYY-Qn (e.g. 2025-Q3) or YYYY-FY" });
    else if (!isPlausibleYear(period.year))
      problems.push({ file, line: 1, column, value: column, message: `expected a year from ${MIN_YEAR} to ${MAX_YEAR}` });
  }
  return problems;
}

const sameColumn = (field: string) => field;

function longCandidates(record: CsvRecord): Candidate[] {
  const cells = {} as Candidate["cells"];
  for (const column of OBSERVATION_COLUMNS) cells[column] = record.cells[column] ?? "";
  return [{ line: record.line, cells, columnOf: sameColumn }];
}

/** Each filled period cell of a wide row is one observation; an empty cell is a figure no source
 * gave, left out as in the long layout. period_end takes its default (data/README.md). */
function wideCandidates(record: CsvRecord, periodColumns: string[]): Candidate[] {
  return periodColumns
    .filter((name) => record.cells[name] !== "")
    .map((name) => {
      const column = name.toUpperCase();
      const { entity = "", metric = "", unit = "", basis = "", source = "", note = "" } = record.cells;
      return {
        line: record.line,
        cells: { entity, metric, period: column, period_end: "", fiscal_label: "", value: record.cells[name]!, unit, basis, source, note },
        columnOf: (field: string) => (field === "period" || field === "period_end" || field === "value" ? column : field),
      };
    });
}

const emptyToNull = (text: string) => (text === "" ? null : text);

/**
 * Reads a file one record at a time and hands each valid observation to `accept` as it goes, so a
 * large file is never held as rows. A row with any problem hands over nothing (a wide row as a
 * whole). The same observation twice is for the caller to find: it sees every observation.
 */
export function readObservations(
  file: string,
  text: string,
  catalog: Catalog,
  accept: (observation: LocatedObservation) => void,
): ObservationFile {
  const reading = observationReading(file, catalog, accept);
  return reading.finish(readCsvRecords(file, text, reading.begin));
}

/** The same for a file on disk, streamed. */
export async function readObservationsFile(
  file: string,
  path: string,
  catalog: Catalog,
  accept: (observation: LocatedObservation) => void,
): Promise<ObservationFile> {
  const reading = observationReading(file, catalog, accept);
  return reading.finish(await readCsvFileRecords(file, path, reading.begin));
}

function observationReading(file: string, catalog: Catalog, accept: (observation: LocatedObservation) => void) {
  const result: ObservationFile = {
    layout: "long",
    delimiter: "comma",
    problems: [],
    problemsOmitted: 0,
    warnings: [],
    warningsOmitted: 0,
    newEntities: [],
    newMetrics: [],
    rowCount: 0,
    rejectedRows: 0,
  };
  const problem = (found: Problem) => (result.problems.length < MAX_LISTED ? result.problems.push(found) : result.problemsOmitted++);
  const warning = (found: Problem) => (result.warnings.length < MAX_LISTED ? result.warnings.push(found) : result.warningsOmitted++);
  // The file's own copy: ids it introduces are known to its later rows.
  const known: Catalog = { entities: new Map(catalog.entities), metrics: new Map(catalog.metrics) };
  let headerRejected = false;

  const begin = ({ header, delimiter, problems: headProblems }: CsvHead): RecordHandler | null => {
    result.layout = isWide(header) ? "wide" : "long";
    result.delimiter = delimiter;
    const layoutProblems =
      result.layout === "wide" ? wideHeaderProblems(file, header) : headerProblems(file, header, OBSERVATION_COLUMNS, REQUIRED_COLUMNS);
    [...headProblems, ...layoutProblems].forEach(problem);
    headerRejected = headProblems.length + layoutProblems.length > 0;
    if (headerRejected) return null;
    const schema = rowSchema(known, delimiter, result.layout);
    const periodColumns = header.filter((name) => PERIOD_LIKE.test(name));
    return (record, structural) => {
      structural.forEach(problem);
      // A row whose fields are not where the header says (a broken quote, a missing field) has no cells to check.
      if (structural.length > 0) {
        result.rejectedRows++;
        return;
      }
      const candidates = result.layout === "wide" ? wideCandidates(record, periodColumns) : longCandidates(record);
      const observations = observationsOf(file, candidates, schema, known, result, problem, warning);
      if (observations === null) result.rejectedRows++;
      else observations.forEach(accept);
    };
  };
  const finish = (head: { rowCount: number }): ObservationFile => {
    if (headerRejected) result.rejectedRows = head.rowCount;
    result.rowCount = head.rowCount;
    return result;
  };
  return { begin, finish };
}

/** Reports `found` unless the row already reported the same message for the same column
 * (`reported` is null for a row of one observation). A module function: a closure made for every
 * row measurably slowed a large import. */
function reportOnce(reported: Set<string> | null, report: (found: Problem) => void, found: Problem): void {
  const key = `${found.column}|${found.message}`;
  if (!reported?.has(key)) report(found);
  reported?.add(key);
}

/** A record's observations, or null when any of them has a problem (reported once each). */
function observationsOf(
  file: string,
  candidates: Candidate[],
  schema: ReturnType<typeof rowSchema>,
  known: Catalog,
  result: ObservationFile,
  problem: (found: Problem) => void,
  warning: (found: Problem) => void,
): LocatedObservation[] | null {
  const observations: LocatedObservation[] = [];
  // A wide row repeats its entity, metric and unit for every period: report each problem once.
  const reported = candidates.length > 1 ? new Set<string>() : null;
  let bad = false;
  for (const { line, cells, columnOf } of candidates) {
    const parsed = schema.safeParse(cells);
    if (!parsed.success) {
      bad = true;
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "");
        reportOnce(reported, problem, {
          file,
          line,
          column: columnOf(field),
          value: cells[field as ObservationColumn] ?? "",
          message: issue.message,
        });
      }
      continue;
    }
    const row = parsed.data;
    const metric = known.metrics.get(row.metric) ?? newMetric(row.metric, row.unit);
    const period = parsePeriod(row.period)!;
    if (!known.entities.has(row.entity)) {
      known.entities.set(row.entity, newEntity(row.entity));
      result.newEntities.push(known.entities.get(row.entity)!);
      warning({
        file,
        line,
        column: columnOf("entity"),
        value: row.entity,
        message: `new entity: committing adds ${row.entity} to the catalog, named by its id`,
      });
    }
    if (!known.metrics.has(row.metric)) {
      known.metrics.set(row.metric, metric);
      result.newMetrics.push(metric);
      warning({
        file,
        line,
        column: columnOf("metric"),
        value: row.metric,
        message: `new metric: committing adds ${row.metric} to the catalog as a ${metric.kind} in ${metric.unit}, named by its id`,
      });
    }
    const source = emptyToNull(row.source);
    if (source === null)
      reportOnce(reported, warning, {
        file,
        line,
        column: columnOf("source"),
        value: "",
        message: "no source given: the figure cannot be traced",
      });
    observations.push({
      file,
      line,
      valueColumn: columnOf("value"),
      keyColumn: columnOf(metric.kind === "flow" ? "period" : "period_end"),
      entity: row.entity,
      metric: row.metric,
      kind: metric.kind,
      period: row.period,
      periodEnd: row.period_end === "" ? defaultPeriodEnd(period) : row.period_end,
      fiscalLabel: emptyToNull(row.fiscal_label),
      value: cellNumber(row.value),
      unit: row.unit,
      basis: row.basis === "" ? "reported" : row.basis,
      source,
      note: emptyToNull(row.note),
    });
  }
  return bad ? null : observations;
}
