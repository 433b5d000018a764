// The history of uploads, newest first: who committed which file when, and how much it changed.
import { desc, getTableColumns } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { uploads } from "../db/schema.ts";

const { report: _report, ...summaryColumns } = getTableColumns(uploads);

export function listUploads({ db }: Store) {
  return db.select(summaryColumns).from(uploads).orderBy(desc(uploads.id)).all();
}
