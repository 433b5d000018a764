// Temporary SQLite files for tests: a real database on disk, migrated like the server's.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { openStore, type Store } from "../../server/db/client.ts";
import { createToken } from "../../server/services/createToken.ts";
import { loadCatalogFiles, seedDefaultData } from "../../server/services/seedDefaultData.ts";

export const FIXTURES = fileURLToPath(new URL("../fixtures", import.meta.url));
export const DATA_DIR = fileURLToPath(new URL("../../data", import.meta.url));

export const fixture = (name: string) => ({ name, text: readFileSync(join(FIXTURES, name), "utf8") });

export interface TempStore extends Store {
  path: string;
  close(): void;
}

/** A migrated database in a fresh folder: empty, with the fixture catalogs, or with the default data. */
export function tempStore(contents: "empty" | "fixture-catalog" | "default-data" = "fixture-catalog"): TempStore {
  const dir = mkdtempSync(join(tmpdir(), "capex-test-"));
  const path = join(dir, "capex.db");
  const store = openStore(path);
  if (contents === "fixture-catalog") loadCatalogFiles(store, FIXTURES);
  if (contents === "default-data") seedDefaultData(store, DATA_DIR);
  return {
    ...store,
    path,
    close: () => {
      if (store.sqlite.open) store.sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A SHA-256 over every row of every table: equal before and after means nothing was written.
 * `ignoreTimes` blanks the `..._at` columns, so two runs of the same import, which differ only in
 * when they ran, give the same checksum.
 */
export function checksumRows({ sqlite }: Pick<Store, "sqlite">, { ignoreTimes = false } = {}): string {
  const hash = createHash("sha256");
  const tables = sqlite.prepare<[], { name: string }>("select name from sqlite_master where type = 'table' order by name").all();
  for (const { name } of tables) {
    hash.update(`${name}\n`);
    const select = sqlite.prepare(`select * from "${name}" order by rowid`).raw();
    const times = ignoreTimes ? select.columns().flatMap((column, index) => (column.name.endsWith("_at") ? [index] : [])) : [];
    for (const row of select.all() as unknown[][]) {
      for (const index of times) row[index] = "(time)";
      hash.update(`${JSON.stringify(row)}\n`);
    }
  }
  return hash.digest("hex");
}

/** An analyst and a viewer token, as `Authorization` headers. */
export function bearerTokens(store: Store) {
  const header = (token: string) => ({ Authorization: `Bearer ${token}` });
  return {
    analyst: header(createToken(store, { name: "analyst-test", role: "analyst" }).token),
    viewer: header(createToken(store, { name: "viewer-test", role: "viewer" }).token),
  };
}

const CATALOGS = ["entities.csv", "metrics.csv"] as const;

/** One file of data/ parsed with papaparse, independent of the import path. */
const dataCsv = (name: string) =>
  Papa.parse<Record<string, string>>(readFileSync(join(DATA_DIR, name), "utf8"), { header: true, skipEmptyLines: true }).data;

/** The default data's observation rows read straight from data/*.csv. */
export function defaultDataRows(): Record<string, string>[] {
  return readdirSync(DATA_DIR)
    .filter((name) => name.endsWith(".csv") && !(CATALOGS as readonly string[]).includes(name))
    .flatMap(dataCsv);
}

/** A hyperscaler's capex in a quarter of the default data, read from the CSVs (NaN when it has none). */
export function defaultCapex(entity: string, period: string): number {
  defaultRows ??= defaultDataRows();
  return Number(defaultRows.find((r) => r.entity === entity && r.metric === "capex" && r.period === period)?.value);
}
let defaultRows: Record<string, string>[] | undefined;

/** The four hyperscalers' capex summed over `quarters`, each quarter's figure from `value`: a capex TTM by hand. */
export function capexTtmByHand(quarters: readonly string[], value: (entity: string, period: string) => number = defaultCapex): number {
  return ["MSFT", "GOOGL", "AMZN", "META"].reduce((sum, entity) => sum + quarters.reduce((s, q) => s + value(entity, q), 0), 0);
}

/** The rows of data/entities.csv or data/metrics.csv, read straight from the file. */
export const defaultCatalogRows = (name: (typeof CATALOGS)[number]) => dataCsv(name);

/** Every quarter from `first` to `last` (both "YYYY-Qn"), both included. */
export function quartersBetween(first: string, last: string): string[] {
  const index = (quarter: string) => Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(6)) - 1;
  return Array.from({ length: Math.max(0, index(last) - index(first) + 1) }, (_, i) => {
    const q = index(first) + i;
    return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
  });
}
