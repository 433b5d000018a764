// First start: load the embedded default data set (data/*.csv) into an empty database.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEntitiesCsv, parseMetricsCsv } from "../csv/catalogCsv.ts";
import type { Store } from "../db/client.ts";
import { entities, metrics } from "../db/schema.ts";
import type { Problem } from "../domain/problem.ts";
import { RejectedDataError } from "../errors.ts";
import { countObservations } from "./getHealth.ts";
import { type CsvFile, type ImportReport, importObservations } from "./importObservations.ts";
import { forgetCatalog } from "./loadCatalog.ts";

const CATALOG_FILES = ["entities.csv", "metrics.csv"];

export function defaultDataFiles(dataDir: string): CsvFile[] {
  return readdirSync(dataDir)
    .filter((name) => name.endsWith(".csv") && !CATALOG_FILES.includes(name))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dataDir, name), "utf8") }));
}

/** Writes the catalogs (entities.csv, metrics.csv), adding new ids and updating known ones. */
export function loadCatalogFiles(store: Store, dataDir: string): void {
  const entityFile = parseEntitiesCsv("entities.csv", readFileSync(join(dataDir, "entities.csv"), "utf8"));
  const metricFile = parseMetricsCsv("metrics.csv", readFileSync(join(dataDir, "metrics.csv"), "utf8"));
  const problems: Problem[] = [...entityFile.problems, ...metricFile.problems];
  if (problems.length > 0) throw new RejectedDataError("The catalog files have problems", problems);
  store.db.transaction((tx) => {
    for (const entity of entityFile.items) {
      tx.insert(entities).values(entity).onConflictDoUpdate({ target: entities.id, set: entity }).run();
    }
    for (const metric of metricFile.items) {
      tx.insert(metrics).values(metric).onConflictDoUpdate({ target: metrics.id, set: metric }).run();
    }
  });
  forgetCatalog(store);
}

/** Seeds only an empty database: data that analysts changed later is never overwritten. */
export function seedDefaultData(store: Store, dataDir: string): ImportReport | null {
  if (countObservations(store) > 0) return null;
  loadCatalogFiles(store, dataDir);
  const report = importObservations(store, defaultDataFiles(dataDir), { tokenName: "seed" });
  if (!report.committed) throw new RejectedDataError(`The default data in ${dataDir} has problems`, report.problems);
  return report;
}
