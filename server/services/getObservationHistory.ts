// Every revision of one figure, oldest first, each with the upload that made it. For a
// point-in-time metric the period holds several dated figures: all of their revisions are listed.
import type { Store } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { REVISION_COLUMNS, type Revision } from "./figureLedger.ts";

export interface HistoryQuery {
  entity: string;
  metric: string;
  period: string;
}

export interface HistoryEntry extends Revision {
  uploadKind: "upload" | "revert" | null;
  fileName: string | null;
  tokenName: string | null;
}

export function getObservationHistory({ sqlite }: Store, query: HistoryQuery) {
  const revisions = sqlite
    .prepare<HistoryQuery, HistoryEntry>(
      `select revision.*, upload.kind as uploadKind, upload.file_name as fileName, upload.token_name as tokenName
       from (select ${REVISION_COLUMNS} from observation_revisions where entity = @entity and metric = @metric and period = @period) revision
       left join uploads upload on upload.id = revision.uploadId
       order by revision.periodEnd, revision.id`,
    )
    .all(query);
  if (revisions.length === 0) throw new NotFoundError(`No revision of ${query.entity} ${query.metric} ${query.period} has been recorded`);
  return { ...query, revisions };
}
