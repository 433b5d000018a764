// How current the figures are: the latest quarter of each series, the date of the latest SEC filing
// behind it where its figures cite filings, and when the data last changed.
import { formatPeriod } from "../../../lib/format.ts";
import { useMetrics } from "../../catalog/api/useMetrics.ts";
import { useHealth } from "../api/useHealth.ts";

const HEADLINE_METRICS = ["capex", "cloud_revenue", "datacenter_revenue", "ai_revenue_run_rate"];

export function DataFreshness() {
  const health = useHealth();
  const metrics = useMetrics();
  if (!health.data) return <p className="freshness">&nbsp;</p>;
  const labelOf = (id: string) => metrics.data?.metrics.find((m) => m.id === id)?.label ?? id;
  const latestOf = (row: (typeof health.data.latest)[number]) =>
    row.metric === "ai_revenue_run_rate" ? row.latestPeriodEnd : row.latestQuarter ? formatPeriod(row.latestQuarter) : row.latestPeriodEnd;
  const filedOf = (row: (typeof health.data.latest)[number]) => (row.latestFiling ? `, latest filing ${row.latestFiling}` : "");
  const changedAt = health.data.dataVersion.changedAt;
  return (
    <div className="freshness">
      <p>
        {health.data.latest
          .filter((row) => HEADLINE_METRICS.includes(row.metric))
          .map((row) => (
            <span key={row.metric} className="freshness__item" data-metric={row.metric}>
              {labelOf(row.metric)} to {latestOf(row)}
              {filedOf(row)}
            </span>
          ))}
        {changedAt && <span className="freshness__item">data changed {changedAt.slice(0, 16).replace("T", " ")} UTC</span>}
        <span className="freshness__item">{health.data.observations.toLocaleString("en-US")} cited figures</span>
      </p>
      <details>
        <summary>Latest figure of every series</summary>
        <ul>
          {health.data.latest.map((row) => (
            <li key={row.metric}>
              {labelOf(row.metric)}: {latestOf(row)} ({row.observations} figures{filedOf(row)})
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
