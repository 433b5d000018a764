// One upload entry with what it did: files, warnings, every change with old and new values.
import { eq } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { uploads } from "../db/schema.ts";
import { NotFoundError } from "../errors.ts";

export type UploadDetail = typeof uploads.$inferSelect;

export function getUpload({ db }: Store, id: number): UploadDetail {
  const upload = db.select().from(uploads).where(eq(uploads.id, id)).get();
  if (!upload) throw new NotFoundError(`No upload ${id}`);
  return upload;
}
