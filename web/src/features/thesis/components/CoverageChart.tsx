// Is revenue keeping pace? Coverage (AI revenue / capex TTM) and the dollar gap, with every flagged
// quarter shaded in the flag's colour.
import { memo } from "react";
import { ChartFrame } from "../../../components/ChartFrame.tsx";
import { SeriesChart, type SeriesLine } from "../../../components/SeriesChart.tsx";
import { annotationsFor } from "../../../lib/annotations.ts";
import type { ThesisQuarter } from "../../../lib/api.ts";
import { drawnQuarters, fitRows } from "../../../lib/axes.ts";
import { cellNote } from "../../../lib/chartTable.ts";
import { formatPercent, formatPeriod, formatUsdBillions } from "../../../lib/format.ts";
import { FLAG_COLORS, SERIES_COLORS } from "../../../lib/palette.ts";
import { useNames } from "../../catalog/api/useNames.ts";
import { coverageRows } from "../thesisCharts.ts";

interface Props {
  quarters: ThesisQuarter[];
  lookback: number;
  onSelectQuarter: (quarter: string) => void;
}

const LINES: SeriesLine[] = [
  { key: "coverage", label: "Coverage ratio (left)", color: SERIES_COLORS.aiRevenue, kind: "percent" },
  { key: "dollarGap", label: "Dollar gap (right)", color: SERIES_COLORS.aggregate, kind: "usd_m", axis: "right", dashed: true },
];

function CoverageChartView({ quarters, lookback, onSelectQuarter }: Props) {
  const names = useNames();
  const rows = coverageRows(quarters);
  const marks = annotationsFor(
    "coverage",
    drawnQuarters(
      rows,
      LINES.map((line) => line.key),
    ),
  );
  // The legend names only the shadings the chart draws: the flagged quarters among those it shows.
  const shown = new Set(
    fitRows(
      rows,
      LINES.map((line) => line.key),
    ).map((row) => row.flag?.value),
  );
  const shadings = (["amber", "red"] as const).filter((status) => shown.has(status));
  const latest = quarters.findLast((q) => q.coverage.value !== null && q.dollarGap.value !== null);
  const coverage = latest?.coverage.value ?? null;
  const gap = latest?.dollarGap.value ?? null;
  const title =
    latest && coverage !== null && gap !== null
      ? `AI revenue covers ${formatPercent(coverage)} of capex; the gap is ${formatUsdBillions(gap)} (${formatPeriod(latest.quarter)})`
      : "Coverage of capex by AI revenue";
  return (
    <ChartFrame
      id="coverage"
      annotations={marks}
      title={title}
      subtitle={`Coverage = AI revenue annualized / capex TTM; dollar gap = capex TTM - AI revenue. Shaded: the coverage flag against ${lookback} quarter${lookback === 1 ? "" : "s"} earlier (amber: one rule holds, red: both)`}
      source="Sources: company filings for capex; company statements and press reports for AI run-rates. Flag rules in the README."
      legend={[
        ...LINES.map(({ label, color, dashed }) => ({ label, color, dashed })),
        ...shadings.map((status) => ({ label: `${status} quarter`, color: FLAG_COLORS[status] })),
      ]}
      table={{
        columns: [
          { key: "quarter", header: "Quarter", kind: "quarter" },
          { key: "coverage", header: "Coverage", kind: "percent" },
          { key: "dollarGap", header: "Dollar gap", kind: "usd_m" },
          { key: "flag", header: "Flag", kind: "text" },
        ],
        rows: [...rows].reverse(),
      }}
      tableCaption="Coverage ratio, dollar gap and the coverage flag with its explanation"
      chart={
        <SeriesChart
          annotations={marks}
          rows={rows}
          xKey="quarter"
          xKind="quarter"
          lines={LINES}
          leftKind="percent"
          rightKind="usd_m"
          shadeOf={(row) => {
            const status = row.flag?.value;
            return status === "red" || status === "amber" ? { status, color: FLAG_COLORS[status] } : null;
          }}
          tooltipExtra={(row) =>
            row.flag?.value ? (
              <p className={`tooltip__flag tooltip__flag--${row.flag.value}`}>
                {row.flag.value === "unknown" ? "Flag unknown: " : ""}
                {cellNote(row.flag, names)}
              </p>
            ) : null
          }
          onSelect={onSelectQuarter}
        />
      }
    />
  );
}

/** Drawn again only when its props change: a setting of another chart leaves it as it is. */
export const CoverageChart = memo(CoverageChartView);
