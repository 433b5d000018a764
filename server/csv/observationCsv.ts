// The row format of data/README.md (also the upload format): CSV text -> validated observations,
// or every problem found, each naming file, line, column and value.
import { z } from "zod";
import {
  BASES,
  UNITS,
  observationIdentity,
  unitFitsMetric,
  unitsForMetric,
  type Basis,
  type Entity,
  type Metric,
  type MetricKind,
  type Unit,
} from "../domain/catalog.ts";
import { defaultPeriodEnd, isPlausibleYear, MAX_YEAR, MIN_YEAR, parseIsoDay, parsePeriod, periodEndMismatch } from "../domain/periods.ts";
import { headerProblems, readCsv, type Problem } from "./readCsv.ts";

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
const REQUIRED_COLUMNS = ["entity", "metric", "period", "value", "unit"] as const;

export interface Catalog {
  entities: Map<string, Entity>;
  metrics: Map<string, Metric>;
}

export interface Observation {
  entity: string;
  metric: string;
  kind: MetricKind;
  period: string;
  periodEnd: string;
  fiscalLabel: string | null;
  value: number;
  unit: Unit;
  basis: Basis;
  source: string | null;
  note: string | null;
}

export interface LocatedObservation extends Observation {
  file: string;
  line: number;
}

export interface ParsedObservations {
  observations: LocatedObservation[];
  problems: Problem[];
  /** Accepted but worth a look: an empty source. */
  warnings: Problem[];
  rowCount: number;
  rejectedRows: number;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

function rowSchema(catalog: Catalog) {
  const entityIds = [...catalog.entities.keys()].join(", ");
  const metricIds = [...catalog.metrics.keys()].join(", ");
  return z
    .object({
      entity: z
        .string()
        .min(1, { error: "required", abort: true })
        .refine((id) => catalog.entities.has(id), `unknown entity; expected one of ${entityIds} (entities.csv)`),
      metric: z
        .string()
        .min(1, { error: "required", abort: true })
        .refine((id) => catalog.metrics.has(id), `unknown metric; expected one of ${metricIds} (metrics.csv)`),
      period: z
        .string()
        .min(1, { error: "required", abort: true })
        .refine((text) => parsePeriod(text) !== null, { error: "expected a period as YYYY-Qn (e.g. 2025-Q3) or YYYY-FY", abort: true })
        .refine((text) => {
          const period = parsePeriod(text);
          return period === null || isPlausibleYear(period.year);
        }, `expected a year from ${MIN_YEAR} to ${MAX_YEAR}`),
      period_end: z
        .string()
        .refine((text) => text === "" || parseIsoDay(text) !== null, "expected a real date as YYYY-MM-DD"),
      fiscal_label: z.string(),
      value: z
        .string()
        .min(1, { error: "required: a missing figure is left out of the file, never written as empty or zero", abort: true })
        .regex(PLAIN_DECIMAL, {
          error: "expected a plain decimal number in millions (e.g. 1234.5): no currency sign, percent sign, thousands separator or text",
          abort: true,
        })
        .refine((text) => Number.isFinite(Number(text)), "expected a number within the range of a double"),
      unit: z.enum(UNITS, { error: `expected one of ${UNITS.join(", ")}` }),
      basis: z.enum(["", ...BASES], { error: `expected one of ${BASES.join(", ")} (empty means reported)` }),
      source: z.string(),
      note: z.string(),
    })
    .superRefine((row, ctx) => {
      const metric = catalog.metrics.get(row.metric);
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
          ctx.addIssue({ code: "custom", path: ["period_end"], message: `required for the point-in-time metric ${metric.id}: the date the value refers to` });
        }
        return;
      }
      const day = parseIsoDay(row.period_end);
      const mismatch = day === null ? null : periodEndMismatch(period, day, metric.kind);
      if (mismatch) ctx.addIssue({ code: "custom", path: ["period_end"], message: `does not fit period ${row.period}: ${mismatch}` });
    });
}

const emptyToNull = (text: string) => (text === "" ? null : text);

export function parseObservationCsv(file: string, text: string, catalog: Catalog): ParsedObservations {
  const table = readCsv(file, text);
  const problems = [...table.problems, ...headerProblems(file, table.header, OBSERVATION_COLUMNS, REQUIRED_COLUMNS)];
  const result: ParsedObservations = { observations: [], problems, warnings: [], rowCount: table.records.length, rejectedRows: 0 };
  if (problems.some((problem) => problem.line === 1)) {
    result.rejectedRows = table.records.length;
    return result;
  }

  const schema = rowSchema(catalog);
  const badLines = new Set(problems.map((problem) => problem.line));
  const firstLineOfIdentity = new Map<string, number>();
  for (const record of table.records) {
    const raw = Object.fromEntries(OBSERVATION_COLUMNS.map((column) => [column, record.cells[column] ?? ""]));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      badLines.add(record.line);
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? "");
        problems.push({ file, line: record.line, column, value: raw[column] ?? "", message: issue.message });
      }
      continue;
    }
    const row = parsed.data;
    const metric = catalog.metrics.get(row.metric)!;
    const period = parsePeriod(row.period)!;
    const observation: LocatedObservation = {
      file,
      line: record.line,
      entity: row.entity,
      metric: row.metric,
      kind: metric.kind,
      period: row.period,
      periodEnd: row.period_end === "" ? defaultPeriodEnd(period) : row.period_end,
      fiscalLabel: emptyToNull(row.fiscal_label),
      value: Number(row.value),
      unit: row.unit,
      basis: row.basis === "" ? "reported" : row.basis,
      source: emptyToNull(row.source),
      note: emptyToNull(row.note),
    };
    const identity = observationIdentity(observation);
    const firstLine = firstLineOfIdentity.get(identity);
    if (firstLine !== undefined) {
      badLines.add(record.line);
      const key = observation.kind === "flow" ? ["period", observation.period] : ["period_end", observation.periodEnd];
      problems.push({
        file,
        line: record.line,
        column: key[0]!,
        value: key[1]!,
        message: `the same observation (${observation.entity} ${observation.metric} ${key[1]}) already appears on line ${firstLine}`,
      });
      continue;
    }
    firstLineOfIdentity.set(identity, record.line);
    if (observation.source === null) {
      result.warnings.push({ file, line: record.line, column: "source", value: "", message: "no source given: the figure cannot be traced" });
    }
    if (!badLines.has(record.line)) result.observations.push(observation);
  }
  result.rejectedRows = badLines.size;
  return result;
}
