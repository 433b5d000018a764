// How current the figures are for the view: each headline series to the latest quarter every
// selected company has (naming any that go further), the date of the latest SEC filing behind it
// where its figures cite filings, and when the data last changed.
import { memo } from "react";
import { formatPeriod, formatTime } from "../../../lib/format.ts";
import { useNames } from "../../catalog/api/useNames.ts";
import { useHealth } from "../api/useHealth.ts";
import { seriesReach } from "../freshness.ts";

/** The series the header names; the view decides whose figures count for each (selectedFor). */
const HEADLINE_SERIES = ["capex", "cloud_revenue", "datacenter_revenue", "ai_revenue_run_rate"] as const;

function DataFreshnessView({ companies, aiRevenue }: { companies: string[]; aiRevenue: string[] }) {
  const health = useHealth();
  const names = useNames();
  if (!health.data) return <p className="freshness">&nbsp;</p>;
  const selectedFor = (metric: string) =>
    metric === "ai_revenue_run_rate" ? aiRevenue : metric === "datacenter_revenue" ? null : companies;
  const reachOf = (row: (typeof health.data.latest)[number]) => {
    const byDay = row.metric === "ai_revenue_run_rate";
    const reach = seriesReach(row.entities, selectedFor(row.metric), byDay) ?? seriesReach(row.entities, null, byDay);
    if (!reach) return row.latestQuarter ? formatPeriod(row.latestQuarter) : row.latestPeriodEnd;
    const ahead = reach.ahead.map((a) => `${names.entity(a.entity)} to ${a.latest}`).join(", ");
    return ahead ? `${reach.through} (${ahead})` : reach.through;
  };
  const filedOf = (row: (typeof health.data.latest)[number]) => (row.latestFiling ? `, latest filing ${row.latestFiling}` : "");
  const changedAt = health.data.dataVersion.changedAt;
  return (
    <div className="freshness">
      <p>
        {HEADLINE_SERIES.flatMap((metric) => health.data.latest.filter((row) => row.metric === metric)).map((row) => (
          <span key={row.metric} className="freshness__item" data-metric={row.metric}>
            {names.metric(row.metric)} to {reachOf(row)}
            {filedOf(row)}
          </span>
        ))}
        {changedAt && <span className="freshness__item">data changed {formatTime(changedAt)}</span>}
        <span className="freshness__item">{health.data.observations.toLocaleString("en-US")} cited figures</span>
      </p>
      <details>
        <summary>Latest figure of every series</summary>
        <ul>
          {health.data.latest.map((row) => (
            <li key={row.metric}>
              {names.metric(row.metric)}: {reachOf(row)} ({row.observations} figures{filedOf(row)})
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/** Drawn again only when its props change: a setting of another chart leaves it as it is. */
export const DataFreshness = memo(DataFreshnessView);
