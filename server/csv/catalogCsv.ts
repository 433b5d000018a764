// entities.csv and metrics.csv: the catalogs every observation must refer to.
import { z } from "zod";
import { type Entity, ID_PATTERN, METRIC_KINDS, type Metric, UNITS } from "../domain/catalog.ts";
import { parseIsoDay } from "../domain/periods.ts";
import type { Problem } from "../domain/problem.ts";
import { headerProblems, readCsv } from "./readCsv.ts";

const idSchema = z.string().regex(ID_PATTERN, "expected an id of letters, digits and underscores");

const entitySchema = z.object({
  entity: idSchema,
  name: z.string().min(1, "required"),
  group: z.string().min(1, "required"),
  note: z.string(),
  launched: z
    .string()
    .refine((text) => text === "" || parseIsoDay(text) !== null, "expected a launch date as YYYY-MM-DD, or nothing")
    .optional(),
});
const ENTITY_REQUIRED = ["entity", "name", "group", "note"];

const metricSchema = z.object({
  metric: idSchema,
  label: z.string().min(1, "required"),
  kind: z.enum(METRIC_KINDS, { error: `expected one of ${METRIC_KINDS.join(", ")}` }),
  unit: z.enum(UNITS, { error: `expected one of ${UNITS.join(", ")}` }),
  definition: z.string().min(1, "required"),
});

function parseCatalog<S extends z.ZodObject, T>(
  file: string,
  text: string,
  schema: S,
  required: readonly string[],
  toItem: (row: z.output<S>) => T & { id: string },
): { items: (T & { id: string })[]; problems: Problem[] } {
  const columns = Object.keys(schema.shape);
  const table = readCsv(file, text);
  const problems = [...table.problems, ...headerProblems(file, table.header, columns, required)];
  const items: (T & { id: string })[] = [];
  const lineOfId = new Map<string, number>();
  for (const record of table.records) {
    const parsed = schema.safeParse(record.cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? "");
        problems.push({ file, line: record.line, column, value: record.cells[column] ?? "", message: issue.message });
      }
      continue;
    }
    const item = toItem(parsed.data);
    const earlier = lineOfId.get(item.id);
    if (earlier !== undefined) {
      problems.push({ file, line: record.line, column: columns[0] ?? "id", value: item.id, message: `already defined on line ${earlier}` });
      continue;
    }
    lineOfId.set(item.id, record.line);
    items.push(item);
  }
  return { items, problems };
}

export function parseEntitiesCsv(file: string, text: string) {
  return parseCatalog<typeof entitySchema, Entity>(file, text, entitySchema, ENTITY_REQUIRED, (row) => ({
    id: row.entity,
    name: row.name,
    group: row.group,
    note: row.note === "" ? null : row.note,
    launched: row.launched ? row.launched : null,
  }));
}

export function parseMetricsCsv(file: string, text: string) {
  return parseCatalog<typeof metricSchema, Metric>(file, text, metricSchema, Object.keys(metricSchema.shape), (row) => ({
    id: row.metric,
    label: row.label,
    kind: row.kind,
    unit: row.unit,
    definition: row.definition,
  }));
}
