// How far a series runs for the view, with no markup: to the latest quarter every selected entity
// has, naming those that already go further. One company's upload of a new quarter is not yet the
// series' quarter: the charts need every company for a total, and so does the header.
import type { HealthResponse } from "../../lib/api.ts";
import { formatPeriod } from "../../lib/format.ts";

type EntityLatest = HealthResponse["latest"][number]["entities"][number];

export interface SeriesReach {
  /** The latest quarter (a day, for a run-rate) that every entity of the view has. */
  through: string;
  /** The entities that go further, each with its latest. */
  ahead: { entity: string; latest: string }[];
}

/** A point-in-time series (a run-rate) is dated by day, a flow by its quarter. */
const latestOf = (row: EntityLatest, byDay: boolean) =>
  byDay ? row.latestPeriodEnd : row.latestQuarter ? formatPeriod(row.latestQuarter) : row.latestPeriodEnd;

/** The reach of a series over the view's entities that report it; null when none does. */
export function seriesReach(entities: readonly EntityLatest[], selected: readonly string[] | null, byDay: boolean): SeriesReach | null {
  const rows = entities.filter((row) => selected === null || selected.includes(row.entity));
  if (rows.length === 0) return null;
  const key = (row: EntityLatest) => (byDay ? row.latestPeriodEnd : (row.latestQuarter ?? ""));
  const oldest = rows.reduce((a, b) => (key(b) < key(a) ? b : a));
  return {
    through: latestOf(oldest, byDay),
    ahead: rows.filter((row) => key(row) > key(oldest)).map((row) => ({ entity: row.entity, latest: latestOf(row, byDay) })),
  };
}
