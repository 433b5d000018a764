// What the data said then (ALFRED's vintages): every change of a figure is a revision naming its
// upload, and each committed upload or revert is one data version, so the figures as they stood at
// a version are, per figure, its latest revision up to that version's upload. From those follow
// the thesis of any version, what changed between two, and when the verdict turned.

import type { Computed } from "./computed.ts";
import type { FlagStatus } from "./killerAppFlag.ts";
import type { Headline } from "./scorecard.ts";
import type { ColumnKind } from "./table.ts";
import type { Thesis } from "./thesis.ts";

/** A revision as the ledger keeps it: the figure after it (value null: removed) and its upload. */
export interface RevisionRow {
  id: number;
  /** Null for a state recorded before revisions were kept: older than any upload. */
  uploadId: number | null;
  identity: string;
  entity: string;
  metric: string;
  period: string;
  periodEnd: string;
  fiscalLabel: string | null;
  value: number | null;
  unit: string | null;
  basis: string | null;
  source: string | null;
  note: string | null;
}

/** A figure as it stood at a version, in the row format the thesis reads. */
export interface VintageFigure {
  identity: string;
  entity: string;
  metric: string;
  period: string;
  periodEnd: string;
  fiscalLabel: string | null;
  value: number;
  unit: string;
  basis: string;
  source: string | null;
  note: string | null;
  /** The upload whose revision this is. */
  uploadId: number | null;
}

/** Each data version: the upload entry (an upload or a revert) that made it, in commit order. */
export interface DataVersionEntry {
  version: number;
  uploadId: number;
  kind: "upload" | "revert";
  createdAt: string;
  fileName: string | null;
  tokenName: string;
  inserted: number;
  updated: number;
  deleted: number;
}

/**
 * Every committed upload and revert bumps the data version by one in its own transaction, and one
 * that changes nothing is not recorded: the n-th upload entry by id made version n.
 */
export function dataVersions<U extends Omit<DataVersionEntry, "version" | "uploadId"> & { id: number }>(
  uploads: readonly U[],
): DataVersionEntry[] {
  return [...uploads]
    .sort((a, b) => a.id - b.id)
    .map(({ id, kind, createdAt, fileName, tokenName, inserted, updated, deleted }, index) => ({
      version: index + 1,
      uploadId: id,
      kind,
      createdAt,
      fileName,
      tokenName,
      inserted,
      updated,
      deleted,
    }));
}

/** The version a date asks for: the last one committed by the end of that day (UTC), or 0 before any. */
export function versionAt(versions: readonly DataVersionEntry[], isoDay: string): number {
  const end = `${isoDay}T23:59:59.999Z`;
  return versions.filter((v) => v.createdAt <= end).at(-1)?.version ?? 0;
}

/** The figures as they stood after `uploadId`: per figure its latest revision up to it, removed ones left out. */
export function figuresAsOf(revisions: readonly RevisionRow[], uploadId: number): VintageFigure[] {
  const latest = new Map<string, RevisionRow>();
  for (const revision of revisions) {
    if ((revision.uploadId ?? 0) > uploadId) continue;
    const seen = latest.get(revision.identity);
    if (!seen || revision.id > seen.id) latest.set(revision.identity, revision);
  }
  return [...latest.values()].flatMap((r) =>
    r.value === null || r.unit === null || r.basis === null
      ? []
      : [
          {
            identity: r.identity,
            entity: r.entity,
            metric: r.metric,
            period: r.period,
            periodEnd: r.periodEnd,
            fiscalLabel: r.fiscalLabel,
            value: r.value,
            unit: r.unit,
            basis: r.basis,
            source: r.source,
            note: r.note,
            uploadId: r.uploadId,
          },
        ],
  );
}

export type FigureChangeKind = "added" | "revised" | "removed";

export interface FigureDelta {
  identity: string;
  entity: string;
  metric: string;
  period: string;
  change: FigureChangeKind;
  before: VintageFigure | null;
  after: VintageFigure | null;
}

const sameFigure = (a: VintageFigure, b: VintageFigure) =>
  a.value === b.value &&
  a.unit === b.unit &&
  a.basis === b.basis &&
  a.source === b.source &&
  a.note === b.note &&
  a.period === b.period &&
  a.periodEnd === b.periodEnd &&
  a.fiscalLabel === b.fiscalLabel;

/** Every figure added, revised or removed from one state to another, by entity, metric and period. */
export function figureChanges(before: readonly VintageFigure[], after: readonly VintageFigure[]): FigureDelta[] {
  const old = new Map(before.map((f) => [f.identity, f]));
  const now = new Map(after.map((f) => [f.identity, f]));
  const changes: FigureDelta[] = [];
  for (const identity of new Set([...old.keys(), ...now.keys()])) {
    const [a, b] = [old.get(identity) ?? null, now.get(identity) ?? null];
    const figure = b ?? a;
    if (!figure || (a && b && sameFigure(a, b))) continue;
    const change: FigureChangeKind = a === null ? "added" : b === null ? "removed" : "revised";
    changes.push({ identity, entity: figure.entity, metric: figure.metric, period: figure.period, change, before: a, after: b });
  }
  return changes.sort(
    (x, y) =>
      x.entity.localeCompare(y.entity) ||
      x.metric.localeCompare(y.metric) ||
      x.period.localeCompare(y.period) ||
      x.identity.localeCompare(y.identity),
  );
}

/** A number of the scorecard or a quarter's flag, before and after, and how its values read. */
export interface NumberChange {
  what: string;
  kind: ColumnKind;
  before: Computed<number | string>;
  after: Computed<number | string>;
}

const HEADLINES: Record<keyof Headline, { label: string; kind: ColumnKind }> = {
  capexTtm: { label: "Capex TTM", kind: "usd_m" },
  capexTtmYoY: { label: "Capex TTM YoY", kind: "growth" },
  aiRevenueAnnualized: { label: "AI revenue, annualized", kind: "usd_m" },
  aiRevenueYoY: { label: "AI revenue YoY", kind: "growth" },
  coverage: { label: "Coverage", kind: "percent" },
  coverageYoY: { label: "Coverage YoY", kind: "growth" },
  dollarGap: { label: "Dollar gap", kind: "usd_m" },
  dollarGapYoY: { label: "Dollar gap YoY", kind: "growth" },
  sequoiaRequiredRevenue: { label: "Sequoia required revenue", kind: "usd_m" },
  capexToOcf: { label: "Capex / operating cash flow", kind: "percent" },
  capexToOcfYoY: { label: "Capex / operating cash flow YoY", kind: "growth" },
  freeCashFlow: { label: "Free cash flow TTM", kind: "usd_m" },
  freeCashFlowYoY: { label: "Free cash flow TTM YoY", kind: "growth" },
};

const sameComputed = (a: Computed<number | string>, b: Computed<number | string>) => a.value === b.value;

/**
 * The derived numbers that differ between two theses: the scorecard's quarter, status and streak,
 * its headline numbers (each of the quarter the scorecard reads), and each quarter's flag.
 */
export function thesisChanges(before: Thesis, after: Thesis): NumberChange[] {
  const changes: NumberChange[] = [];
  const push = (what: string, a: Computed<number | string>, b: Computed<number | string>, kind: ColumnKind = "text") => {
    if (!sameComputed(a, b)) changes.push({ what, kind, before: a, after: b });
  };
  const [s, t] = [before.scorecard, after.scorecard];
  push("Scorecard quarter", { value: s.quarter ?? "none" }, { value: t.quarter ?? "none" }, "quarter");
  push("Scorecard status", { value: s.status }, { value: t.status });
  push("Scorecard streak", { value: s.status === "unknown" ? 0 : s.streak }, { value: t.status === "unknown" ? 0 : t.streak }, "number");
  if (s.status !== "unknown" && t.status !== "unknown") {
    for (const [key, { label, kind }] of Object.entries(HEADLINES) as [keyof Headline, (typeof HEADLINES)[keyof Headline]][])
      push(label, s.headline[key], t.headline[key], kind);
  }
  const flags = new Map(before.quarters.map((q) => [q.quarter, q.flag.status]));
  for (const q of after.quarters) push(`Coverage flag ${q.quarter}`, { value: flags.get(q.quarter) ?? "none" }, { value: q.flag.status });
  return changes;
}

/** One quarter's coverage flag as first published (when the quarter was first complete) and now. */
export interface StatusVintage {
  quarter: string;
  firstPublished: { status: FlagStatus; version: number; date: string } | null;
  today: FlagStatus;
  /** Revisions since first publication changed the status. */
  revised: boolean;
}

/**
 * For each quarter of the latest thesis: its flag in the first version where it was known, beside
 * its flag today. `theses` are every version's, oldest first.
 */
export function statusVintages(
  theses: readonly { version: number; date: string; quarters: readonly { quarter: string; flag: { status: FlagStatus } }[] }[],
): StatusVintage[] {
  const latest = theses.at(-1);
  if (!latest) return [];
  const first = new Map<string, StatusVintage["firstPublished"]>();
  for (const { version, date, quarters } of theses) {
    for (const q of quarters)
      if (q.flag.status !== "unknown" && !first.has(q.quarter)) first.set(q.quarter, { status: q.flag.status, version, date });
  }
  return latest.quarters.map((q) => {
    const published = first.get(q.quarter) ?? null;
    return {
      quarter: q.quarter,
      firstPublished: published,
      today: q.flag.status,
      revised: published !== null && published.status !== q.flag.status,
    };
  });
}

/** XML text: the five characters XML reserves, escaped. */
export function xmlText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&apos;");
}

export interface FeedEntry {
  id: string;
  title: string;
  updated: string;
  link: string;
  summary: string;
}

/** An Atom feed (RFC 4287): its id, title, updated time, self and alternate links, and the entries, newest first. */
export function atomFeed(feed: {
  id: string;
  title: string;
  updated: string;
  self: string;
  alternate: string;
  entries: readonly FeedEntry[];
}): string {
  const entries = feed.entries
    .map(
      (entry) => `  <entry>
    <id>${xmlText(entry.id)}</id>
    <title>${xmlText(entry.title)}</title>
    <updated>${xmlText(entry.updated)}</updated>
    <link rel="alternate" type="text/html" href="${xmlText(entry.link)}"/>
    <summary type="text">${xmlText(entry.summary)}</summary>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xmlText(feed.id)}</id>
  <title>${xmlText(feed.title)}</title>
  <updated>${xmlText(feed.updated)}</updated>
  <author><name>AI Capex Monitor</name></author>
  <link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>
  <link rel="alternate" type="text/html" href="${xmlText(feed.alternate)}"/>
${entries}
</feed>
`;
}
