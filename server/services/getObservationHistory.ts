// Every revision of one figure, oldest first, each with the upload that made it. For a
// point-in-time metric the period holds several dated figures: all of their revisions are listed.
import { and, eq, getTableColumns } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { observationRevisions, uploads } from "../db/schema.ts";
import { NotFoundError } from "../errors.ts";

export interface HistoryQuery {
  entity: string;
  metric: string;
  period: string;
}

export function getObservationHistory({ db }: Store, query: HistoryQuery) {
  const revision = observationRevisions;
  const revisions = db
    .select({ ...getTableColumns(revision), uploadKind: uploads.kind, fileName: uploads.fileName, tokenName: uploads.tokenName })
    .from(revision)
    .leftJoin(uploads, eq(uploads.id, revision.uploadId))
    .where(and(eq(revision.entity, query.entity), eq(revision.metric, query.metric), eq(revision.period, query.period)))
    .orderBy(revision.periodEnd, revision.id)
    .all();
  if (revisions.length === 0) throw new NotFoundError(`No revision of ${query.entity} ${query.metric} ${query.period} has been recorded`);
  return { ...query, revisions };
}
