// First start: load the embedded default data set (data/*.csv) into an empty database.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { getTableColumns, sql } from "drizzle-orm";
import { parseEntitiesCsv, parseMetricsCsv } from "../csv/catalogCsv.ts";
import type { Store } from "../db/client.ts";
import { execute, setOf, valuesOf, writeTransaction } from "../db/query.ts";
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
export async function loadCatalogFiles(store: Store, dataDir: string): Promise<void> {
  const entityFile = parseEntitiesCsv("entities.csv", readFileSync(join(dataDir, "entities.csv"), "utf8"));
  const metricFile = parseMetricsCsv("metrics.csv", readFileSync(join(dataDir, "metrics.csv"), "utf8"));
  const problems: Problem[] = [...entityFile.problems, ...metricFile.problems];
  if (problems.length > 0) throw new RejectedDataError("The catalog files have problems", problems);
  await writeTransaction(store, async (tx) => {
    const { entities, metrics } = tx.tables;
    const onConflict = sql`on conflict (${sql.identifier("id")}) do update set`;
    for (const entity of entityFile.items) {
      const columns = getTableColumns(entities);
      await execute(tx, sql`insert into ${entities} ${valuesOf(columns, entity)} ${onConflict} ${setOf(columns, entity)}`);
    }
    for (const metric of metricFile.items) {
      const columns = getTableColumns(metrics);
      await execute(tx, sql`insert into ${metrics} ${valuesOf(columns, metric)} ${onConflict} ${setOf(columns, metric)}`);
    }
  });
  forgetCatalog(store);
}

/**
 * Seeds only an empty database: data that analysts changed later is never overwritten. One
 * transaction holding the write lock, so of servers starting together on a new database one
 * seeds it and the others find it seeded.
 */
export function seedDefaultData(store: Store, dataDir: string): Promise<ImportReport | null> {
  return writeTransaction(store, async (tx) => {
    if ((await countObservations(tx)) > 0) return null;
    await loadCatalogFiles(tx, dataDir);
    const report = await importObservations(tx, defaultDataFiles(dataDir), { tokenName: "seed" });
    if (!report.committed) throw new RejectedDataError(`The default data in ${dataDir} has problems`, report.problems);
    return report;
  });
}
