// npm run export -- --table thesis|companies|observations|scenarios --format csv|xlsx|json [--out FILE] [--NAME VALUE]...
// Writes the same file as GET /api/export/{table}.{format}, through the same service. Parameters are
// those of /api/thesis (thesis, companies), /api/observations (observations) or /api/scenarios
// (scenarios), checked the same way.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { readConfig } from "../server/config.ts";
import { openStore } from "../server/db/client.ts";
import { EXPORT_FORMATS, TABLE_NAMES } from "../server/domain/exportTables.ts";
import {
  AS_OF_PARAMETERS,
  KILLER_APP_PARAMETERS,
  OBSERVATION_PARAMETERS,
  parameterProblems,
  SCENARIO_PARAMETERS,
  THESIS_PARAMETERS,
} from "../server/domain/parameters.ts";
import { type ExportRequest, exportTable } from "../server/services/exportTable.ts";
import { killerAppQuery, observationQuery, scenarioQuery, thesisQuery } from "../server/services/parameterSchemas.ts";
import { seedDefaultData } from "../server/services/seedDefaultData.ts";

const PARAMETERS = [
  ...new Set([
    ...Object.keys(THESIS_PARAMETERS),
    ...Object.keys(OBSERVATION_PARAMETERS),
    ...Object.keys(KILLER_APP_PARAMETERS),
    ...Object.keys(SCENARIO_PARAMETERS),
    ...Object.keys(AS_OF_PARAMETERS),
  ]),
];
const USAGE = `usage: npm run export -- --table ${TABLE_NAMES.join("|")} --format ${EXPORT_FORMATS.join("|")} [--out FILE] [--${PARAMETERS.join(" V] [--")} V]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        table: { type: "string" },
        format: { type: "string" },
        out: { type: "string" },
        ...Object.fromEntries(PARAMETERS.map((name) => [name, { type: "string" as const }])),
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const { table: tableFlag, format: formatFlag, out, ...query } = values;
const tableChoice = z.enum(TABLE_NAMES).safeParse(tableFlag);
if (!tableChoice.success) fail(`--table must be one of ${TABLE_NAMES.join(", ")}`);
const formatChoice = z.enum(EXPORT_FORMATS).safeParse(formatFlag);
if (!formatChoice.success) fail(`--format must be one of ${EXPORT_FORMATS.join(", ")}`);
const table = tableChoice.data;
const format = formatChoice.data;

const config = readConfig();
const store = openStore(config.DATABASE_PATH);
// A fresh database gets the default data first, as the server would.
seedDefaultData(store, config.DATA_DIR);

/** The flags through the route's own schema, so the CLI accepts and rejects what the API does. */
function parse<T>(schema: z.ZodType<T>): T {
  const result = schema.safeParse(query);
  if (!result.success)
    fail(
      parameterProblems(result.error)
        .map((p) => `--${p.parameter}: ${p.message}`)
        .join("\n"),
    );
  return result.data;
}
const request: ExportRequest =
  table === "observations"
    ? { table, ...parse(observationQuery(store)) }
    : table === "killer-apps"
      ? { table, ...parse(killerAppQuery(store)) }
      : table === "scenarios"
        ? { table, ...parse(scenarioQuery(store)) }
        : { table, ...parse(thesisQuery(store)) };

const file = await exportTable(store, request, format);
store.sqlite.close();
const path = out ?? file.fileName;
writeFileSync(path, file.body);
console.log(`Wrote ${path}: ${file.rowCount} rows of ${table}, data version ${file.dataVersion}.`);
