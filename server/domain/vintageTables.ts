// The vintages as a table (the "what changed" CSV) and as a feed: one Atom entry per data version.
import { usdBillions } from "./format.ts";
import { formatPeriod } from "./periods.ts";
import type { Table } from "./table.ts";
import { atomFeed, type FigureDelta, type NumberChange } from "./vintages.ts";

/** What /api/changes answers, as the table and the feed read it. */
interface ChangesLike {
  figures: readonly FigureDelta[];
  numbers: readonly NumberChange[];
}

/** Every figure added, revised or removed, with its old and new value, basis and source. */
export function changesTable({ figures }: ChangesLike): Table {
  return {
    columns: [
      { key: "entity", header: "Entity", kind: "text" },
      { key: "metric", header: "Metric", kind: "text" },
      { key: "period", header: "Period", kind: "text" },
      { key: "change", header: "Change", kind: "text" },
      { key: "before", header: "Value before", kind: "number" },
      { key: "after", header: "Value after", kind: "number" },
      { key: "before_basis", header: "Basis before", kind: "text" },
      { key: "after_basis", header: "Basis after", kind: "text" },
      { key: "before_source", header: "Source before", kind: "text" },
      { key: "after_source", header: "Source after", kind: "text" },
      { key: "upload", header: "Upload", kind: "number" },
    ],
    rows: figures.map((f) => ({
      entity: { value: f.entity },
      metric: { value: f.metric },
      period: { value: f.period },
      change: { value: f.change },
      before: { value: f.before?.value ?? null },
      after: { value: f.after?.value ?? null },
      before_basis: { value: f.before?.basis ?? null },
      after_basis: { value: f.after?.basis ?? null },
      before_source: { value: f.before?.source ?? null },
      after_source: { value: f.after?.source ?? null },
      upload: { value: f.after?.uploadId ?? f.before?.uploadId ?? null },
    })),
  };
}

/** One version's verdict, as /api/history lists it. */
interface VersionLike {
  version: number;
  kind: string;
  createdAt: string;
  fileName: string | null;
  tokenName: string;
  inserted: number;
  updated: number;
  deleted: number;
  flag: { quarter: string | null; status: string; streak: number; explanation: string };
  killerApps: { verdict: string };
  headline: {
    capexTtm: { value: number | null };
    aiRevenueAnnualized: { value: number | null };
    coverage: { value: number | null };
  } | null;
}

const amount = (value: number | null) => (value === null ? "missing" : usdBillions(value));
const percentOf = (value: number | null) => (value === null ? "missing" : `${(value * 100).toFixed(1)}%`);

/** The paragraph of one version: what came in, the flag before and after, the headline numbers. */
function entrySummary(version: VersionLike, previous: VersionLike | undefined): string {
  const what =
    version.kind === "revert"
      ? `A revert by ${version.tokenName}`
      : `${version.fileName ?? "An upload"} by ${version.tokenName}: ${version.inserted} figures added, ${version.updated} revised`;
  const flag = (v: VersionLike | undefined) =>
    v ? `${v.flag.status}${v.flag.quarter ? ` (${formatPeriod(v.flag.quarter)}, ${v.flag.streak} in a row)` : ""}` : "none";
  const h = version.headline;
  const numbers = h
    ? ` Capex TTM ${amount(h.capexTtm.value)}, AI revenue ${amount(h.aiRevenueAnnualized.value)} annualized, coverage ${percentOf(h.coverage.value)}.`
    : "";
  return `${what}. Coverage flag ${flag(previous)} before, ${flag(version)} after.${numbers} Killer-app watch: ${version.killerApps.verdict}`;
}

/** The Atom feed of every version, newest first; ids are the version numbers, `updated` the commit time. */
export function versionFeed(history: { versions: readonly VersionLike[] }, origin: string): string {
  const versions = history.versions;
  const entries = [...versions]
    .map((version, i) => ({
      id: `tag:ai-capex-monitor,2026:data-version:${version.version}`,
      title: `Data version ${version.version}: coverage flag ${version.flag.status}`,
      updated: version.createdAt,
      link: `${origin}/changes?from=${version.version - 1}&to=${version.version}`,
      summary: entrySummary(version, versions[i - 1]),
    }))
    .reverse();
  return atomFeed({
    id: "tag:ai-capex-monitor,2026:feed",
    title: "AI Capex Monitor: every change of the data and the verdict",
    updated: versions.at(-1)?.createdAt ?? new Date(0).toISOString(),
    self: `${origin}/feed.atom`,
    alternate: `${origin}/`,
    entries,
  });
}
