// Undo an upload entry: every figure it touched goes back to the revision it replaced, or is
// removed if the entry added it, in one transaction recorded as a "revert" entry of its own (so a
// revert can be reverted too). Figures changed again since then make it a conflict: reverting
// over a later upload would silently discard that upload.
import { eq, getTableColumns, sql } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { execute, selectOne, valuesOf, writeTransaction } from "../db/query.ts";
import { newEntity, newMetric } from "../domain/catalog.ts";
import type { Figure } from "../domain/revisions.ts";
import { ConflictError } from "../errors.ts";
import { figureLedger, type Revision } from "./figureLedger.ts";
import { findUpload, getUpload, type UploadDetail } from "./getUpload.ts";
import { loadCatalog } from "./loadCatalog.ts";

export function revertUpload(store: Store, uploadId: number, { tokenName }: { tokenName: string }): Promise<UploadDetail> {
  return writeTransaction(store, async (tx) => {
    const { entities, metrics, observations, uploads } = tx.tables;
    const ledger = figureLedger(tx);
    const target = await findUpload(tx, uploadId);
    if (target.revertedByUploadId !== null) {
      throw new ConflictError(`Upload ${uploadId} was already reverted by upload ${target.revertedByUploadId}`);
    }
    const reverts: { key: Revision; before: Figure | null; after: Figure | null }[] = [];
    const conflicts: { entity: string; metric: string; period: string; periodEnd: string; changedByUploadId: number | null }[] = [];
    for (const { revision, change } of await ledger.changesOf(uploadId)) {
      const later = await ledger.laterRevision(revision);
      if (later) {
        const { entity, metric, period, periodEnd } = revision;
        conflicts.push({ entity, metric, period, periodEnd, changedByUploadId: later.uploadId });
      } else {
        reverts.push({ key: revision, before: change.after, after: change.before });
      }
    }
    if (conflicts.length > 0) {
      const later = [...new Set(conflicts.map((conflict) => conflict.changedByUploadId))].join(", ");
      throw new ConflictError(
        `${conflicts.length} figure(s) of upload ${uploadId} were changed since by upload ${later}: revert that first`,
        conflicts,
      );
    }

    // Figures coming back may need catalog rows an earlier revert removed.
    const restored = reverts.flatMap(({ key, after }) => (after ? [{ entity: key.entity, metric: key.metric, unit: after.unit }] : []));
    const catalog = await loadCatalog(tx);
    const newEntities = [...new Set(restored.map((figure) => figure.entity))].filter((id) => !catalog.entities.has(id));
    const newMetrics = [...new Map(restored.map((figure) => [figure.metric, figure.unit])).entries()].filter(
      ([id]) => !catalog.metrics.has(id),
    );
    for (const id of newEntities) await execute(tx, sql`insert into ${entities} ${valuesOf(getTableColumns(entities), newEntity(id))}`);
    for (const [id, unit] of newMetrics)
      await execute(tx, sql`insert into ${metrics} ${valuesOf(getTableColumns(metrics), newMetric(id, unit))}`);

    const now = new Date().toISOString();
    const count = (test: (revert: (typeof reverts)[number]) => boolean) => reverts.filter(test).length;
    const revertId = await ledger.recordUpload({
      kind: "revert",
      fileName: null,
      sha256: null,
      tokenName,
      createdAt: now,
      counts: {
        inserted: count((change) => change.before === null),
        updated: count((change) => change.before !== null && change.after !== null),
        deleted: count((change) => change.after === null),
        unchanged: 0,
      },
      report: { files: [], warnings: [], newEntities, newMetrics: newMetrics.map(([id]) => id) },
      revertsUploadId: uploadId,
    });
    await execute(
      tx,
      sql`update ${uploads} set ${sql.identifier(uploads.revertedByUploadId.name)} = ${revertId} where ${eq(uploads.id, uploadId)}`,
    );
    for (const { key, after } of reverts) await ledger.write(key, after, { uploadId: revertId, recordedAt: now, file: null, line: null });
    await ledger.bumpVersion(now);

    // Catalog rows the reverted entry introduced go with their last figure.
    const unused = (column: typeof observations.entity | typeof observations.metric, id: string) =>
      selectOne(tx, { id: observations.id }, sql`from ${observations} where ${eq(column, id)} limit 1`).then((row) => row === undefined);
    for (const id of target.report.newEntities) {
      if (await unused(observations.entity, id)) await execute(tx, sql`delete from ${entities} where ${eq(entities.id, id)}`);
    }
    for (const id of target.report.newMetrics) {
      if (await unused(observations.metric, id)) await execute(tx, sql`delete from ${metrics} where ${eq(metrics.id, id)}`);
    }
    return getUpload(tx, revertId);
  });
}
