// What the build-out costs a year once depreciated over the chosen life, against the D&A the
// companies report, and the revenue that cost requires at the margin.
import { memo } from "react";
import { ChartFrame } from "../../../components/ChartFrame.tsx";
import { SeriesChart, type SeriesLine } from "../../../components/SeriesChart.tsx";
import { formatPercent, formatPeriod, formatUsdBillions } from "../../../lib/format.ts";
import { SERIES_COLORS } from "../../../lib/palette.ts";
import type { ScenariosResponse } from "../api/useScenarios.ts";
import { costRows } from "../scenarioCharts.ts";

const SOURCE =
  "Source: company cash-flow statements (10-Q, 10-K) for capex and D&A; AI run-rates from company statements and press reports. Method: straight-line depreciation of each quarter's capex (README, Scenarios).";

function BuildOutCostChartView({ scenarios }: { scenarios: ScenariosResponse }) {
  const { life, margin } = scenarios;
  const lines: SeriesLine[] = [
    {
      key: "requiredRevenue",
      label: `Required revenue (${formatPercent(margin)} margin)`,
      color: SERIES_COLORS.required,
      kind: "usd_m",
      dashed: true,
    },
    { key: "depreciation", label: `Depreciation over ${life} years`, color: SERIES_COLORS.depreciation, kind: "usd_m", dashed: true },
    { key: "reportedDaTtm", label: "D&A reported, TTM", color: SERIES_COLORS.netflix, kind: "usd_m" },
    { key: "aiRevenue", label: "AI revenue, annualized", color: SERIES_COLORS.aiRevenue, kind: "usd_m" },
  ];
  const rows = costRows(scenarios);
  const latest = scenarios.quarters.findLast((q) => q.requiredRevenue.value !== null && q.coverageOfRequired.value !== null);
  const title =
    latest?.requiredRevenue.value != null && latest.coverageOfRequired.value != null
      ? `Depreciated over ${life} years, the build-out requires ${formatUsdBillions(latest.requiredRevenue.value)} of revenue a year; AI revenue covers ${formatPercent(latest.coverageOfRequired.value)} (${formatPeriod(latest.quarter)})`
      : `What the build-out costs, depreciated over ${life} years`;
  return (
    <ChartFrame
      id="scenario-cost"
      title={title}
      subtitle={`Each quarter's capex of the selected hyperscalers depreciated straight-line over ${life} years, a year's amount, against reported D&A, and the revenue it requires at a ${formatPercent(margin)} gross margin, USD billions`}
      source={SOURCE}
      legend={lines.map(({ label, color, dashed }) => ({ label, color, dashed }))}
      table={{
        columns: [
          { key: "quarter", header: "Quarter", kind: "quarter" },
          { key: "depreciation", header: `Depreciation over ${life} years`, kind: "usd_m" },
          { key: "reportedDaTtm", header: "D&A reported, TTM", kind: "usd_m" },
          { key: "gap", header: "Depreciation - D&A", kind: "usd_m" },
          { key: "requiredRevenue", header: "Required revenue", kind: "usd_m" },
          { key: "aiRevenue", header: "AI revenue", kind: "usd_m" },
          { key: "coverage", header: "AI revenue / required", kind: "percent" },
        ],
        rows: [...rows].reverse(),
      }}
      tableCaption={`Depreciation over ${life} years against reported D&A, and the required revenue, USD billions`}
      notes={
        <p className="chart-frame__notes">
          The cohorts depreciate all capex, land and buildings included, from the quarter it is spent; reported D&A mixes lives of servers
          (about six years), buildings (decades) and amortization. Microsoft's D&A line includes "other".
        </p>
      }
      chart={<SeriesChart rows={rows} xKey="quarter" xKind="quarter" lines={lines} leftKind="usd_m" />}
    />
  );
}

/** Drawn again only when the scenarios change: a setting of another chart leaves it as it is. */
export const BuildOutCostChart = memo(BuildOutCostChartView);
