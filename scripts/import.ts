// npm run import -- FILE... [--dry-run] [--new-metric ID]...
// Validates and imports observation CSVs (data/README.md format) through the same service as the
// server: every row of every file in one transaction, or nothing. Exits 1 when any row is bad;
// lists at most the first 1,000 problems and warnings, and counts the rest.
import { parseArgs } from "node:util";
import { readConfig } from "../server/config.ts";
import { closeStore, openStore, storeLocation } from "../server/db/client.ts";
import { describeProblem } from "../server/domain/problem.ts";
import { importObservationFiles } from "../server/services/importObservations.ts";
import { seedDefaultData } from "../server/services/seedDefaultData.ts";

const { values, positionals } = parseArgs({
  options: { "dry-run": { type: "boolean", default: false }, "new-metric": { type: "string", multiple: true, default: [] } },
  allowPositionals: true,
});
if (positionals.length === 0) {
  console.error("usage: npm run import -- FILE... [--dry-run] [--new-metric ID]...");
  process.exit(2);
}

const config = readConfig();
const store = await openStore(storeLocation(config));
// A fresh database needs the catalogs (and gets the default data) before anything refers to them.
await seedDefaultData(store, config.DATA_DIR);

// Streamed: a file of millions of rows is never held in memory whole.
const report = await importObservationFiles(store, positionals, {
  tokenName: "cli",
  dryRun: values["dry-run"],
  confirmNewMetrics: values["new-metric"],
});
await closeStore(store);

for (const warning of report.warnings) console.warn(`warning: ${describeProblem(warning)}`);
for (const problem of report.problems) console.error(`error: ${describeProblem(problem)}`);
if (report.warningsOmitted > 0) console.warn(`warning: ... and ${report.warningsOmitted} more warnings`);
if (report.problemsOmitted > 0) console.error(`error: ... and ${report.problemsOmitted} more problems`);

const counts = `inserted ${report.inserted}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected}`;
if (report.problems.length > 0) {
  console.error(
    `Rejected: ${report.problems.length + report.problemsOmitted} problem(s) in ${report.rejected} row(s); nothing was written. Valid rows: ${counts}.`,
  );
  process.exit(1);
}
const recorded = report.uploadId === null ? "" : ` Recorded as upload ${report.uploadId}.`;
console.log(`${report.dryRun ? "Dry run (nothing written)" : "Imported"}: ${counts}. Data version ${report.dataVersion}.${recorded}`);
