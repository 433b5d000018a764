import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { LocatedObservation } from "../../../server/csv/observationCsv.ts";
import { closeStore, openStore, type SqliteStore } from "../../../server/db/client.ts";
import { rows, writeTransaction } from "../../../server/db/query.ts";
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
import { checksumRows, fixture, TEST_DIALECT, type TempStore, tableRows, tempStore } from "../../helpers/store.ts";

const csv = (name: string, ...rows: string[]) => ({ name, text: ["entity,metric,period,value,unit,basis,source", ...rows].join("\n") });

let store: TempStore;
afterEach(() => store?.close());

/**
 * What proves nothing was written: on SQLite the database file's bytes after every committed page
 * is back in it (WAL checkpoint), on PostgreSQL every row of every table.
 */
async function stateHash(s: TempStore): Promise<string> {
  if (s.dialect === "postgres") return checksumRows(s);
  s.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  return createHash("sha256").update(readFileSync(s.location.path)).digest("hex");
}

describe("importObservations", () => {
  it("inserts every row of a valid file and bumps the data version once", async () => {
    store = await tempStore();
    const report = await importObservations(store, [fixture("good.csv")], { tokenName: "test" });
    expect(report).toMatchObject({ committed: true, inserted: 7, updated: 0, unchanged: 0, rejected: 0, dataVersion: 1 });
    expect(await listObservations(store, {})).toHaveLength(7);
  });

  it("changes nothing when the same file is imported twice: no row, revision, upload entry or data version", async () => {
    store = await tempStore();
    await importObservations(store, [fixture("good.csv")], { tokenName: "test" });
    const before = await checksumRows(store);
    const report = await importObservations(store, [fixture("good.csv")], { tokenName: "test" });
    expect(report).toMatchObject({ committed: true, uploadId: null, inserted: 0, updated: 0, unchanged: 7, changes: [], dataVersion: 1 });
    expect(await checksumRows(store)).toBe(before);
  });

  it("records a commit as one upload entry and each change as a revision naming what it replaced", async () => {
    store = await tempStore();
    const first = await importObservations(
      store,
      [csv("a.csv", "AMZN,capex,2025-Q2,100,USD_m,reported,x", "AMZN,capex,2025-Q3,110,USD_m,reported,x")],
      { tokenName: "ana" },
    );
    const revision = csv("b.csv", "AMZN,capex,2025-Q2,101,USD_m,restated,y", "AMZN,capex,2025-Q3,110,USD_m,reported,x");
    const second = await importObservations(store, [revision], { tokenName: "bo" });
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
    const revisions = await rows(
      store,
      sql`select id, upload_id as "uploadId", file, line, value, basis, replaces_revision_id as replaces from observation_revisions where identity = 'AMZN|capex|2025-Q2' order by id`,
    );
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
    const [upload] = await rows(
      store,
      sql`select file_name as "fileName", token_name as "tokenName", sha256, inserted, updated, unchanged from uploads where id = ${second.uploadId}`,
    );
    const sha256 = createHash("sha256").update(revision.text).digest("hex");
    expect(upload).toEqual({ fileName: "b.csv", tokenName: "bo", sha256, inserted: 0, updated: 1, unchanged: 1 });
  });

  it("records each added figure's revision with its identity, figure and the file and line it was read from", async () => {
    store = await tempStore();
    const multiline = {
      name: "multiline.csv",
      text: 'entity,metric,period,value,unit,note\nMSFT,capex,2025-Q1,1,USD_m,"a note\nover two lines"\nMSFT,capex,2024-Q4,2,USD_m,\n',
    };
    const report = await importObservations(store, [fixture("good.csv"), multiline], { tokenName: "test" });
    expect(report.committed).toBe(true);
    const revisions = await rows<{
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
    }>(
      store,
      sql`select identity, entity, metric, kind, period, period_end as "periodEnd", value, source, file, line, replaces_revision_id as replaces,
           recorded_at as "recordedAt" from observation_revisions where upload_id = ${report.uploadId} order by id`,
    );
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

  it("records the place of a figure added after re-uploads have run the id counter ahead of the stored ids", async () => {
    store = await tempStore();
    const figures = (value: number) =>
      Array.from({ length: 40 }, (_, index) => `AMZN,capex,${1990 + index}-Q1,${value + index},USD_m,reported,x`);
    await importObservations(store, [csv("base.csv", ...figures(100))], { tokenName: "test" });
    for (const value of [200, 300, 400])
      expect((await importObservations(store, [csv("again.csv", ...figures(value))], { tokenName: "test" })).updated).toBe(40);
    // Each row that meets a stored figure takes an id from the counter all the same, on either store.
    const counterQuery =
      store.dialect === "sqlite"
        ? sql`select seq as n from sqlite_sequence where name = 'observations'`
        : sql`select last_value as n from observations_id_seq`;
    const [counter] = await rows<{ n: number }>(store, counterQuery);
    const [maxId] = await rows<{ n: number }>(store, sql`select max(id) as n from observations`);
    expect(Number(counter!.n)).toBeGreaterThan(maxId!.n);
    const added = await importObservations(
      store,
      [csv("new.csv", "AMZN,capex,2030-Q1,9,USD_m,reported,y", "AMZN,capex,1990-Q1,400,USD_m,reported,x")],
      { tokenName: "test" },
    );
    expect(added).toMatchObject({ committed: true, inserted: 1, unchanged: 1 });
    const revision = await rows(
      store,
      sql`select identity, file, line, value from observation_revisions where upload_id = ${added.uploadId}`,
    );
    expect(revision).toEqual([{ identity: "AMZN|capex|2030-Q1", file: "new.csv", line: 2, value: 9 }]);
    // SQLite's functions that gave the places answer only while an import writes its revisions.
    if (store.dialect === "sqlite") {
      const { sqlite } = store;
      expect(() => sqlite.prepare("select upload_file(?)").get(Number(counter!.n) + 1)).toThrow(/only inside an upload writer's finish/);
    }
  });

  it("lists a committed upload's changes by file and line, as its preview did", async () => {
    store = await tempStore();
    await importObservations(
      store,
      [csv("old.csv", "AMZN,capex,2025-Q3,200,USD_m,reported,x", "MSFT,capex,2025-Q3,300,USD_m,reported,x")],
      {
        tokenName: "test",
      },
    );
    const files = [
      csv("a.csv", "AMZN,capex,2025-Q4,210,USD_m,reported,y", "AMZN,capex,2025-Q3,205,USD_m,restated,y"),
      csv("b.csv", "MSFT,capex,2025-Q3,301,USD_m,restated,y", "MSFT,capex,2025-Q4,310,USD_m,reported,y"),
    ];
    const preview = await importObservations(store, files, { tokenName: "test", dryRun: true });
    const report = await importObservations(store, files, { tokenName: "test" });
    const order = (changes: { file?: string; line?: number; before: unknown }[]) =>
      changes.map((change) => [change.file, change.line, change.before === null ? "added" : "changed"]);
    const expected = [
      ["a.csv", 2, "added"],
      ["a.csv", 3, "changed"],
      ["b.csv", 2, "changed"],
      ["b.csv", 3, "added"],
    ];
    expect(order(preview.changes)).toEqual(expected);
    expect(order((await getUpload(store, report.uploadId!)).report.changes)).toEqual(expected);
  });

  it("warns, without rejecting, about a value more than 50% away from the figure it replaces", async () => {
    store = await tempStore();
    const earlier = [
      "AMZN,capex,2025-Q2,100,USD_m,reported,x",
      "AMZN,capex,2025-Q3,100,USD_m,reported,x",
      "AMZN,capex,2025-Q4,0,USD_m,reported,x",
    ];
    await importObservations(store, [csv("a.csv", ...earlier)], { tokenName: "test" });
    const report = await importObservations(
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

  it("adds an upload's new entity and metric to the catalog when it commits", async () => {
    store = await tempStore();
    const report = await importObservations(store, [csv("new.csv", "ORCL,rpo,2025-Q3,455000,USD_m,reported,x")], {
      tokenName: "test",
      confirmNewMetrics: ["rpo"],
    });
    expect(report).toMatchObject({ committed: true, newEntities: ["ORCL"], newMetrics: ["rpo"] });
    const catalog = await loadCatalog(store);
    expect(catalog.entities.get("ORCL")).toMatchObject({ name: "ORCL", group: "unclassified" });
    expect(catalog.metrics.get("rpo")).toMatchObject({ kind: "flow", unit: "USD_m" });
  });

  it("stores the same observations from the wide layout as from the long one", async () => {
    store = await tempStore();
    const other = await tempStore();
    await importObservations(store, [fixture("same-data-long.csv")], { tokenName: "test" });
    await importObservations(other, [fixture("same-data-wide.csv")], { tokenName: "test" });
    expect(await listObservations(other, {})).toEqual(await listObservations(store, {}));
    await other.close();
  });

  it("revises a flow identified by (entity, metric, period) and a point by (entity, metric, period_end)", async () => {
    store = await tempStore();
    await importObservations(store, [fixture("good.csv")], { tokenName: "test" });
    const report = await importObservations(
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
    const msft = await listObservations(store, { entities: ["MSFT"], metrics: ["capex"], from: "2025-Q3", to: "2025-Q3" });
    expect(msft).toEqual([expect.objectContaining({ value: 19400, basis: "restated", source: "https://example.com/10k" })]);
    expect((await listObservations(store, { entities: ["OPENAI"] })).map((o) => [o.periodEnd, o.value])).toEqual([
      ["2024-12-15", 5800],
      ["2024-12-31", 6000],
      ["2025-06-09", 10000],
    ]);
  });

  it("writes nothing when any row of any file is bad, and leaves the file byte-for-byte unchanged", async () => {
    store = await tempStore();
    await importObservations(store, [fixture("good.csv")], { tokenName: "test" });
    const before = await stateHash(store);
    const report = await importObservations(
      store,
      [csv("fine.csv", "AMZN,capex,2025-Q2,100,USD_m,reported,x"), fixture("broken-rows.csv")],
      {
        tokenName: "test",
      },
    );
    expect(report.committed).toBe(false);
    expect(report.rejected).toBe(15);
    expect(report.problems.length).toBeGreaterThanOrEqual(15);
    expect(await stateHash(store)).toBe(before);
    expect((await getDataVersion(store)).version).toBe(1);
  });

  it("rejects the same observation in two files of one import, naming both places", async () => {
    store = await tempStore();
    const report = await importObservations(
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
    expect(await listObservations(store, {})).toEqual([]);
  });
  it("rejects a stored observation given twice, whether its first row left it unchanged or revised it", async () => {
    store = await tempStore();
    await importObservations(
      store,
      [csv("old.csv", "AMZN,capex,2025-Q2,100,USD_m,reported,x", "AMZN,capex,2025-Q3,200,USD_m,reported,x")],
      {
        tokenName: "test",
      },
    );
    const before = await stateHash(store);
    const report = await importObservations(
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
    expect(await stateHash(store)).toBe(before);
  });

  it("rejects the same observation twice in one file, naming the line it first appeared on", async () => {
    store = await tempStore();
    const report = await importObservations(store, [fixture("broken-rows.csv")], { tokenName: "test" });
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

  it("counts but does not write on a dry run", async () => {
    store = await tempStore();
    const before = await stateHash(store);
    const report = await importObservations(store, [fixture("good.csv")], { tokenName: "test", dryRun: true });
    expect(report).toMatchObject({ dryRun: true, committed: false, inserted: 7, dataVersion: 0 });
    expect(await stateHash(store)).toBe(before);
  });

  it("keeps committed data across reopening the database", async () => {
    store = await tempStore();
    await importObservations(store, [fixture("good.csv")], { tokenName: "test" });
    await closeStore(store);
    const reopened = await openStore(store.location);
    expect((await listObservations(reopened, { entities: ["NVDA"] })).map((o) => o.value)).toEqual([35580, 130497]);
    await closeStore(reopened);
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

  it("newReport: empty counts, and one file's SHA-256 or that of the sha256sum lines of several", async () => {
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

  // SQLite's row-by-row write stage; on PostgreSQL the same rule (tallyObservation) runs over the
  // staged rows, which the imports above check on both stores.
  const sqliteOnly = it.runIf(TEST_DIALECT === "sqlite");
  const sqliteStore = () => store as TempStore & SqliteStore;

  sqliteOnly("openUpload records the entry the revisions will name, counts at zero (SQLite)", async () => {
    store = await tempStore();
    const upload = await openUpload(sqliteStore(), entry);
    expect(await tableRows(store, store.tables.uploads)).toEqual([
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

  sqliteOnly(
    "the write stage counts each observation as added, unchanged, revised or repeated, and lists changes, problems and warnings (SQLite)",
    async () => {
      store = await tempStore();
      const ledger = figureLedger(store);
      const earlier = await ledger.recordUpload({
        kind: "upload",
        ...entry,
        counts: { inserted: 2, updated: 0, deleted: 0, unchanged: 0 },
        report: { files: [], warnings: [], newEntities: [], newMetrics: [] },
        revertsUploadId: null,
      });
      for (const figure of [located(q2), located({})])
        await ledger.write(figure, figureOf(figure), { uploadId: earlier, recordedAt: entry.createdAt, file: "old.csv", line: 2 });
      const upload = await openUpload(sqliteStore(), entry);
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
      expect((await tableRows(store, store.tables.observations)).map(({ period, value }) => ({ period, value }))).toEqual([
        { period: "2025-Q2", value: 100 },
        { period: "2025-Q3", value: 250 },
        { period: "2025-Q4", value: 100 },
      ]);
      expect((await tableRows(store, store.tables.observationRevisions)).filter((revision) => revision.uploadId === upload.id)).toEqual([
        expect.objectContaining({ period: "2025-Q3", value: 250, file: "a.csv", line: 4 }),
      ]);
    },
  );

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

  sqliteOnly(
    "commitUpload writes the added figures' revisions, the new catalog rows, the entry's counts and report, and a data version (SQLite)",
    async () => {
      store = await tempStore();
      const report = newReport(sources.slice(0, 1), false);
      // The new entity's row comes last, as in an import: its foreign key is checked at the commit.
      const committed = await writeTransaction(store, async (tx) => {
        const upload = await openUpload(tx as SqliteStore, entry);
        const write = observationWriter(upload.writer, report);
        write(located({ entity: "ORCL", line: 7 }));
        report.files.push({ name: "a.csv", sha256: "a".repeat(64), layout: "long", delimiter: "comma", rows: 1 });
        report.newEntities.push("ORCL");
        return { id: await commitUpload(tx as SqliteStore, upload, report, { entities: [newEntity("ORCL")], metrics: [] }), upload };
      });
      expect(committed.id).toBe(committed.upload.id);
      expect((await tableRows(store, store.tables.entities)).filter((entity) => entity.id === "ORCL")).toEqual([newEntity("ORCL")]);
      expect(await tableRows(store, store.tables.observationRevisions)).toEqual([
        expect.objectContaining({
          uploadId: committed.id,
          identity: "ORCL|capex|2025-Q3",
          value: 100,
          file: "a.csv",
          line: 7,
          recordedAt: entry.createdAt,
        }),
      ]);
      expect((await tableRows(store, store.tables.uploads))[0]).toMatchObject({
        inserted: 1,
        updated: 0,
        deleted: 0,
        unchanged: 0,
        report: { files: report.files, warnings: [], newEntities: ["ORCL"], newMetrics: [] },
      });
      expect(await getDataVersion(store)).toEqual({ version: 1, changedAt: entry.createdAt });
    },
  );
});
