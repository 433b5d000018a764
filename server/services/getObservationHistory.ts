// Every revision of one figure, oldest first, each with the upload that made it. For a
// point-in-time metric the period holds several dated figures: all of their revisions are listed.
import { and, eq, getTableColumns, sql } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { select } from "../db/query.ts";
import { NotFoundError } from "../errors.ts";

export interface HistoryQuery {
  entity: string;
  metric: string;
  period: string;
}

export async function getObservationHistory(store: Store, query: HistoryQuery) {
  const { observationRevisions: revision, uploads } = store.tables;
  const revisions = await select(
    store,
    { ...getTableColumns(revision), uploadKind: uploads.kind, fileName: uploads.fileName, tokenName: uploads.tokenName },
    sql`from ${revision} left join ${uploads} on ${eq(uploads.id, revision.uploadId)}
      where ${and(eq(revision.entity, query.entity), eq(revision.metric, query.metric), eq(revision.period, query.period))}
      order by ${revision.periodEnd}, ${revision.id}`,
  );
  if (revisions.length === 0) throw new NotFoundError(`No revision of ${query.entity} ${query.metric} ${query.period} has been recorded`);
  return { ...query, revisions };
}
