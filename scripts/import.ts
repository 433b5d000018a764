// npm run import -- FILE... [--dry-run]
// Validates and imports observation CSVs (data/README.md format) through the same service as the
// server: every row of every file in one transaction, or nothing. Exits 1 when any row is bad.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { readConfig } from "../server/config.ts";
import type { Problem } from "../server/csv/readCsv.ts";
import { openStore } from "../server/db/client.ts";
import { importObservations } from "../server/services/importObservations.ts";
import { seedDefaultData } from "../server/services/seedDefaultData.ts";

const { values, positionals } = parseArgs({ options: { "dry-run": { type: "boolean", default: false } }, allowPositionals: true });
if (positionals.length === 0) {
  console.error("usage: npm run import -- FILE... [--dry-run]");
  process.exit(2);
}

const config = readConfig();
const store = openStore(config.DATABASE_PATH);
// A fresh database needs the catalogs (and gets the default data) before anything refers to them.
seedDefaultData(store, config.DATA_DIR);

const files = positionals.map((path) => ({ name: path, text: readFileSync(path, "utf8") }));
const report = importObservations(store, files, { tokenName: "cli", dryRun: values["dry-run"] });
store.sqlite.close();

const describe = (p: Problem) => `${p.file}:${p.line}${p.column ? ` column ${p.column}` : ""}${p.value ? ` (${JSON.stringify(p.value)})` : ""}: ${p.message}`;
for (const warning of report.warnings) console.warn(`warning: ${describe(warning)}`);
for (const problem of report.problems) console.error(`error: ${describe(problem)}`);

const counts = `inserted ${report.inserted}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected}`;
if (report.problems.length > 0) {
  console.error(`Rejected: ${report.problems.length} problem(s) in ${report.rejected} row(s); nothing was written. Valid rows: ${counts}.`);
  process.exit(1);
}
const recorded = report.uploadId === null ? "" : ` Recorded as upload ${report.uploadId}.`;
console.log(`${report.dryRun ? "Dry run (nothing written)" : "Imported"}: ${counts}. Data version ${report.dataVersion}.${recorded}`);
