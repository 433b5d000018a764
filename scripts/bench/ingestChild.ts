// One ingest in its own process, so its peak memory is its own: `ours` (the product's import into
// a SQLite file or, given a postgres:// URL, a PostgreSQL database) or `bare` (papaparse + one
// prepared insert per row into the same SQLite observations table, no checks).
// Prints {rowsPerSecond, peakRssMb} as JSON.

import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { closeStore, openStore, type StoreLocation } from "../../server/db/client.ts";
import { importObservationFiles } from "../../server/services/importObservations.ts";
import { loadCatalogFiles } from "../../server/services/seedDefaultData.ts";

const [mode, csvPath, database, catalogDir, rowCount] = process.argv.slice(2) as [string, string, string, string, string];
const location: StoreLocation = /^postgres(ql)?:/.test(database)
  ? { dialect: "postgres", url: database }
  : { dialect: "sqlite", path: database };
const store = await openStore(location);
await loadCatalogFiles(store, catalogDir);
const started = performance.now();
if (mode === "ours") {
  const report = await importObservationFiles(store, [csvPath], { tokenName: "bench" });
  if (!report.committed) throw new Error(`import rejected: ${JSON.stringify(report.problems.slice(0, 3))}`);
} else {
  if (store.dialect !== "sqlite") throw new Error("the bare loop writes SQLite");
  const { sqlite } = store;
  const insert = sqlite.prepare(
    "insert into observations (entity, metric, kind, period, period_end, fiscal_label, value, unit, basis, source, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  let header = true;
  sqlite.transaction(() => {
    Papa.parse<string[]>(readFileSync(csvPath, "utf8"), {
      skipEmptyLines: true,
      step: ({ data: c }) => {
        if (header) {
          header = false;
          return;
        }
        insert.run(
          c[0],
          c[1],
          c[6] === "USD_m_annualized" ? "point" : "flow",
          c[2],
          c[3],
          c[4] || null,
          Number(c[5]),
          c[6],
          c[7],
          c[8],
          c[9],
        );
      },
    });
  })();
}
const seconds = (performance.now() - started) / 1000;
await closeStore(store);
console.log(JSON.stringify({ rowsPerSecond: Number(rowCount) / seconds, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
