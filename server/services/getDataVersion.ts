// Which state of the data a reader sees: 0 before anything was imported.
import { sql } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { selectOne } from "../db/query.ts";

export interface DataVersion {
  version: number;
  changedAt: string | null;
}

export async function getDataVersion(store: Store): Promise<DataVersion> {
  const { dataVersion } = store.tables;
  const row = await selectOne(store, { version: dataVersion.version, changedAt: dataVersion.changedAt }, sql`from ${dataVersion}`);
  return { version: row?.version ?? 0, changedAt: row?.changedAt ?? null };
}
