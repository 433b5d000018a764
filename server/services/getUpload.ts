// One upload entry with what it did: files, warnings, and every change with its old and new
// figure, read from the revisions it wrote.
import { eq } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { uploads, type UploadRecord } from "../db/schema.ts";
import type { FigureChange } from "../domain/revisions.ts";
import { NotFoundError } from "../errors.ts";
import { figureLedger } from "./figureLedger.ts";

export interface UploadDetail extends Omit<typeof uploads.$inferSelect, "report"> {
  report: UploadRecord & { changes: FigureChange[] };
}

export function getUpload({ db, sqlite }: Store, id: number): UploadDetail {
  const upload = db.select().from(uploads).where(eq(uploads.id, id)).get();
  if (!upload) throw new NotFoundError(`No upload ${id}`);
  const changes = figureLedger(sqlite).changesOf(id).map(({ change }) => change);
  return { ...upload, report: { ...upload.report, changes } };
}
