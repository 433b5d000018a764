import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { LocatedObservation } from "../../../server/csv/observationCsv.ts";
import { openStore } from "../../../server/db/client.ts";
import { entities, observationRevisions, observations, uploads } from "../../../server/db/schema.ts";
import { newEntity, observationIdentity } from "../../../server/domain/catalog.ts";
import { figureOf } from "../../../server/domain/revisions.ts";
import { figureLedger } from "../../../server/services/figureLedger.ts";
import { getDataVersion } from "../../../server/services/getDataVersion.ts";
import { getUpload } from "../../../server/services/getUpload.ts";
import {
  commitUpload,
  importObservations,
  newReport,
  observationWriter,
  openUpload,
  shouldCommit,
} from "../../../server/services/importObservations.ts";
import { listObservations } from "../../../server/services/listObservations.ts";
import { loadCatalog } from "../../../server/services/loadCatalog.ts";
import { checksumRows, fixture, type TempStore, tempStore } from "../../helpers/store.ts";

const csv = (name: string, ...rows: string[]) => ({ name, text: ["entity,metric,period,value,unit,basis,source", ...rows].join("\n") });

let store: TempStore;
afterEach(() => store?.close());

/** The database file's bytes after every committed page is back in it (WAL checkpoint). */
function fileHash(s: TempStore): string {
  s.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  return createHash("sha256").update(readFileSync(s.path)).digest("hex");
}

describe("importObservations", () => {
  it("inserts every row of a valid file and bumps the data version once", () => {
    store = tempStore();
    const report = importObservations(store, [fixture("good.csv")], { tokenName: "test" });
    expect(report).toMatchObject({ committed: true, inserted: 7, updated: 0, unchanged: 0, rejected: 0, dataVersion: 1 });
    expect(listObservations(store, {})).toHaveLength(7);
  });

  it("changes nothing when the same file is imported twice: no row, revision, upload entry or data version", () => {
    store = tempStore();
    importObservations(store, [fixture("good.csv")], { tokenName: "test" });
    const before = checksumRows(store);
    const report = importObservations(store, [fixture("good.csv")], { tokenName: "test" });
    expect(report).toMatchObject({ committed: true, uploadId: null, inserted: 0, updated: 0, unchanged: 7, changes: [], dataVersion: 1 });
    expect(checksumRows(store)).toBe(before);
  });

  it("records a commit as one upload entry and each change as a revision naming what it replaced", () => {
    store = tempStore();
    const first = importObservations(
      store,
      [csv("a.csv", "AMZN,capex,2025-Q2,100,USD_m,reported,x", "AMZN,capex,2025-Q3,110,USD_m,reported,x")],
      { tokenName: "ana" },
    );
    const revision = csv("b.csv", "AMZN,capex,2025-Q2,101,USD_m,restated,y", "AMZN,capex,2025-Q3,110,USD_m,reported,x");
    const second = importObservations(store, [revision], { tokenName: "bo" });
    expect(second).toMatchObject({ updated: 1, unchanged: 1, uploadId: first.uploadId! + 1 });
    expect(second.changes).toEqual([
      {
        entity: "AMZN",
        metric: "capex",
        kind: "flow",
        file: "b.csv",
        line: 2,
        before: expect.objectContaining({ value: 100, basis: "reported", source: "x" }),
        after: expect.objectContaining({ value: 101, basis: "restated", source: "y" }),
      },
    ]);
    const revisions = store.sqlite
      .prepare(
        "select id, upload_id as uploadId, file, line, value, basis, replaces_revision_id as replaces from observation_revisions where identity = 'AMZN|capex|2025-Q2' order by id",
      )
      .all();
    expect(revisions).toEqual([
      { id: expect.any(Number), uploadId: first.uploadId, file: "a.csv", line: 2, value: 100, basis: "reported", replaces: null },
      {
        id: expect.any(Number),
        uploadId: second.uploadId,
        file: "b.csv",
        line: 2,
        value: 101,
        basis: "restated",
        replaces: (revisions[0] as { id: number }).id,
      },
    ]);
    const upload = store.sqlite
      .prepare("select file_name as fileName, token_name as tokenName, sha256, inserted, updated, unchanged from uploads where id = ?")
      .get(second.uploadId);
    const sha256 = createHash("sha256").update(revision.text).digest("hex");
    expect(upload).toEqual({ fileName: "b.csv", tokenName: "bo", sha256, inserted: 0, updated: 1, unchanged: 1 });
  });

  it("records each added figure's revision with its identity, figure and the file and line it was read from", () => {
    store = tempStore();
    const multiline = {
      name: "multiline.csv",
      text: 'entity,metric,period,value,unit,note\nMSFT,capex,2025-Q1,1,USD_m,"a note\nover two lines"\nMSFT,capex,2024-Q4,2,USD_m,\n',
    };
    const report = importObservations(store, [fixture("good.csv"), multiline], { tokenName: "test" });
    expect(report.committed).toBe(true);
    const revisions = store.sqlite
      .prepare<
        [number],
        {
          identity: string;
          entity: string;
          metric: string;
          kind: "flow" | "point";
          period: string;
          periodEnd: string;
          value: number;
          source: string | null;
          file: string;
          line: number;
          replaces: number | null;
          recordedAt: string;
        }
      >(
        `select identity, entity, metric, kind, period, period_end as periodEnd, value, source, file, line, replaces_revision_id as replaces,
           recorded_at as recordedAt from observation_revisions where upload_id = ? order by id`,
      )
      .all(report.uploadId!);
    const expected = report.changes.map((change) => ({
      identity: observationIdentity({ ...change, ...change.after! }),
      entity: change.entity,
      metric: change.metric,
      kind: change.kind,
      period: change.after!.period,
      periodEnd: change.after!.periodEnd,
      value: change.after!.value,
      source: change.after!.source,
      file: change.file,
      line: change.line,
      replaces: null,
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    }));
    expect(revisions).toEqual(expected);
    expect(revisions.filter((revision) => revision.kind === "point").map((revision) => revision.identity)).toEqual([
      "OPENAI|ai_revenue_run_rate|2024-12-31",
      "OPENAI|ai_revenue_run_rate|2025-06-09",
    ]);
    expect(revisions.filter((revision) => revision.file === "multiline.csv").map((revision) => revision.line)).toEqual([2, 4]);
  });

  it("records the place of a figure added after re-uploads have run the id counter ahead of the stored ids", () => {
    store = tempStore();
    const rows = (value: number) =>
      Array.from({ length: 40 }, (_, index) => `AMZN,capex,${1990 + index}-Q1,${value + index},USD_m,reported,x`);
    importObservations(store, [csv("base.csv", ...rows(100))], { tokenName: "test" });
    for (const value of [200, 300, 400])
      expect(importObservations(store, [csv("again.csv", ...rows(value))], { tokenName: "test" }).updated).toBe(40);
    const counter = store.sqlite.prepare("select seq from sqlite_sequence where name = 'observations'").pluck().get() as number;
    const maxId = store.sqlite.prepare("select max(id) from observations").pluck().get() as number;
    expect(counter).toBeGreaterThan(maxId);
    const added = importObservations(
      store,
      [csv("new.csv", "AMZN,capex,2030-Q1,9,USD_m,reported,y", "AMZN,capex,1990-Q1,400,USD_m,reported,x")],
      { tokenName: "test" },
    );
    expect(added).toMatchObject({ committed: true, inserted: 1, unchanged: 1 });
    const revision = store.sqlite
      .prepare("select identity, file, line, value from observation_revisions where upload_id = ?")
      .all(added.uploadId);
    expect(revision).toEqual([{ identity: "AMZN|capex|2030-Q1", file: "new.csv", line: 2, value: 9 }]);
    // The functions that gave the places answer only while an import writes its revisions.
    expect(() => store.sqlite.prepare("select upload_file(?)").get(counter + 1)).toThrow(/only inside an upload writer's finish/);
  });

  it("lists a committed upload's changes by file and line, as its preview did", () => {
    store = tempStore();
    importObservations(store, [csv("old.csv", "AMZN,capex,2025-Q3,200,USD_m,reported,x", "MSFT,capex,2025-Q3,300,USD_m,reported,x")], {
      tokenName: "test",
    });
    const files = [
      csv("a.csv", "AMZN,capex,2025-Q4,210,USD_m,reported,y", "AMZN,capex,2025-Q3,205,USD_m,restated,y"),
      csv("b.csv", "MSFT,capex,2025-Q3,301,USD_m,restated,y", "MSFT,capex,2025-Q4,310,USD_m,reported,y"),
    ];
    const preview = importObservations(store, files, { tokenName: "test", dryRun: true });
    const report = importObservations(store, files, { tokenName: "test" });
    const order = (changes: { file?: string; line?: number; before: unknown }[]) =>
      changes.map((change) => [change.file, change.line, change.before === null ? "added" : "changed"]);
    const expected = [
      ["a.csv", 2, "added"],
      ["a.csv", 3, "changed"],
      ["b.csv", 2, "changed"],
      ["b.csv", 3, "added"],
    ];
    expect(order(preview.changes)).toEqual(expected);
    expect(order(getUpload(store, report.uploadId!).report.changes)).toEqual(expected);
  });

  it("warns, without rejecting, about a value more than 50% away from the figure it replaces", () => {
    store = tempStore();
    const earlier = [
      "AMZN,capex,2025-Q2,100,USD_m,reported,x",
      "AMZN,capex,2025-Q3,100,USD_m,reported,x",
      "AMZN,capex,2025-Q4,0,USD_m,reported,x",
    ];
    importObservations(store, [csv("a.csv", ...earlier)], { tokenName: "test" });
    const report = importObservations(
      store,
      [
        csv(
          "b.csv",
          "AMZN,capex,2025-Q2,150,USD_m,reported,x",
          "AMZN,capex,2025-Q3,100000,USD_m,reported,x",
          "AMZN,capex,2025-Q4,5,USD_m,reported,x",
        ),
      ],
      { tokenName: "test", dryRun: true },
    );
    expect(report.problems).toEqual([]);
    expect(report.warnings).toEqual([
      {
        file: "b.csv",
        line: 3,
        column: "value",
        value: "100000",
        message: "replaces 100, 99900% higher: check the unit (millions) and the period",
      },
      { file: "b.csv", line: 4, column: "value", value: "5", message: "replaces 0: check the unit (millions) and the period" },
    ]);
  });

  it("adds an upload's new entity and metric to the catalog when it commits", () => {
    store = tempStore();
    const report = importObservations(store, [csv("new.csv", "ORCL,rpo,2025-Q3,455000,USD_m,reported,x")], {
      tokenName: "test",
      confirmNewMetrics: ["rpo"],
    });
    expect(report).toMatchObject({ committed: true, newEntities: ["ORCL"], newMetrics: ["rpo"] });
    const catalog = loadCatalog(store);
    expect(catalog.entities.get("ORCL")).toMatchObject({ name: "ORCL", group: "unclassified" });
    expect(catalog.metrics.get("rpo")).toMatchObject({ kind: "flow", unit: "USD_m" });
  });

  it("stores the same observations from the wide layout as from the long one", () => {
    store = tempStore();
    const other = tempStore();
    importObservations(store, [fixture("same-data-long.csv")], { tokenName: "test" });
    importObservations(other, [fixture("same-data-wide.csv")], { tokenName: "test" });
    expect(listObservations(other, {})).toEqual(listObservations(store, {}));
    other.close();
  });

  it("revises a flow identified by (entity, metric, period) and a point by (entity, metric, period_end)", () => {
    store = tempStore();
    importObservations(store, [fixture("good.csv")], { tokenName: "test" });
    const report = importObservations(
      store,
      [
        {
          name: "revision.csv",
          text: [
            "entity,metric,period,period_end,value,unit,basis,source",
            "MSFT,capex,2025-Q3,2025-09-30,19400,USD_m,restated,https://example.com/10k",
            "OPENAI,ai_revenue_run_rate,2024-Q4,2024-12-31,6000,USD_m_annualized,run_rate,https://example.com/company",
            "OPENAI,ai_revenue_run_rate,2024-Q4,2024-12-15,5800,USD_m_annualized,estimate,https://example.com/other-date",
          ].join("\n"),
        },
      ],
      { tokenName: "test" },
    );
    expect(report).toMatchObject({ committed: true, inserted: 1, updated: 2, unchanged: 0, dataVersion: 2 });
    const msft = listObservations(store, { entities: ["MSFT"], metrics: ["capex"], from: "2025-Q3", to: "2025-Q3" });
    expect(msft).toEqual([expect.objectContaining({ value: 19400, basis: "restated", source: "https://example.com/10k" })]);
    expect(listObservations(store, { entities: ["OPENAI"] }).map((o) => [o.periodEnd, o.value])).toEqual([
      ["2024-12-15", 5800],
      ["2024-12-31", 6000],
      ["2025-06-09", 10000],
    ]);
  });

  it("writes nothing when any row of any file is bad, and leaves the file byte-for-byte unchanged", () => {
    store = tempStore();
    importObservations(store, [fixture("good.csv")], { tokenName: "test" });
    const before = fileHash(store);
    const report = importObservations(store, [csv("fine.csv", "AMZN,capex,2025-Q2,100,USD_m,reported,x"), fixture("broken-rows.csv")], {
      tokenName: "test",
    });
    expect(report.committed).toBe(false);
    expect(report.rejected).toBe(15);
    expect(report.problems.length).toBeGreaterThanOrEqual(15);
    expect(fileHash(store)).toBe(before);
    expect(getDataVersion(store).version).toBe(1);
  });

  it("rejects the same observation in two files of one import, naming both places", () => {
    store = tempStore();
    const report = importObservations(
      store,
      [
        csv("a.csv", "AMZN,capex,2025-Q2,100,USD_m,reported,x"),
        csv("b.csv", "AMZN,revenue,2025-Q2,900,USD_m,reported,x", "AMZN,capex,2025-Q2,101,USD_m,reported,y"),
      ],
      { tokenName: "test" },
    );
    expect(report.committed).toBe(false);
    expect(report.problems).toEqual([
      { file: "b.csv", line: 3, column: "period", value: "2025-Q2", message: "the same observation also appears in a.csv line 2" },
    ]);
    expect(listObservations(store, {})).toEqual([]);
  });
  it("rejects a stored observation given twice, whether its first row left it unchanged or revised it", () => {
    store = tempStore();
    importObservations(store, [csv("old.csv", "AMZN,capex,2025-Q2,100,USD_m,reported,x", "AMZN,capex,2025-Q3,200,USD_m,reported,x")], {
      tokenName: "test",
    });
    const before = fileHash(store);
    const report = importObservations(
      store,
      [
        csv("a.csv", "AMZN,capex,2025-Q2,100,USD_m,reported,x", "AMZN,capex,2025-Q3,210,USD_m,reported,x"),
        csv(
          "b.csv",
          "AMZN,capex,2025-Q4,300,USD_m,reported,x",
          "AMZN,capex,2025-Q3,220,USD_m,reported,x",
          "AMZN,capex,2025-Q2,100,USD_m,reported,x",
        ),
      ],
      { tokenName: "test" },
    );
    expect(report.committed).toBe(false);
    expect(report.problems).toEqual([
      { file: "b.csv", line: 3, column: "period", value: "2025-Q3", message: "the same observation also appears in a.csv line 3" },
      { file: "b.csv", line: 4, column: "period", value: "2025-Q2", message: "the same observation also appears in a.csv line 2" },
    ]);
    expect(fileHash(store)).toBe(before);
  });

  it("rejects the same observation twice in one file, naming the line it first appeared on", () => {
    store = tempStore();
    const report = importObservations(store, [fixture("broken-rows.csv")], { tokenName: "test" });
    expect(report.committed).toBe(false);
    expect(report.problems.filter((p) => p.line === 16)).toEqual([
      {
        file: "broken-rows.csv",
        line: 16,
        column: "period",
        value: "2025-Q3",
        message: "the same observation (MSFT capex 2025-Q3) already appears on line 2",
      },
    ]);
  });

  it("counts but does not write on a dry run", () => {
    store = tempStore();
    const before = fileHash(store);
    const report = importObservations(store, [fixture("good.csv")], { tokenName: "test", dryRun: true });
    expect(report).toMatchObject({ dryRun: true, committed: false, inserted: 7, dataVersion: 0 });
    expect(fileHash(store)).toBe(before);
  });

  it("keeps committed data across reopening the file", () => {
    store = tempStore();
    importObservations(store, [fixture("good.csv")], { tokenName: "test" });
    store.sqlite.close();
    const reopened = openStore(store.path);
    expect(listObservations(reopened, { entities: ["NVDA"] }).map((o) => o.value)).toEqual([35580, 130497]);
    reopened.sqlite.close();
  });
});

describe("the import's stages on their own", () => {
  const located = (more: Partial<LocatedObservation>): LocatedObservation => ({
    file: "a.csv",
    line: 2,
    valueColumn: "value",
    keyColumn: "period",
    unstated: [],
    entity: "AMZN",
    metric: "capex",
    kind: "flow",
    period: "2025-Q3",
    periodEnd: "2025-09-30",
    fiscalLabel: null,
    value: 100,
    unit: "USD_m",
    basis: "reported",
    source: "x",
    note: null,
    ...more,
  });
  const q2 = { period: "2025-Q2", periodEnd: "2025-06-30" };
  const q4 = { period: "2025-Q4", periodEnd: "2025-12-31" };
  const entry = { fileName: "a.csv, b.csv", sha256: "ab".repeat(32), tokenName: "ana", createdAt: "2026-01-02T03:04:05.000Z" };
  const sources = [
    { name: "a.csv", sha256: "a".repeat(64) },
    { name: "b.csv", sha256: "b".repeat(64) },
  ];

  it("newReport: empty counts, and one file's SHA-256 or that of the sha256sum lines of several", () => {
    expect(newReport(sources.slice(0, 1), true)).toEqual({
      dryRun: true,
      committed: false,
      uploadId: null,
      sha256: "a".repeat(64),
      files: [],
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      problems: [],
      problemsOmitted: 0,
      warnings: [],
      warningsOmitted: 0,
      changes: [],
      changesOmitted: 0,
      newEntities: [],
      newMetrics: [],
      unconfirmedMetrics: [],
      dataVersion: 0,
    });
    const lines = `${"a".repeat(64)}  a.csv\n${"b".repeat(64)}  b.csv\n`;
    expect(newReport(sources, false).sha256).toBe(createHash("sha256").update(lines).digest("hex"));
  });

  it("openUpload records the entry the revisions will name, counts at zero", () => {
    store = tempStore();
    const upload = openUpload(store.sqlite, figureLedger(store), entry);
    expect(store.db.select().from(uploads).all()).toEqual([
      {
        id: upload.id,
        kind: "upload",
        ...entry,
        inserted: 0,
        updated: 0,
        deleted: 0,
        unchanged: 0,
        report: { files: [], warnings: [], newEntities: [], newMetrics: [] },
        revertsUploadId: null,
        revertedByUploadId: null,
      },
    ]);
    expect(upload.createdAt).toBe(entry.createdAt);
  });

  it("the write stage counts each observation as added, unchanged, revised or repeated, and lists changes, problems and warnings", () => {
    store = tempStore();
    const ledger = figureLedger(store);
    const earlier = ledger.recordUpload({
      kind: "upload",
      ...entry,
      counts: { inserted: 2, updated: 0, deleted: 0, unchanged: 0 },
      report: { files: [], warnings: [], newEntities: [], newMetrics: [] },
      revertsUploadId: null,
    });
    for (const figure of [located(q2), located({})])
      ledger.write(figure, figureOf(figure), { uploadId: earlier, recordedAt: entry.createdAt, file: "old.csv", line: 2 });
    const upload = openUpload(store.sqlite, ledger, entry);
    const tally = newReport(sources, false);
    const write = observationWriter(upload.writer, tally);
    write(located({ ...q4, line: 2 }));
    write(located({ ...q2, line: 3 }));
    write(located({ line: 4, value: 250, basis: "restated" }));
    write(located({ ...q4, file: "b.csv", line: 5, value: 1 }));
    write(located({ ...q2, line: 6 }));

    expect(tally).toMatchObject({ inserted: 1, unchanged: 1, updated: 1, rejected: 2, changesOmitted: 0, problemsOmitted: 0 });
    expect(tally.changes).toEqual([
      { entity: "AMZN", metric: "capex", kind: "flow", file: "a.csv", line: 2, before: null, after: figureOf(located(q4)) },
      {
        entity: "AMZN",
        metric: "capex",
        kind: "flow",
        file: "a.csv",
        line: 4,
        before: figureOf(located({})),
        after: figureOf(located({ value: 250, basis: "restated" })),
      },
    ]);
    expect(tally.problems).toEqual([
      { file: "b.csv", line: 5, column: "period", value: "2025-Q4", message: "the same observation also appears in a.csv line 2" },
      {
        file: "a.csv",
        line: 6,
        column: "period",
        value: "2025-Q2",
        message: "the same observation (AMZN capex 2025-Q2) already appears on line 3",
      },
    ]);
    expect(tally.warnings).toEqual([
      {
        file: "a.csv",
        line: 4,
        column: "value",
        value: "250",
        message: "replaces 100, 150% higher: check the unit (millions) and the period",
      },
    ]);
    // Written as it went: the figures are there, the added one's revision waits for the commit.
    expect(
      store.db.select({ period: observations.period, value: observations.value }).from(observations).orderBy(observations.id).all(),
    ).toEqual([
      { period: "2025-Q2", value: 100 },
      { period: "2025-Q3", value: 250 },
      { period: "2025-Q4", value: 100 },
    ]);
    expect(store.db.select().from(observationRevisions).where(eq(observationRevisions.uploadId, upload.id)).all()).toEqual([
      expect.objectContaining({ period: "2025-Q3", value: 250, file: "a.csv", line: 4 }),
    ]);
  });

  it.each([
    [{ dryRun: false, problems: [], inserted: 1, updated: 0 }, true],
    [{ dryRun: false, problems: [], inserted: 0, updated: 1 }, true],
    [{ dryRun: true, problems: [], inserted: 1, updated: 1 }, false],
    [
      { dryRun: false, problems: [{ file: "a.csv", line: 2, column: "value", value: "", message: "required" }], inserted: 1, updated: 0 },
      false,
    ],
    [{ dryRun: false, problems: [], inserted: 0, updated: 0 }, false],
  ])("shouldCommit(%j) is %s: never on a dry run, with a problem, or when nothing changed", (report, expected) => {
    expect(shouldCommit(report)).toBe(expected);
  });

  it("commitUpload writes the added figures' revisions, the new catalog rows, the entry's counts and report, and a data version", () => {
    store = tempStore();
    const ledger = figureLedger(store);
    const report = newReport(sources.slice(0, 1), false);
    // The new entity's row comes last, as in an import: its foreign key is checked at the commit.
    const committed = store.sqlite.transaction(() => {
      const upload = openUpload(store.sqlite, ledger, entry);
      const write = observationWriter(upload.writer, report);
      write(located({ entity: "ORCL", line: 7 }));
      report.files.push({ name: "a.csv", sha256: "a".repeat(64), layout: "long", delimiter: "comma", rows: 1 });
      report.newEntities.push("ORCL");
      return { id: commitUpload(store, ledger, upload, report, { entities: [newEntity("ORCL")], metrics: [] }), upload };
    })();
    expect(committed.id).toBe(committed.upload.id);
    expect(store.db.select().from(entities).where(eq(entities.id, "ORCL")).all()).toEqual([newEntity("ORCL")]);
    expect(store.db.select().from(observationRevisions).all()).toEqual([
      expect.objectContaining({
        uploadId: committed.id,
        identity: "ORCL|capex|2025-Q3",
        value: 100,
        file: "a.csv",
        line: 7,
        recordedAt: entry.createdAt,
      }),
    ]);
    expect(store.db.select().from(uploads).get()).toMatchObject({
      inserted: 1,
      updated: 0,
      deleted: 0,
      unchanged: 0,
      report: { files: report.files, warnings: [], newEntities: ["ORCL"], newMetrics: [] },
    });
    expect(getDataVersion(store)).toEqual({ version: 1, changedAt: entry.createdAt });
  });
});
