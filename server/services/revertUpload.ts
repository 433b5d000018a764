// Undo an upload entry: every figure it touched goes back to the revision it replaced, or is
// removed if the entry added it, in one transaction recorded as a "revert" entry of its own (so a
// revert can be reverted too). Figures changed again since then make it a conflict: reverting
// over a later upload would silently discard that upload.
import { eq } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { entities, metrics, observations, uploads } from "../db/schema.ts";
import { newEntity, newMetric } from "../domain/catalog.ts";
import type { Figure } from "../domain/revisions.ts";
import { ConflictError } from "../errors.ts";
import { figureLedger, type Revision } from "./figureLedger.ts";
import { findUpload, getUpload, type UploadDetail } from "./getUpload.ts";
import { loadCatalog } from "./loadCatalog.ts";

export function revertUpload(store: Store, uploadId: number, { tokenName }: { tokenName: string }): UploadDetail {
  const { sqlite, db } = store;
  const ledger = figureLedger(store);

  return sqlite
    .transaction(() => {
      const target = findUpload(store, uploadId);
      if (target.revertedByUploadId !== null) {
        throw new ConflictError(`Upload ${uploadId} was already reverted by upload ${target.revertedByUploadId}`);
      }
      const reverts: { key: Revision; before: Figure | null; after: Figure | null }[] = [];
      const conflicts: { entity: string; metric: string; period: string; periodEnd: string; changedByUploadId: number | null }[] = [];
      for (const { revision, change } of ledger.changesOf(uploadId)) {
        const later = ledger.laterRevision(revision);
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
      const catalog = loadCatalog(store);
      const newEntities = [...new Set(restored.map((figure) => figure.entity))].filter((id) => !catalog.entities.has(id));
      const newMetrics = [...new Map(restored.map((figure) => [figure.metric, figure.unit])).entries()].filter(
        ([id]) => !catalog.metrics.has(id),
      );
      for (const id of newEntities) db.insert(entities).values(newEntity(id)).run();
      for (const [id, unit] of newMetrics) db.insert(metrics).values(newMetric(id, unit)).run();

      const now = new Date().toISOString();
      const count = (test: (revert: (typeof reverts)[number]) => boolean) => reverts.filter(test).length;
      const revertId = ledger.recordUpload({
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
      db.update(uploads).set({ revertedByUploadId: revertId }).where(eq(uploads.id, uploadId)).run();
      for (const { key, after } of reverts) ledger.write(key, after, { uploadId: revertId, recordedAt: now, file: null, line: null });
      ledger.bumpVersion(now);

      // Catalog rows the reverted entry introduced go with their last figure.
      for (const id of target.report.newEntities) {
        if (!db.select().from(observations).where(eq(observations.entity, id)).get()) db.delete(entities).where(eq(entities.id, id)).run();
      }
      for (const id of target.report.newMetrics) {
        if (!db.select().from(observations).where(eq(observations.metric, id)).get()) db.delete(metrics).where(eq(metrics.id, id)).run();
      }
      return getUpload(store, revertId);
    })
    .immediate();
}
