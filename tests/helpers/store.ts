// Temporary SQLite files for tests: a real database on disk, migrated like the server's.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openStore, type Store } from "../../server/db/client.ts";
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
