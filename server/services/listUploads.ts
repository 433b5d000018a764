// The history of uploads, newest first: who committed which file when, and how much it changed.
import { getTableColumns, sql } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { select } from "../db/query.ts";

export function listUploads(store: Store) {
  const { uploads } = store.tables;
  const { report: _report, ...summaryColumns } = getTableColumns(uploads);
  return select(store, summaryColumns, sql`from ${uploads} order by ${uploads.id} desc`);
}
