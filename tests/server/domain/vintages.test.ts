import { describe, expect, it } from "vitest";
import { computeThesis, type ThesisObservation } from "../../../server/domain/thesis.ts";
import {
  atomFeed,
  dataVersions,
  figureChanges,
  figuresAsOf,
  type RevisionRow,
  statusVintages,
  thesisChanges,
  versionAt,
  xmlText,
} from "../../../server/domain/vintages.ts";

const revision = (id: number, uploadId: number | null, identity: string, value: number | null): RevisionRow => ({
  id,
  uploadId,
  identity,
  entity: identity.split("|")[0] ?? "",
  metric: "capex",
  period: identity.split("|")[2] ?? "",
  periodEnd: "2025-03-31",
  fiscalLabel: null,
  value,
  unit: value === null ? null : "USD_m",
  basis: value === null ? null : "reported",
  source: value === null ? null : `src-${id}`,
  note: null,
});

// Upload 1 adds A and B, upload 2 revises A and adds C, upload 3 removes B.
const REVISIONS = [
  revision(1, 1, "A|capex|2025-Q1", 10),
  revision(2, 1, "B|capex|2025-Q1", 20),
  revision(3, 2, "A|capex|2025-Q1", 11),
  revision(4, 2, "C|capex|2025-Q1", 30),
  revision(5, 3, "B|capex|2025-Q1", null),
];

describe("figuresAsOf", () => {
  const values = (uploadId: number) => Object.fromEntries(figuresAsOf(REVISIONS, uploadId).map((f) => [f.entity, f.value]));

  it.each([
    [0, {}],
    [1, { A: 10, B: 20 }],
    [2, { A: 11, B: 20, C: 30 }],
    [3, { A: 11, C: 30 }],
  ])("after upload %i the figures are %j", (uploadId, expected) => {
    expect(values(uploadId)).toEqual(expected);
  });

  it("counts a state recorded before revisions were kept as older than any upload", () => {
    expect(figuresAsOf([revision(9, null, "D|capex|2025-Q1", 5)], 1).map((f) => f.value)).toEqual([5]);
  });
});

describe("figureChanges", () => {
  it("names every figure added, revised or removed between two versions, with both states", () => {
    const changes = figureChanges(figuresAsOf(REVISIONS, 1), figuresAsOf(REVISIONS, 3));
    expect(changes.map((c) => [c.entity, c.change, c.before?.value ?? null, c.after?.value ?? null])).toEqual([
      ["A", "revised", 10, 11],
      ["B", "removed", 20, null],
      ["C", "added", null, 30],
    ]);
  });

  it("is empty between a version and itself", () => {
    expect(figureChanges(figuresAsOf(REVISIONS, 2), figuresAsOf(REVISIONS, 2))).toEqual([]);
  });
});

describe("dataVersions and versionAt", () => {
  const upload = (id: number, createdAt: string) => ({
    id,
    kind: "upload" as const,
    createdAt,
    fileName: `${id}.csv`,
    tokenName: "t",
    inserted: 1,
    updated: 0,
    deleted: 0,
  });
  const versions = dataVersions([
    upload(7, "2026-02-01T10:00:00.000Z"),
    upload(3, "2026-01-01T10:00:00.000Z"),
    upload(9, "2026-02-01T23:00:00.000Z"),
  ]);

  it("numbers the upload entries in commit order from 1", () => {
    expect(versions.map((v) => [v.version, v.uploadId])).toEqual([
      [1, 3],
      [2, 7],
      [3, 9],
    ]);
  });

  it.each([
    ["2025-12-31", 0],
    ["2026-01-01", 1],
    ["2026-01-31", 1],
    ["2026-02-01", 3],
  ])("takes the last version committed by the end of %s: %i", (day, expected) => {
    expect(versionAt(versions, day)).toBe(expected);
  });
});

const capex = (entity: string, period: string, value: number): ThesisObservation => ({
  entity,
  metric: "capex",
  period,
  periodEnd: "2000-01-01",
  value,
  unit: "USD_m",
  basis: "reported",
  source: null,
});
const runRate = (periodEnd: string, value: number): ThesisObservation => ({
  entity: "OPENAI",
  metric: "ai_revenue_run_rate",
  period: `${periodEnd.slice(0, 4)}-Q${Math.ceil(Number(periodEnd.slice(5, 7)) / 3)}`,
  periodEnd,
  value,
  unit: "USD_m_annualized",
  basis: "run_rate",
  source: null,
});
const quarters = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"];
const params = { companies: ["MSFT"], aiRevenue: ["OPENAI"], lookback: 1 };
const base = [...quarters.map((q) => capex("MSFT", q, 100)), runRate("2024-12-31", 40), runRate("2025-03-31", 50)];
// Version 1, 2025 Q1 against 2024 Q4: coverage rises from 40/400 = 10% to 50/400 = 12.5% and the gap narrows from 360 to 350: green.
// Version 2 revises 2025 Q1 capex to 200: coverage 50/500 = 10% holds, the gap widens to 450: amber.
const v1 = computeThesis(base, params);
const v2 = computeThesis([...base.slice(0, 4), capex("MSFT", "2025-Q1", 200), ...base.slice(5)], params);

describe("statusVintages", () => {
  it("keeps each quarter's first published flag beside today's, marking the ones a revision changed", () => {
    const vintages = statusVintages([
      { version: 1, date: "2025-04-30", quarters: v1.quarters },
      { version: 2, date: "2025-05-31", quarters: v2.quarters },
    ]);
    expect(vintages.find((v) => v.quarter === "2025-Q1")).toEqual({
      quarter: "2025-Q1",
      firstPublished: { status: "green", version: 1, date: "2025-04-30" },
      today: "amber",
      revised: true,
    });
  });
});

describe("thesisChanges", () => {
  it("names the derived numbers a revision moved, before and after, and nothing else", () => {
    expect(thesisChanges(v1, v1)).toEqual([]);
    expect(thesisChanges(v1, v2).map((c) => [c.what, c.before.value, c.after.value])).toEqual([
      ["Scorecard status", "green", "amber"],
      ["Capex TTM", 400, 500],
      ["Coverage", 0.125, 0.1],
      ["Dollar gap", 350, 450],
      ["Coverage flag 2025-Q1", "green", "amber"],
    ]);
  });
});

describe("atomFeed", () => {
  it("escapes every text and lists entries with id, title, updated, link and summary", () => {
    const xml = atomFeed({
      id: "urn:x",
      title: "A & B",
      updated: "2026-01-01T00:00:00.000Z",
      self: "http://h/feed.atom",
      alternate: "http://h/",
      entries: [
        { id: "urn:x:1", title: "<v1>", updated: "2026-01-01T00:00:00.000Z", link: "http://h/changes?from=0&to=1", summary: 'said "hi"' },
      ],
    });
    expect(xml).toContain("<title>A &amp; B</title>");
    expect(xml).toContain("<title>&lt;v1&gt;</title>");
    expect(xml).toContain('href="http://h/changes?from=0&amp;to=1"');
    expect(xml).toContain('<summary type="text">said &quot;hi&quot;</summary>');
    expect(xmlText("'")).toBe("&apos;");
  });
});
