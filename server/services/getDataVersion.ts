// Which state of the data a reader sees: 0 before anything was imported.
import type { Store } from "../db/client.ts";
import { dataVersion } from "../db/schema.ts";

export interface DataVersion {
  version: number;
  changedAt: string | null;
}

export function getDataVersion({ db }: Store): DataVersion {
  const row = db.select().from(dataVersion).get();
  return { version: row?.version ?? 0, changedAt: row?.changedAt ?? null };
}
