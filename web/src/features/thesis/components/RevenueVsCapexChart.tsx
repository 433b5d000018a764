// The build-out and what pays for it, on one time axis: capex TTM against AI revenue annualized.
import { memo } from "react";
import { ChartFrame } from "../../../components/ChartFrame.tsx";
import { SeriesChart, type SeriesLine } from "../../../components/SeriesChart.tsx";
import { annotationsFor } from "../../../lib/annotations.ts";
import type { ThesisQuarter } from "../../../lib/api.ts";
import { drawnQuarters } from "../../../lib/axes.ts";
import { formatMultiple, formatPeriod } from "../../../lib/format.ts";
import { SERIES_COLORS } from "../../../lib/palette.ts";
import { revenueVsCapexRows } from "../thesisCharts.ts";

interface Props {
  quarters: ThesisQuarter[];
  scale: "linear" | "log";
  onScale: (scale: "linear" | "log") => void;
  onSelectQuarter: (quarter: string) => void;
}

const LINES: SeriesLine[] = [
  { key: "capexTtm", label: "Capex, TTM", color: SERIES_COLORS.aggregate, kind: "usd_m" },
  { key: "cloudRevenueTtm", label: "Cloud revenue, TTM", color: SERIES_COLORS.cloudRevenue, kind: "usd_m" },
  { key: "aiRevenue", label: "AI revenue, annualized run-rate", color: SERIES_COLORS.aiRevenue, kind: "usd_m", dashed: true },
];

function RevenueVsCapexChartView({ quarters, scale, onScale, onSelectQuarter }: Props) {
  const rows = revenueVsCapexRows(quarters);
  const marks = annotationsFor(
    "capex-vs-ai-revenue",
    drawnQuarters(
      rows,
      LINES.map((line) => line.key),
    ),
  );
  const latest = quarters.findLast((q) => q.aggregate.capexTtm.value !== null && q.aiRevenue.total.value !== null);
  const capexTtm = latest?.aggregate.capexTtm.value ?? null;
  const aiRevenue = latest?.aiRevenue.total.value ?? null;
  const title =
    latest && capexTtm !== null && aiRevenue !== null
      ? `Capex runs at ${formatMultiple(capexTtm / aiRevenue)} AI revenue (${formatPeriod(latest.quarter)})`
      : "Capex against AI revenue";
  return (
    <ChartFrame
      id="capex-vs-ai-revenue"
      annotations={marks}
      title={title}
      subtitle="Hyperscaler capex and the cloud companies' cloud revenue over the trailing twelve months against AI companies' annualized revenue run-rate, USD billions; hollow points are interpolated, carried forward or press estimates"
      source="Sources: company filings for capex and cloud segment revenue (AWS, Google Cloud, Microsoft Intelligent Cloud, re-segmented in 2024); company statements and press reports for AI run-rates."
      legend={LINES.map(({ label, color, dashed }) => ({ label, color, dashed }))}
      table={{
        columns: [
          { key: "quarter", header: "Quarter", kind: "quarter" },
          { key: "capexTtm", header: "Capex TTM", kind: "usd_m" },
          { key: "cloudRevenueTtm", header: "Cloud revenue TTM", kind: "usd_m" },
          { key: "aiRevenue", header: "AI revenue annualized", kind: "usd_m" },
          { key: "capexToCloud", header: "Capex / cloud revenue (TTM)", kind: "percent" },
        ],
        rows: [...rows].reverse(),
      }}
      tableCaption="Capex TTM, cloud revenue TTM and AI revenue annualized, USD billions"
      controls={
        <div className="segmented" role="group" aria-label="Scale">
          {(["linear", "log"] as const).map((option) => (
            <button key={option} type="button" aria-pressed={scale === option} onClick={() => onScale(option)}>
              {option === "linear" ? "Linear" : "Log"}
            </button>
          ))}
        </div>
      }
      notes={
        <p className="chart-frame__notes">
          A run-rate is a point in time, not revenue earned over a year, and several are floors ("more than $X"). No source splits it into
          consumer and enterprise revenue.
        </p>
      }
      chart={
        <SeriesChart
          annotations={marks}
          rows={rows}
          xKey="quarter"
          xKind="quarter"
          lines={LINES}
          leftKind="usd_m"
          scale={scale}
          onSelect={onSelectQuarter}
        />
      }
    />
  );
}

/** Drawn again only when its props change: a setting of another chart leaves it as it is. */
export const RevenueVsCapexChart = memo(RevenueVsCapexChartView);
