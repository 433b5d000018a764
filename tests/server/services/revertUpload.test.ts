import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { execute, rows } from "../../../server/db/query.ts";
import { ConflictError, NotFoundError } from "../../../server/errors.ts";
import { getDataVersion } from "../../../server/services/getDataVersion.ts";
import { getObservationHistory } from "../../../server/services/getObservationHistory.ts";
import { importObservations } from "../../../server/services/importObservations.ts";
import { listObservations } from "../../../server/services/listObservations.ts";
import { loadCatalog } from "../../../server/services/loadCatalog.ts";
import { revertUpload } from "../../../server/services/revertUpload.ts";
import { type TempStore, tempStore } from "../../helpers/store.ts";

const csv = (name: string, ...rows: string[]) => ({ name, text: ["entity,metric,period,value,unit,basis,source", ...rows].join("\n") });
const by = { tokenName: "test" };
/** The upload that introduces the metric rpo declares it new, as an analyst confirms one. */
const withRpo = { ...by, confirmNewMetrics: ["rpo"] };

let store: TempStore;
afterEach(() => store?.close());

/** The current observations and the latest revision of each, as plain data. */
async function state(s: TempStore) {
  return {
    observations: await await listObservations(s, {}),
    catalog: await loadCatalog(s),
    latestRevisions: await rows(
      s,
      sql`select identity, value, basis, source, period_end from observation_revisions r
         where id = (select max(id) from observation_revisions where identity = r.identity) and value is not null order by identity`,
    ),
  };
}

describe("revertUpload", () => {
  it("gives back exactly the earlier values, catalog and latest revisions after a commit", async () => {
    store = await tempStore();
    await importObservations(
      store,
      [csv("base.csv", "AMZN,capex,2025-Q2,100,USD_m,reported,x", "MSFT,capex,2025-Q2,200,USD_m,reported,x")],
      by,
    );
    const before = await state(store);
    const upload = await importObservations(
      store,
      [
        csv(
          "season.csv",
          "AMZN,capex,2025-Q2,105,USD_m,restated,y",
          "MSFT,capex,2025-Q3,210,USD_m,reported,y",
          "ORCL,rpo,2025-Q3,455000,USD_m,reported,y",
        ),
      ],
      withRpo,
    );
    expect(upload).toMatchObject({ inserted: 2, updated: 1 });

    const revert = await revertUpload(store, upload.uploadId!, { tokenName: "undoer" });
    expect(revert).toMatchObject({
      kind: "revert",
      revertsUploadId: upload.uploadId,
      tokenName: "undoer",
      inserted: 0,
      updated: 1,
      deleted: 2,
    });
    expect(await state(store)).toEqual(before);
    expect((await getDataVersion(store)).version).toBe(3);
    expect(
      (await getObservationHistory(store, { entity: "AMZN", metric: "capex", period: "2025-Q2" })).revisions.map((r) => [
        r.uploadKind,
        r.value,
        r.basis,
      ]),
    ).toEqual([
      ["upload", 100, "reported"],
      ["upload", 105, "restated"],
      ["revert", 100, "reported"],
    ]);
  });

  it("can itself be reverted, bringing the upload's figures and catalog rows back", async () => {
    store = await tempStore();
    const upload = await importObservations(store, [csv("new.csv", "ORCL,rpo,2025-Q3,455000,USD_m,reported,y")], withRpo);
    const after = await state(store);
    const revert = await revertUpload(store, upload.uploadId!, by);
    expect((await loadCatalog(store)).entities.has("ORCL")).toBe(false);
    const redo = await revertUpload(store, revert.id, by);
    expect(redo).toMatchObject({
      inserted: 1,
      revertsUploadId: revert.id,
      report: expect.objectContaining({ newEntities: ["ORCL"], newMetrics: ["rpo"] }),
    });
    expect(await state(store)).toEqual(after);
  });

  it("links a figure uploaded again after a revert removed it to the removal, in its history", async () => {
    store = await tempStore();
    const upload = await importObservations(
      store,
      [csv("new.csv", "MSFT,capex,2025-Q3,210,USD_m,reported,y", "MSFT,capex,2025-Q4,220,USD_m,reported,y")],
      by,
    );
    await revertUpload(store, upload.uploadId!, by);
    const again = await importObservations(
      store,
      [csv("again.csv", "MSFT,capex,2025-Q3,211,USD_m,restated,z", "MSFT,capex,2026-Q1,230,USD_m,reported,z")],
      by,
    );
    expect(again).toMatchObject({ committed: true, inserted: 2, updated: 0 });
    const chain = (period: string) =>
      rows<{ id: number; value: number | null; replaces: number | null }>(
        store,
        sql`select id, value, replaces_revision_id as replaces from observation_revisions where identity = ${`MSFT|capex|${period}`} order by id`,
      );
    const [added, removed, readded] = await chain("2025-Q3");
    expect([added!.value, removed!.value, readded!.value]).toEqual([210, null, 211]);
    expect([added!.replaces, removed!.replaces, readded!.replaces]).toEqual([null, added!.id, removed!.id]);
    expect(await chain("2026-Q1")).toEqual([expect.objectContaining({ value: 230, replaces: null })]);
  });

  it("refuses to revert an upload whose figures a later upload changed, naming them", async () => {
    store = await tempStore();
    const first = await importObservations(store, [csv("a.csv", "AMZN,capex,2025-Q2,100,USD_m,reported,x")], by);
    const second = await importObservations(store, [csv("b.csv", "AMZN,capex,2025-Q2,101,USD_m,reported,x")], by);
    const before = await state(store);
    const error = await revertUpload(store, first.uploadId!, by).then(
      () => undefined,
      (thrown: unknown) => thrown as ConflictError,
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error!.message).toBe(
      `1 figure(s) of upload ${first.uploadId} were changed since by upload ${second.uploadId}: revert that first`,
    );
    expect(error!.details).toEqual([
      { entity: "AMZN", metric: "capex", period: "2025-Q2", periodEnd: "2025-06-30", changedByUploadId: second.uploadId },
    ]);
    expect(await state(store)).toEqual(before);
  });

  it("refuses an upload already reverted, and one that does not exist", async () => {
    store = await tempStore();
    const upload = await importObservations(store, [csv("a.csv", "AMZN,capex,2025-Q2,100,USD_m,reported,x")], by);
    await revertUpload(store, upload.uploadId!, by);
    await expect(revertUpload(store, upload.uploadId!, by)).rejects.toThrow(/already reverted/);
    await expect(revertUpload(store, 99, by)).rejects.toThrow(NotFoundError);
  });

  it("restores a figure stored before revisions were kept", async () => {
    store = await tempStore();
    await execute(
      store,
      sql`insert into observations (entity, metric, kind, period, period_end, value, unit, basis, source) values ('AMZN', 'capex', 'flow', '2025-Q2', '2025-06-30', 100, 'USD_m', 'reported', 'x')`,
    );
    const before = await listObservations(store, {});
    const upload = await importObservations(store, [csv("a.csv", "AMZN,capex,2025-Q2,120,USD_m,reported,x")], by);
    await revertUpload(store, upload.uploadId!, by);
    expect(await listObservations(store, {})).toEqual(before);
    expect(
      (await getObservationHistory(store, { entity: "AMZN", metric: "capex", period: "2025-Q2" })).revisions.map((r) => [
        r.uploadId === null,
        r.value,
      ]),
    ).toEqual([
      [true, 100],
      [false, 120],
      [false, 100],
    ]);
  });
});
