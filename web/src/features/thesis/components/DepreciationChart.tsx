// Capex today, depreciation tomorrow: the spending becomes a yearly cost that AI revenue must cover.
import { memo } from "react";
import { ChartFrame } from "../../../components/ChartFrame.tsx";
import { SeriesChart, type SeriesLine } from "../../../components/SeriesChart.tsx";
import { annotationsFor } from "../../../lib/annotations.ts";
import type { ThesisQuarter } from "../../../lib/api.ts";
import { drawnQuarters } from "../../../lib/axes.ts";
import { formatMultiple, formatPeriod } from "../../../lib/format.ts";
import { SERIES_COLORS } from "../../../lib/palette.ts";
import { useNames } from "../../catalog/api/useNames.ts";
import { depreciationRows } from "../thesisCharts.ts";

const SOURCE =
  "Source: company cash-flow statements (10-Q, 10-K). Microsoft's D&A line includes \"other\"; Alphabet's is depreciation of property and equipment only, and 2021-2022 are missing (sources conflict).";

const missingReasons = (computed: ThesisQuarter["funding"]["aggregate"]["daTtm"] | undefined) =>
  computed && computed.value === null ? computed.reasons : [];

const LINES: SeriesLine[] = [
  { key: "capexTtm", label: "Capex, TTM", color: SERIES_COLORS.aggregate, kind: "usd_m" },
  { key: "daTtm", label: "Depreciation and amortization, TTM", color: SERIES_COLORS.netflix, kind: "usd_m" },
];

function DepreciationChartView({ quarters, onSelectQuarter }: { quarters: ThesisQuarter[]; onSelectQuarter: (quarter: string) => void }) {
  const names = useNames();
  const rows = depreciationRows(quarters);
  const marks = annotationsFor(
    "depreciation",
    drawnQuarters(
      rows,
      LINES.map((line) => line.key),
    ),
  );
  const latest = quarters.findLast((q) => q.funding.aggregate.capexToDa.value !== null);
  // Why the series stops before the view's last quarter: the companies whose D&A is missing after it.
  const after = latest ? quarters.find((q) => q.quarter > latest.quarter) : undefined;
  const stopped = [...new Set(missingReasons(after?.funding.aggregate.daTtm).flatMap((r) => (r.entity ? [r.entity] : [])) ?? [])];
  const reach =
    latest && stopped.length > 0
      ? `; D&A runs to ${formatPeriod(latest.quarter)} for all selected together: ${stopped.map(names.entity).join(", ")} ${stopped.length === 1 ? "has" : "have"} none after it`
      : "";
  const capexToDa = latest?.funding.aggregate.capexToDa.value ?? null;
  const title =
    latest && capexToDa !== null
      ? `Capex runs at ${formatMultiple(capexToDa)} depreciation: tomorrow's cost is building up (${formatPeriod(latest.quarter)})`
      : "Capex today, depreciation tomorrow";
  return (
    <ChartFrame
      id="depreciation"
      annotations={marks}
      title={title}
      subtitle={`Capex and depreciation and amortization of the selected hyperscalers, trailing twelve months, USD billions${reach}`}
      source={SOURCE}
      legend={LINES.map(({ label, color }) => ({ label, color }))}
      table={{
        columns: [
          { key: "quarter", header: "Quarter", kind: "quarter" },
          { key: "capexTtm", header: "Capex TTM", kind: "usd_m" },
          { key: "daTtm", header: "D&A TTM", kind: "usd_m" },
          { key: "daTtmYoY", header: "D&A TTM YoY", kind: "growth" },
          { key: "capexToDa", header: "Capex / D&A", kind: "multiple" },
        ],
        rows: [...rows].reverse(),
      }}
      tableCaption="Capex and D&A over the trailing twelve months, USD billions"
      chart={
        <SeriesChart
          annotations={marks}
          rows={rows}
          xKey="quarter"
          xKind="quarter"
          lines={LINES}
          leftKind="usd_m"
          onSelect={onSelectQuarter}
        />
      }
    />
  );
}

/** Drawn again only when its props change: a setting of another chart leaves it as it is. */
export const DepreciationChart = memo(DepreciationChartView);
