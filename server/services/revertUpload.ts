// Undo an upload entry: every figure it touched goes back to the revision it replaced, or is
// removed if the entry added it, in one transaction recorded as a "revert" entry of its own (so a
// revert can be reverted too). Figures changed again since then make it a conflict: reverting
// over a later upload would silently discard that upload.
import { eq } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { entities, metrics, observations, uploads } from "../db/schema.ts";
import { newEntity, newMetric } from "../domain/catalog.ts";
import type { FigureChange } from "../domain/revisions.ts";
import { ConflictError } from "../errors.ts";
import { figureLedger } from "./figureLedger.ts";
import { findUpload, getUpload, type UploadDetail } from "./getUpload.ts";
import { loadCatalog } from "./loadCatalog.ts";

export function revertUpload(store: Store, uploadId: number, { tokenName }: { tokenName: string }): UploadDetail {
  const { sqlite, db } = store;
  const ledger = figureLedger(sqlite);

  return sqlite
    .transaction(() => {
      const target = findUpload(store, uploadId);
      if (target.revertedByUploadId !== null) {
        throw new ConflictError(`Upload ${uploadId} was already reverted by upload ${target.revertedByUploadId}`);
      }
      const changes: FigureChange[] = [];
      const conflicts: { entity: string; metric: string; period: string; periodEnd: string; changedByUploadId: number | null }[] = [];
      for (const { revision, change } of ledger.changesOf(uploadId)) {
        const latest = ledger.latestRevision(revision)!;
        if (latest.id === revision.id) {
          changes.push({ entity: change.entity, metric: change.metric, kind: change.kind, before: change.after, after: change.before });
        } else {
          conflicts.push({
            entity: revision.entity,
            metric: revision.metric,
            period: revision.period,
            periodEnd: revision.periodEnd,
            changedByUploadId: latest.uploadId,
          });
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
      const restored = changes.filter((change) => change.after !== null);
      const catalog = loadCatalog(store);
      const newEntities = [...new Set(restored.map((change) => change.entity))].filter((id) => !catalog.entities.has(id));
      const newMetrics = [...new Map(restored.map((change) => [change.metric, change.after!.unit])).entries()].filter(
        ([id]) => !catalog.metrics.has(id),
      );
      for (const id of newEntities) db.insert(entities).values(newEntity(id)).run();
      for (const [id, unit] of newMetrics) db.insert(metrics).values(newMetric(id, unit)).run();

      const now = new Date().toISOString();
      const count = (test: (change: FigureChange) => boolean) => changes.filter(test).length;
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
      for (const change of changes) ledger.write(change, revertId, now);
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
