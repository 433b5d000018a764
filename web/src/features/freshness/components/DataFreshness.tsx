// How current the figures are: the latest capex quarter and when the data last changed.
import { formatPeriod } from "../../../lib/format.ts";
import { useHealth } from "../api/useHealth.ts";

export function DataFreshness() {
  const health = useHealth();
  if (!health.data) return <p className="freshness">&nbsp;</p>;
  const capex = health.data.latest.find((row) => row.metric === "capex");
  const changedAt = health.data.dataVersion.changedAt;
  return (
    <p className="freshness">
      {capex?.latestQuarter && <>Capex through {formatPeriod(capex.latestQuarter)} · </>}
      {health.data.observations.toLocaleString("en-US")} cited figures
      {changedAt && <> · data updated {new Date(changedAt).toISOString().slice(0, 10)}</>}
    </p>
  );
}
