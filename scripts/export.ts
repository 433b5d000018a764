// npm run export -- --table thesis|companies|observations --format csv|xlsx|json [--out FILE] [--NAME VALUE]...
// Writes the same file as GET /api/export/{table}.{format}, through the same service. Parameters are
// those of /api/thesis (thesis, companies) or /api/observations (observations), checked the same way.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { z } from "zod";
import { readConfig } from "../server/config.ts";
import { openStore } from "../server/db/client.ts";
import { EXPORT_FORMATS, type ExportFormat, TABLE_NAMES, type TableName } from "../server/domain/exportTables.ts";
import { observationQuery, thesisQuery } from "../server/routes/queries.ts";
import { parameterProblems } from "../server/routes/validate.ts";
import { type ExportRequest, exportTable } from "../server/services/exportTable.ts";
import { seedDefaultData } from "../server/services/seedDefaultData.ts";

const PARAMETERS = ["companies", "aiRevenue", "from", "to", "carryForwardDays", "lookback", "gpuShare", "margin", "entity", "metric"];
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
const { table, format, out, ...query } = values;
if (!TABLE_NAMES.includes(table as TableName)) fail(`--table must be one of ${TABLE_NAMES.join(", ")}`);
if (!EXPORT_FORMATS.includes(format as ExportFormat)) fail(`--format must be one of ${EXPORT_FORMATS.join(", ")}`);

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
    ? { table, filter: parse(observationQuery(store)) }
    : { table: table as "thesis" | "companies", params: parse(thesisQuery(store)) };

const file = await exportTable(store, request, format as ExportFormat);
store.sqlite.close();
const path = out ?? file.fileName;
writeFileSync(path, file.body);
console.log(`Wrote ${path}: ${file.rowCount} rows of ${table}, data version ${file.dataVersion}.`);
