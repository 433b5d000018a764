// When AI revenue would cover the build-out: the reported lines, then the projections dashed from
// the last real quarter, on a log scale (constant growth is a straight line).
import { memo } from "react";
import { ChartFrame } from "../../../components/ChartFrame.tsx";
import { SeriesChart, type SeriesLine } from "../../../components/SeriesChart.tsx";
import { formatGrowth, formatPeriod } from "../../../lib/format.ts";
import { SERIES_COLORS } from "../../../lib/palette.ts";
import type { ScenariosResponse } from "../api/useScenarios.ts";
import { AFTER_REACH_QUARTERS, projectionRows } from "../scenarioCharts.ts";

const SOURCE =
  "Source: company filings (10-Q, 10-K) for capex; AI run-rates from company statements and press reports. Projections are not data: constant growth from the last quarter with both figures (README, Scenarios).";

const LINES: SeriesLine[] = [
  { key: "capexTtm", label: "Capex, TTM", color: SERIES_COLORS.aggregate, kind: "usd_m" },
  { key: "aiRevenue", label: "AI revenue, annualized", color: SERIES_COLORS.aiRevenue, kind: "usd_m" },
  { key: "projectedCapex", label: "Capex TTM, projected", color: SERIES_COLORS.aggregate, kind: "usd_m", dashed: true },
  { key: "projectedAi", label: "AI revenue, projected", color: SERIES_COLORS.aiRevenue, kind: "usd_m", dashed: true },
  { key: "projectedRequired", label: "Required revenue, projected", color: SERIES_COLORS.required, kind: "usd_m", dashed: true },
];

function titleOf({ coverage }: ScenariosResponse): string {
  const reach = coverage.capexTtm.reach.value;
  if (reach?.kind === "never") return "At these growth rates AI revenue never catches up with capex";
  if (reach?.kind === "reached")
    return reach.quartersAhead === 0
      ? "AI revenue already covers a year's capex"
      : `At these growth rates AI revenue would overtake a year's capex in ${formatPeriod(reach.quarter)}`;
  return "When AI revenue would cover the build-out";
}

function CoverageProjectionChartView({ scenarios }: { scenarios: ScenariosResponse }) {
  const rows = projectionRows(scenarios);
  const { projection } = scenarios;
  const subtitle = projection
    ? `Reported (solid) and projected from ${formatPeriod(projection.from)} (dashed) at ${formatGrowth(projection.aiGrowth)} a year for AI revenue and ${formatGrowth(projection.capexGrowth)} for capex and the required revenue, USD billions, log scale`
    : "Capex TTM and AI revenue annualized, USD billions, log scale; no projection without both growth rates";
  return (
    <ChartFrame
      id="scenario-projection"
      title={titleOf(scenarios)}
      subtitle={subtitle}
      source={SOURCE}
      legend={LINES.map(({ label, color, dashed }) => ({ label, color, dashed }))}
      table={{
        columns: [
          { key: "quarter", header: "Quarter", kind: "quarter" },
          { key: "capexTtm", header: "Capex TTM", kind: "usd_m" },
          { key: "aiRevenue", header: "AI revenue", kind: "usd_m" },
          { key: "projectedCapex", header: "Capex TTM, projected", kind: "usd_m" },
          { key: "projectedAi", header: "AI revenue, projected", kind: "usd_m" },
          { key: "projectedRequired", header: "Required revenue, projected", kind: "usd_m" },
        ],
        rows: [...rows].reverse(),
      }}
      tableCaption="Capex TTM and AI revenue, reported and projected, USD billions"
      notes={
        <p className="chart-frame__notes">
          The required revenue is projected at capex's growth: the depreciation of a build-out growing steadily at that rate grows at it
          too. The chart stops {AFTER_REACH_QUARTERS} quarters after AI revenue reaches capex TTM and the required revenue, where it does;
          the Export runs to the end of the target year. Run-rates are not revenue; several are floors or press estimates.
        </p>
      }
      chart={<SeriesChart rows={rows} xKey="quarter" xKind="quarter" lines={LINES} leftKind="usd_m" scale="log" />}
    />
  );
}

/** Drawn again only when the scenarios change: a setting of another chart leaves it as it is. */
export const CoverageProjectionChart = memo(CoverageProjectionChartView);
