// The verdict history as the chart and its table read it: each quarter's flag as first published
// beside its flag with today's data (ALFRED's first release against the latest vintage).

import type { StatusVintage } from "../../lib/api.ts";
import type { Row, Table } from "../../lib/chartTable.ts";
import { formatPeriod } from "../../lib/format.ts";

export type FlagStatus = StatusVintage["today"];

/** One mark of the strip chart: a quarter (x, its index) in one row (y: 1 first published, 0 today). */
export interface StatusMark {
  x: number;
  y: 0 | 1;
  quarter: string;
  status: FlagStatus;
  revised: boolean;
}

export function statusMarks(quarters: readonly StatusVintage[]): StatusMark[] {
  return quarters.flatMap((q, x) => [
    ...(q.firstPublished ? [{ x, y: 1 as const, quarter: q.quarter, status: q.firstPublished.status, revised: q.revised }] : []),
    { x, y: 0 as const, quarter: q.quarter, status: q.today, revised: q.revised },
  ]);
}

/** Newest first, as the other tables: the quarter, both statuses, and where the first came from. */
export function verdictHistoryTable(quarters: readonly StatusVintage[]): Table {
  const rows: Row[] = [...quarters].reverse().map((q) => ({
    quarter: { value: q.quarter },
    firstPublished: {
      value: q.firstPublished?.status ?? null,
      ...(q.firstPublished ? {} : { note: "never known: no version had this quarter's flag" }),
    },
    firstVersion: { value: q.firstPublished?.version ?? null },
    firstDate: { value: q.firstPublished ? q.firstPublished.date.slice(0, 10) : null },
    today: { value: q.today },
    revised: { value: q.revised ? "yes" : "no" },
  }));
  return {
    columns: [
      { key: "quarter", header: "Quarter", kind: "quarter" },
      { key: "firstPublished", header: "Flag as first published", kind: "text" },
      { key: "firstVersion", header: "First published in version", kind: "number" },
      { key: "firstDate", header: "First published on", kind: "text" },
      { key: "today", header: "Flag with today's data", kind: "text" },
      { key: "revised", header: "Changed by a revision", kind: "text" },
    ],
    rows,
  };
}

/** The chart's title: the finding, whether revisions have changed any quarter's flag. */
export function verdictHistoryTitle(quarters: readonly StatusVintage[]): string {
  const revised = quarters.filter((q) => q.revised);
  if (revised.length === 0) return "No revision has changed a quarter's flag since it was first published";
  const list = revised.map((q) => `${formatPeriod(q.quarter)} (${q.firstPublished?.status} to ${q.today})`).join(", ");
  return `Revisions changed the flag of ${revised.length} quarter${revised.length === 1 ? "" : "s"} after it was first published: ${list}`;
}
