// One upload entry with what it did: files, warnings, and every change with its old and new
// figure, read from the revisions it wrote.
import { eq, getTableColumns, sql } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { readSnapshot, selectOne } from "../db/query.ts";
import type { UploadRecord, uploads } from "../db/schema.ts";
import type { FigureChange } from "../domain/revisions.ts";
import { NotFoundError } from "../errors.ts";
import { figureLedger } from "./figureLedger.ts";

export interface UploadDetail extends Omit<typeof uploads.$inferSelect, "report"> {
  report: UploadRecord & { changes: FigureChange[] };
}

/** The entry alone, without reading its changes. */
export async function findUpload(store: Store, id: number) {
  const { uploads } = store.tables;
  const upload = await selectOne(store, getTableColumns(uploads), sql`from ${uploads} where ${eq(uploads.id, id)}`);
  if (!upload) throw new NotFoundError(`No upload ${id}`);
  return upload;
}

/** The entry and its changes, read from one state of the data. */
export function getUpload(store: Store, id: number): Promise<UploadDetail> {
  return readSnapshot(store, async (snapshot) => {
    const upload = await findUpload(snapshot, id);
    const changes = (await figureLedger(snapshot).changesOf(id)).map(({ change }) => change);
    // By file and line, as the upload's preview listed them (but for the several figures of one
    // wide row): the revisions of added figures are written after those of changed ones. A
    // revert's changes, with no file, keep their order.
    const fileOrder = new Map(upload.report.files.map((file, index) => [file.name, index]));
    changes.sort((a, b) => (fileOrder.get(a.file ?? "") ?? 0) - (fileOrder.get(b.file ?? "") ?? 0) || (a.line ?? 0) - (b.line ?? 0));
    return { ...upload, report: { ...upload.report, changes } };
  });
}
