import { getTableColumns, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { SqliteStore } from "../../../server/db/client.ts";
import { execute, rows, valuesOf } from "../../../server/db/query.ts";
import type { Figure } from "../../../server/domain/revisions.ts";
import { type FigureKey, figureLedger, type NewUpload, revisionFigure, uploadWriter } from "../../../server/services/figureLedger.ts";
import { getDataVersion } from "../../../server/services/getDataVersion.ts";
import { importObservations } from "../../../server/services/importObservations.ts";
import { TEST_DIALECT, type TempStore, tableRows, tempStore } from "../../helpers/store.ts";

let store: TempStore;
afterEach(() => store?.close());

const flow: FigureKey = { entity: "AMZN", metric: "capex", kind: "flow", period: "2025-Q3", periodEnd: "2025-09-30" };
const point: FigureKey = {
  entity: "OPENAI",
  metric: "ai_revenue_run_rate",
  kind: "point",
  period: "2025-Q2",
  periodEnd: "2025-06-09",
};
const figure = (value: number, more: Partial<Figure> = {}): Figure => ({
  period: "2025-Q3",
  periodEnd: "2025-09-30",
  fiscalLabel: "FY2025 Q3",
  value,
  unit: "USD_m",
  basis: "reported",
  source: "https://example.com/10q",
  note: null,
  ...more,
});
const runRate: Figure = { ...figure(10000), period: "2025-Q2", periodEnd: "2025-06-09", unit: "USD_m_annualized", basis: "run_rate" };

const upload = (more: Partial<NewUpload> = {}): NewUpload => ({
  kind: "upload",
  fileName: "a.csv",
  sha256: "ab".repeat(32),
  tokenName: "ana",
  createdAt: "2026-01-02T03:04:05.000Z",
  counts: { inserted: 0, updated: 0, deleted: 0, unchanged: 0 },
  report: { files: [], warnings: [], newEntities: [], newMetrics: [] },
  revertsUploadId: null,
  ...more,
});
const at = (uploadId: number, file: string | null = null, line: number | null = null) => ({
  uploadId,
  recordedAt: "2026-01-02T03:04:05.000Z",
  file,
  line,
});

/** The revisions as drizzle reads them, oldest first. */
const revisions = (s: TempStore) => tableRows(s, s.tables.observationRevisions);
const observationRows = (s: TempStore) => tableRows(s, s.tables.observations);
/** The store of a SQLite-only test. */
const sqliteStore = (s: TempStore) => s as TempStore & SqliteStore;
const idCounter = async (s: TempStore) =>
  (await rows<{ seq: number }>(s, sql`select seq from sqlite_sequence where name = 'observations'`))[0]?.seq ?? 0;

describe("figureLedger reads", () => {
  it("gives every column of an observation and a revision as drizzle's own select returns it", async () => {
    store = await tempStore();
    const ledger = figureLedger(store);
    const first = await ledger.recordUpload(upload());
    const second = await ledger.recordUpload(upload());
    await ledger.write(flow, figure(100), at(first, "a.csv", 2));
    await ledger.write(point, runRate, at(first, "a.csv", 3));
    await ledger.write(flow, figure(101, { note: "restated" }), at(second, "b.csv", 7));

    const [stored] = (await observationRows(store)).filter((row) => row.kind === "flow");
    expect(await ledger.current(flow)).toEqual(stored);
    expect(await ledger.current(point)).toEqual((await observationRows(store)).find((row) => row.kind === "point"));
    expect(await ledger.current({ ...flow, period: "2024-Q3" })).toBeUndefined();
    // Independent of drizzle too: the values as written, under the schema's property names.
    expect(stored).toEqual({ id: expect.any(Number), ...flow, ...figure(101, { note: "restated" }) });

    const [older, , newer] = await revisions(store);
    expect(await ledger.laterRevision(older!)).toEqual(newer);
    expect(await ledger.laterRevision(newer!)).toBeUndefined();
    expect(newer).toEqual({
      id: expect.any(Number),
      uploadId: second,
      identity: "AMZN|capex|2025-Q3",
      ...flow,
      ...figure(101, { note: "restated" }),
      replacesRevisionId: older!.id,
      file: "b.csv",
      line: 7,
      recordedAt: "2026-01-02T03:04:05.000Z",
    });
  });
});

describe("figureLedger.write", () => {
  it("adds, replaces, removes and adds again a figure, each revision naming the one it replaced", async () => {
    store = await tempStore();
    const ledger = figureLedger(store);
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push(await ledger.recordUpload(upload()));
    await ledger.write(flow, figure(100), at(ids[0]!, "a.csv", 2));
    expect(await observationRows(store)).toEqual([{ id: expect.any(Number), ...flow, ...figure(100) }]);
    await ledger.write(flow, figure(120, { basis: "restated", periodEnd: "2025-10-01" }), at(ids[1]!, "b.csv", 5));
    expect(await observationRows(store)).toEqual([
      { id: expect.any(Number), ...flow, ...figure(120, { basis: "restated", periodEnd: "2025-10-01" }) },
    ]);
    await ledger.write(flow, null, at(ids[2]!));
    expect(await observationRows(store)).toEqual([]);
    await ledger.write(flow, figure(90), at(ids[3]!));
    expect(await observationRows(store)).toEqual([{ id: expect.any(Number), ...flow, ...figure(90) }]);

    const chain = await revisions(store);
    expect(
      chain.map((revision) => [revision.uploadId, revision.value, revision.basis, revision.periodEnd, revision.file, revision.line]),
    ).toEqual([
      [ids[0], 100, "reported", "2025-09-30", "a.csv", 2],
      [ids[1], 120, "restated", "2025-10-01", "b.csv", 5],
      // The removal keeps the period fields of the figure it removed, and nothing else.
      [ids[2], null, null, "2025-09-30", null, null],
      [ids[3], 90, "reported", "2025-09-30", null, null],
    ]);
    expect(chain.map((revision) => revision.replacesRevisionId)).toEqual([null, chain[0]!.id, chain[1]!.id, chain[2]!.id]);
    expect(chain[2]).toMatchObject({ fiscalLabel: null, unit: null, source: null, note: null, identity: "AMZN|capex|2025-Q3" });
    expect(chain.map(revisionFigure)).toEqual([figure(100), figure(120, { basis: "restated", periodEnd: "2025-10-01" }), null, figure(90)]);
  });

  it("first records the state of a figure stored before revisions were kept", async () => {
    store = await tempStore();
    const { observations } = store.tables;
    await execute(store, sql`insert into ${observations} ${valuesOf(getTableColumns(observations), { ...point, ...runRate })}`);
    const ledger = figureLedger(store);
    const id = await ledger.recordUpload(upload());
    await ledger.write(point, { ...runRate, value: 12000 }, at(id, "a.csv", 4));
    const [earlier, revision] = await revisions(store);
    expect(earlier).toMatchObject({
      uploadId: null,
      identity: "OPENAI|ai_revenue_run_rate|2025-06-09",
      value: 10000,
      file: null,
      line: null,
    });
    expect(revision).toMatchObject({ uploadId: id, value: 12000, replacesRevisionId: earlier!.id, file: "a.csv", line: 4 });
    expect(await revisions(store)).toHaveLength(2);
  });
});

// SQLite's bulk path; PostgreSQL's is stagedUpload.ts, which importObservations.test.ts covers on both.
describe.runIf(TEST_DIALECT === "sqlite")("figureLedger.uploadWriter (SQLite)", () => {
  it("inserts new figures, returns the stored one for a figure already held, and records the added figures' places at finish", async () => {
    store = await tempStore();
    const ledger = figureLedger(store);
    const first = await ledger.recordUpload(upload());
    const writer = uploadWriter(sqliteStore(store), first, "2026-01-02T03:04:05.000Z");
    expect(writer.insert({ ...flow, ...figure(100), file: "a.csv", line: 2 })).toBeNull();
    expect(writer.insert({ ...point, ...runRate, file: "b.csv", line: 9 })).toBeNull();
    const [flowRow, pointRow] = await observationRows(store);
    expect(writer.placeOf(flowRow!.id)).toEqual({ file: "a.csv", line: 2 });
    expect(writer.placeOf(pointRow!.id)).toEqual({ file: "b.csv", line: 9 });
    // The same identity again: the stored figure back, nothing written.
    expect(writer.insert({ ...flow, ...figure(555), file: "b.csv", line: 10 })).toEqual(flowRow);
    expect(await observationRows(store)).toEqual([flowRow, pointRow]);
    expect(await revisions(store)).toEqual([]);

    writer.finish();
    expect(await revisions(store)).toEqual([
      {
        id: expect.any(Number),
        uploadId: first,
        identity: "AMZN|capex|2025-Q3",
        ...flow,
        ...figure(100),
        replacesRevisionId: null,
        file: "a.csv",
        line: 2,
        recordedAt: "2026-01-02T03:04:05.000Z",
      },
      {
        id: expect.any(Number),
        uploadId: first,
        identity: "OPENAI|ai_revenue_run_rate|2025-06-09",
        ...point,
        ...runRate,
        replacesRevisionId: null,
        file: "b.csv",
        line: 9,
        recordedAt: "2026-01-02T03:04:05.000Z",
      },
    ]);
  });

  it("places stored figures it found and new ones added after the id counter ran ahead of the stored ids", async () => {
    store = await tempStore();
    const ledger = figureLedger(store);
    const base = uploadWriter(sqliteStore(store), await ledger.recordUpload(upload()), "2026-01-01T00:00:00.000Z");
    base.insert({ ...flow, ...figure(100), file: "base.csv", line: 2 });
    base.finish();
    const [stored] = await observationRows(store);

    const second = await ledger.recordUpload(upload());
    const writer = uploadWriter(sqliteStore(store), second, "2026-01-02T03:04:05.000Z");
    // Each insert that meets the stored figure still takes an id from the counter.
    for (const line of [2, 3, 4]) expect(writer.insert({ ...flow, ...figure(100), file: "again.csv", line })).toEqual(stored);
    expect(await idCounter(store)).toBe(stored!.id + 3);
    expect(writer.placeOf(stored!.id)).toBeUndefined();
    writer.found(stored!, "again.csv", 2);
    expect(writer.placeOf(stored!.id)).toEqual({ file: "again.csv", line: 2 });

    const later = { ...flow, period: "2026-Q1", periodEnd: "2026-03-31" };
    expect(
      writer.insert({ ...later, ...figure(7, { period: later.period, periodEnd: later.periodEnd }), file: "new.csv", line: 8 }),
    ).toBeNull();
    const added = (await observationRows(store)).at(-1)!;
    expect(added.id).toBe(stored!.id + 4);
    expect(writer.placeOf(added.id)).toEqual({ file: "new.csv", line: 8 });
    expect(writer.placeOf(added.id + 1)).toBeUndefined();
    writer.finish();
    expect((await revisions(store)).filter((revision) => revision.uploadId === second)).toEqual([
      expect.objectContaining({ identity: "AMZN|capex|2026-Q1", value: 7, file: "new.csv", line: 8, replacesRevisionId: null }),
    ]);
  });

  it("replaces a stored figure with a revision of its place, and an added figure that was removed names the removal", async () => {
    store = await tempStore();
    const ledger = figureLedger(store);
    const first = await ledger.recordUpload(upload());
    await ledger.write(flow, figure(100), at(first, "a.csv", 2));
    await ledger.write(point, runRate, at(first, "a.csv", 3));
    await ledger.write(point, null, at(await ledger.recordUpload(upload())));
    const [flowRevision, , removal] = await revisions(store);

    const third = await ledger.recordUpload(upload());
    const writer = uploadWriter(sqliteStore(store), third, "2026-01-03T00:00:00.000Z");
    const stored = writer.insert({ ...flow, ...figure(130), file: "c.csv", line: 2 });
    expect(stored).not.toBeNull();
    writer.found(stored!, "c.csv", 2);
    writer.replace(flow, stored!, figure(130), "c.csv", 2);
    expect(writer.insert({ ...point, ...runRate, value: 11000, file: "c.csv", line: 3 })).toBeNull();
    writer.finish();

    expect(await ledger.current(flow)).toMatchObject({ id: stored!.id, value: 130 });
    expect((await revisions(store)).filter((revision) => revision.uploadId === third)).toEqual([
      expect.objectContaining({ identity: "AMZN|capex|2025-Q3", value: 130, replacesRevisionId: flowRevision!.id, file: "c.csv", line: 2 }),
      expect.objectContaining({
        identity: "OPENAI|ai_revenue_run_rate|2025-06-09",
        value: 11000,
        replacesRevisionId: removal!.id,
        file: "c.csv",
        line: 3,
      }),
    ]);
  });
});

describe("figureLedger.changesOf", () => {
  it("lists an entry's revisions in the order written, each with the figure it replaced", async () => {
    store = await tempStore();
    const ledger = figureLedger(store);
    const first = await ledger.recordUpload(upload());
    await ledger.write(flow, figure(100), at(first, "a.csv", 2));
    // Added first, replaced second: the replacement's revision is written first, the addition's with the others at the end.
    const { uploadId: second } = await importObservations(
      store,
      [
        {
          name: "b.csv",
          text: [
            "entity,metric,period,period_end,fiscal_label,value,unit,basis,source",
            "OPENAI,ai_revenue_run_rate,2025-Q2,2025-06-09,FY2025 Q3,10000,USD_m_annualized,run_rate,https://example.com/10q",
            "AMZN,capex,2025-Q3,2025-09-30,FY2025 Q3,110,USD_m,reported,https://example.com/10q",
          ].join("\n"),
        },
      ],
      { tokenName: "ana" },
    );
    const removal = await ledger.recordUpload(upload({ kind: "revert", fileName: null, sha256: null }));
    await ledger.write(point, null, at(removal));

    expect((await ledger.changesOf(second!)).map(({ change }) => change)).toEqual([
      { entity: "AMZN", metric: "capex", kind: "flow", file: "b.csv", line: 3, before: figure(100), after: figure(110) },
      { entity: "OPENAI", metric: "ai_revenue_run_rate", kind: "point", file: "b.csv", line: 2, before: null, after: runRate },
    ]);
    expect((await ledger.changesOf(removal)).map(({ change }) => change)).toEqual([
      { entity: "OPENAI", metric: "ai_revenue_run_rate", kind: "point", before: runRate, after: null },
    ]);
    const [revision] = (await ledger.changesOf(removal)).map((entry) => entry.revision);
    expect(revision).toEqual((await revisions(store)).find((row) => row.uploadId === removal));
    expect(await ledger.changesOf(removal + 1)).toEqual([]);
  });
});

describe("figureLedger upload entries and data version", () => {
  it("records an upload entry, then its counts and report", async () => {
    store = await tempStore();
    const ledger = figureLedger(store);
    const id = await ledger.recordUpload(upload());
    const revert = await ledger.recordUpload(upload({ kind: "revert", fileName: null, sha256: null, revertsUploadId: id }));
    expect(revert).toBe(id + 1);
    const report = {
      files: [{ name: "a.csv", sha256: "ab".repeat(32), layout: "long" as const, delimiter: "comma" as const, rows: 3 }],
      warnings: [{ file: "a.csv", line: 2, column: "source", value: "", message: "no source given" }],
      newEntities: ["ORCL"],
      newMetrics: [],
    };
    await ledger.finishUpload(id, { inserted: 2, updated: 1, deleted: 0, unchanged: 4 }, report);
    expect(await tableRows(store, store.tables.uploads)).toEqual([
      {
        id,
        kind: "upload",
        fileName: "a.csv",
        sha256: "ab".repeat(32),
        tokenName: "ana",
        createdAt: "2026-01-02T03:04:05.000Z",
        inserted: 2,
        updated: 1,
        deleted: 0,
        unchanged: 4,
        report,
        revertsUploadId: null,
        revertedByUploadId: null,
      },
      expect.objectContaining({ id: revert, kind: "revert", fileName: null, revertsUploadId: id, inserted: 0 }),
    ]);
  });

  it("starts the data version at 1 and moves it by one with each bump, with the time", async () => {
    store = await tempStore();
    const ledger = figureLedger(store);
    const version = async () => (await getDataVersion(store)).version;
    expect(await version()).toBe(0);
    await ledger.bumpVersion("2026-01-01T00:00:00.000Z");
    expect(await version()).toBe(1);
    await ledger.bumpVersion("2026-01-02T00:00:00.000Z");
    expect(await version()).toBe(2);
    expect(await tableRows(store, store.tables.dataVersion)).toEqual([{ id: 1, version: 2, changedAt: "2026-01-02T00:00:00.000Z" }]);
  });
});
