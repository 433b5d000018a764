// The upload formats of data/README.md: CSV text -> validated observations, or every problem
// found, each naming file, line, column and value. Two layouts give the same observations: the
// long one (one observation a row) and the wide one analysts keep in spreadsheets (one row per
// entity and metric, one column per period).
import { z } from "zod";
import {
  BASES,
  type Entity,
  ID_PATTERN,
  MAX_ID_LENGTH,
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
import { type IdIndex, idIndex } from "../domain/nearMiss.ts";
import {
  defaultPeriodEnd,
  isPlausibleYear,
  MAX_YEAR,
  MIN_YEAR,
  type Period,
  parseIsoDay,
  parsePeriod,
  periodEndMismatch,
} from "../domain/periods.ts";
import type { Problem } from "../domain/problem.ts";
import type { Figure, UnstatedField } from "../domain/revisions.ts";
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
  /**
   * Metric ids the upload declares new. Any other unknown metric is a problem: a typo of a known
   * one ("did you mean capex?") or a series no chart reads until an analyst confirms it.
   */
  confirmedMetrics?: ReadonlySet<string>;
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
  /** Fields the file has no column for: a figure it replaces keeps its own. */
  unstated: readonly UnstatedField[];
}

/** The columns a file may leave out and the fields they fill. */
const OPTIONAL_COLUMNS = [
  ["period_end", "periodEnd"],
  ["fiscal_label", "fiscalLabel"],
  ["basis", "basis"],
  ["source", "source"],
  ["note", "note"],
] as const satisfies readonly (readonly [ObservationColumn, UnstatedField])[];

/**
 * What a file's header leaves unstated, for a flow and for a point: the wide layout has no
 * period_end or fiscal_label column; a point's period_end is what identifies it, never unstated.
 */
function unstatedFields(layout: Layout, header: string[]): Record<MetricKind, readonly UnstatedField[]> {
  const stated = new Set(layout === "wide" ? header.filter((name) => (WIDE_COLUMNS as readonly string[]).includes(name)) : header);
  const flow = OPTIONAL_COLUMNS.filter(([column]) => !stated.has(column)).map(([, field]) => field);
  return { flow, point: flow.filter((field) => field !== "periodEnd") };
}

/** What parsing a file's records found besides its observations, filled in as they are read. */
export interface FileFindings {
  /** The first MAX_LISTED problems; `problemsOmitted` counts the rest. */
  problems: Problem[];
  problemsOmitted: number;
  /** Accepted but worth a look: an empty source, a new entity or metric (the first MAX_LISTED). */
  warnings: Problem[];
  warningsOmitted: number;
  /** Catalog rows the file introduces (newEntity, newMetric), added when it is committed. */
  newEntities: Entity[];
  newMetrics: Metric[];
  /** Unknown metric ids the file uses that were not confirmed as new (at most MAX_NEW_IDS). */
  unconfirmedMetrics: string[];
  rejectedRows: number;
}

export interface ObservationFile extends FileFindings {
  layout: Layout;
  delimiter: Delimiter;
  rowCount: number;
}

/** The findings of a file before its first record. */
export const noFindings = (): FileFindings => ({
  problems: [],
  problemsOmitted: 0,
  warnings: [],
  warningsOmitted: 0,
  newEntities: [],
  newMetrics: [],
  unconfirmedMetrics: [],
  rejectedRows: 0,
});

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

/** The longest text of each free-text column: far above any cited figure's (data/ has notes of about 1,000). */
export const MAX_TEXT_LENGTH = { fiscal_label: 64, source: 2048, note: 4000 } as const;

/** New catalog ids one file may introduce; more is a list of companies for entities.csv. */
export const MAX_NEW_IDS = 100;

const ID_EXPECTED = `expected an id of 1 to ${MAX_ID_LENGTH} letters, digits and underscores, and not a JavaScript built-in name`;

/** The ids a file may use: the catalog's and those the file introduced so far, indexed for typos. */
interface KnownIds {
  catalog: Catalog;
  entities: IdIndex;
  metrics: IdIndex;
}

function idSchema(known: IdIndex, what: string) {
  return (
    z
      .string()
      .min(1, { error: "required", abort: true })
      .regex(ID_PATTERN, { error: ID_EXPECTED, abort: true })
      // Ids are case-sensitive; a case variant of a known id is a typo, not a new entity or metric.
      .refine((id) => known.caseVariant(id) === undefined, {
        error: (issue) => `unknown ${what}; did you mean ${known.caseVariant(String(issue.input))}?`,
      })
  );
}

const freeText = (column: keyof typeof MAX_TEXT_LENGTH) =>
  z.string().max(MAX_TEXT_LENGTH[column], `longer than the ${MAX_TEXT_LENGTH[column]} characters a ${column} may have`);

function rowSchema(known: KnownIds, delimiter: Delimiter, layout: Layout) {
  const { catalog } = known;
  const metricOf = (id: string, unit: string) =>
    catalog.metrics.get(id) ?? ((UNITS as readonly string[]).includes(unit) ? newMetric(id, unit as Unit) : undefined);
  return z
    .object({
      entity: idSchema(known.entities, "entity"),
      metric: idSchema(known.metrics, "metric"),
      period: z
        .string()
        .min(1, { error: "required", abort: true })
        .refine((text) => parsePeriod(text) !== null, { error: "expected a period as YYYY-Qn (e.g. 2025-Q3) or YYYY-FY", abort: true })
        .refine((text) => {
          const period = parsePeriod(text);
          return period === null || isPlausibleYear(period.year);
        }, `expected a year from ${MIN_YEAR} to ${MAX_YEAR}`),
      period_end: z.string().refine((text) => text === "" || parseIsoDay(text) !== null, "expected a real date as YYYY-MM-DD"),
      fiscal_label: freeText("fiscal_label"),
      value: z
        .string()
        .min(1, { error: "required: a missing figure is left out of the file, never written as empty or zero", abort: true })
        // Checked here and converted by the caller (cellNumber): a transform, a pipe, cost more a row.
        .refine((text) => valueProblem(text, delimiter) === null, {
          error: (issue) => valueProblem(String(issue.input), delimiter) ?? undefined,
        }),
      unit: z.enum(UNITS, { error: `expected one of ${UNITS.join(", ")}` }),
      basis: z.enum(["", ...BASES], { error: `expected one of ${BASES.join(", ")} (empty means reported)` }),
      source: freeText("source"),
      note: freeText("note"),
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
  const { entity = "", metric = "", unit = "", basis = "", source = "", note = "" } = record.cells;
  return periodColumns.flatMap((name) => {
    const value = record.cells[name];
    if (value === undefined || value === "") return [];
    const column = name.toUpperCase();
    return [
      {
        line: record.line,
        cells: { entity, metric, period: column, period_end: "", fiscal_label: "", value, unit, basis, source, note },
        columnOf: (field: string) => (field === "period" || field === "period_end" || field === "value" ? column : field),
      },
    ];
  });
}

const emptyToNull = (text: string) => (text === "" ? null : text);

type Listing = Pick<FileFindings, "problems" | "problemsOmitted" | "warnings" | "warningsOmitted">;

/** Lists a problem while fewer than MAX_LISTED are listed, and counts it otherwise. */
export function listProblem(listing: Listing, found: Problem): void {
  if (listing.problems.length < MAX_LISTED) listing.problems.push(found);
  else listing.problemsOmitted++;
}

/** Lists a warning while fewer than MAX_LISTED are listed, and counts it otherwise. */
export function listWarning(listing: Listing, found: Problem): void {
  if (listing.warnings.length < MAX_LISTED) listing.warnings.push(found);
  else listing.warningsOmitted++;
}

/**
 * The most columns a file may have: the long layout has ten, the wide one six and one per period
 * (1980 to 2100 is 605 quarters and years).
 */
export const MAX_COLUMNS = 1024;

/** The layout a header is in, and what is wrong with it (the problems of its own row included). */
function observationHeader(file: string, { header, problems }: CsvHead): { layout: Layout; problems: Problem[] } {
  // An empty or unreadable file: what the reader said is the whole story, not missing columns.
  if (header.length === 0 && problems.length > 0) return { layout: "long", problems };
  if (header.length > MAX_COLUMNS) {
    const message = `${header.length.toLocaleString("en-US")} columns; a file may have at most ${MAX_COLUMNS}: split it by period`;
    return { layout: "long", problems: [{ file, line: 1, column: "header", value: "", message }] };
  }
  const layout: Layout = isWide(header) ? "wide" : "long";
  const layoutProblems =
    layout === "wide" ? wideHeaderProblems(file, header) : headerProblems(file, header, OBSERVATION_COLUMNS, REQUIRED_COLUMNS);
  return { layout, problems: [...problems, ...layoutProblems] };
}

/** One record's observations, or null when the record is rejected (its problems are in the findings). */
export type RecordParser = (record: CsvRecord, structural: Problem[]) => LocatedObservation[] | null;

/**
 * The parse and validate stage of an import: a file's header, against the catalog, gives the
 * parser of its records, or null when the header is rejected. Problems, warnings, new catalog
 * rows and rejected rows go to `findings`. The ids a file introduces are known to its later
 * records; `catalog` itself is left as it is.
 */
export function observationParser(file: string, head: CsvHead, catalog: Catalog, findings: FileFindings): RecordParser | null {
  const { layout, problems } = observationHeader(file, head);
  for (const found of problems) listProblem(findings, found);
  if (problems.length > 0) return null;
  const known: KnownIds = {
    catalog: { ...catalog, entities: new Map(catalog.entities), metrics: new Map(catalog.metrics) },
    entities: idIndex(catalog.entities.keys()),
    metrics: idIndex(catalog.metrics.keys()),
  };
  const schema = rowSchema(known, head.delimiter, layout);
  const periodColumns = head.header.filter((name) => PERIOD_LIKE.test(name));
  const unstated = unstatedFields(layout, head.header);
  return (record, structural) => {
    for (const found of structural) listProblem(findings, found);
    // A row whose fields are not where the header says (a broken quote, a missing field) has no cells to check.
    const observations =
      structural.length > 0
        ? null
        : observationsOf(
            file,
            layout === "wide" ? wideCandidates(record, periodColumns) : longCandidates(record),
            schema,
            known,
            findings,
            unstated,
          );
    if (observations === null) findings.rejectedRows++;
    return observations;
  };
}

/** A file's summary once every record was read, from its final head: a rejected header rejects every row. */
function observationFile(file: string, end: CsvHead & { rowCount: number }, findings: FileFindings): ObservationFile {
  const { layout, problems } = observationHeader(file, end);
  const rejectedRows = problems.length > 0 ? end.rowCount : findings.rejectedRows;
  return { ...findings, layout, delimiter: end.delimiter, rowCount: end.rowCount, rejectedRows };
}

/** The read stage's handler for the records of a file whose header gave `parse`: their observations to `accept`. */
function handOver(parse: RecordParser | null, accept: (observation: LocatedObservation) => void): RecordHandler | null {
  if (!parse) return null;
  return (record, structural) => {
    const observations = parse(record, structural);
    if (observations) for (const observation of observations) accept(observation);
  };
}

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
  const findings = noFindings();
  const end = readCsvRecords(file, text, (head) => handOver(observationParser(file, head, catalog, findings), accept));
  return observationFile(file, end, findings);
}

/** The same for a file on disk, streamed. */
export async function readObservationsFile(
  file: string,
  path: string,
  catalog: Catalog,
  accept: (observation: LocatedObservation) => void,
): Promise<ObservationFile> {
  const findings = noFindings();
  const end = await readCsvFileRecords(file, path, (head) => handOver(observationParser(file, head, catalog, findings), accept));
  return observationFile(file, end, findings);
}

/** Reports `found` unless the row already reported the same message for the same column
 * (`reported` is null for a row of one observation). A module function: a closure made for every
 * row measurably slowed a large import. */
function reportOnce(
  reported: Set<string> | null,
  list: (listing: Listing, found: Problem) => void,
  findings: FileFindings,
  found: Problem,
): void {
  const key = `${found.column}|${found.message}`;
  if (!reported?.has(key)) list(findings, found);
  reported?.add(key);
}

/** The period of a row the schema accepted: one that parses. */
function acceptedPeriod(text: string): Period {
  const period = parsePeriod(text);
  if (period === null) throw new Error(`the row schema accepted the period ${text}, which does not parse`);
  return period;
}

/**
 * Why a row's ids cannot be taken as new: a metric the upload did not declare (a near miss of a
 * known one says which), or more new ids than one file may introduce.
 */
function newIdProblems(
  row: { entity: string; metric: string },
  known: KnownIds,
  findings: FileFindings,
  at: (column: "entity" | "metric") => Pick<Problem, "file" | "line" | "column">,
): Problem[] {
  const problems: Problem[] = [];
  if (!known.catalog.metrics.has(row.metric)) {
    const nearMiss = known.metrics.nearMiss(row.metric);
    if (nearMiss) {
      problems.push({ ...at("metric"), value: row.metric, message: `unknown metric; did you mean ${nearMiss}?` });
    } else if (!known.catalog.confirmedMetrics?.has(row.metric)) {
      const unconfirmed = findings.unconfirmedMetrics;
      if (unconfirmed.length < MAX_NEW_IDS && !unconfirmed.includes(row.metric)) unconfirmed.push(row.metric);
      problems.push({
        ...at("metric"),
        value: row.metric,
        message: `unknown metric: to add ${row.metric} to the catalog, confirm it as a new metric (or add it to metrics.csv)`,
      });
    } else if (findings.newMetrics.length >= MAX_NEW_IDS) {
      problems.push({
        ...at("metric"),
        value: row.metric,
        message: `more than ${MAX_NEW_IDS} new metrics in one file: add them to metrics.csv`,
      });
    }
  }
  if (!known.catalog.entities.has(row.entity) && findings.newEntities.length >= MAX_NEW_IDS) {
    problems.push({
      ...at("entity"),
      value: row.entity,
      message: `more than ${MAX_NEW_IDS} new entities in one file: add them to entities.csv first`,
    });
  }
  return problems;
}

/** A record's observations, or null when any of them has a problem (reported once each). */
function observationsOf(
  file: string,
  candidates: Candidate[],
  schema: ReturnType<typeof rowSchema>,
  known: KnownIds,
  findings: FileFindings,
  unstated: Record<MetricKind, readonly UnstatedField[]>,
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
        reportOnce(reported, listProblem, findings, {
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
    const unknownIds = newIdProblems(row, known, findings, (column) => ({ file, line, column: columnOf(column) }));
    if (unknownIds.length > 0) {
      bad = true;
      for (const found of unknownIds) reportOnce(reported, listProblem, findings, found);
      continue;
    }
    const metric = known.catalog.metrics.get(row.metric) ?? newMetric(row.metric, row.unit);
    if (!known.catalog.entities.has(row.entity)) {
      const entity = newEntity(row.entity);
      known.catalog.entities.set(row.entity, entity);
      known.entities.add(row.entity);
      findings.newEntities.push(entity);
      const nearMiss = known.entities.nearMiss(row.entity);
      listWarning(findings, {
        file,
        line,
        column: columnOf("entity"),
        value: row.entity,
        message: `new entity: committing adds ${row.entity} to the catalog, named by its id${nearMiss ? ` (did you mean ${nearMiss}?)` : ""}`,
      });
    }
    if (!known.catalog.metrics.has(row.metric)) {
      known.catalog.metrics.set(row.metric, metric);
      known.metrics.add(row.metric);
      findings.newMetrics.push(metric);
      listWarning(findings, {
        file,
        line,
        column: columnOf("metric"),
        value: row.metric,
        message: `new metric: committing adds ${row.metric} to the catalog as a ${metric.kind} in ${metric.unit}, named by its id`,
      });
    }
    const source = emptyToNull(row.source);
    if (source === null)
      reportOnce(reported, listWarning, findings, {
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
      unstated: unstated[metric.kind],
      entity: row.entity,
      metric: row.metric,
      kind: metric.kind,
      period: row.period,
      periodEnd: row.period_end === "" ? defaultPeriodEnd(acceptedPeriod(row.period)) : row.period_end,
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
