// Sequoia's question (David Cahn, "AI's $200B Question", 2023, and "AI's $600B Question", 2024):
// the revenue NVIDIA's data-center sales imply the AI ecosystem must earn, against what it earns.
import { memo } from "react";
import { THESIS_PARAMETERS } from "../../../../../server/domain/parameters.ts";
import { ChartFrame } from "../../../components/ChartFrame.tsx";
import { NumberField } from "../../../components/NumberField.tsx";
import { SeriesChart, type SeriesLine } from "../../../components/SeriesChart.tsx";
import { annotationsFor } from "../../../lib/annotations.ts";
import type { ThesisQuarter } from "../../../lib/api.ts";
import { drawnQuarters } from "../../../lib/axes.ts";
import { formatPeriod, formatUsdBillions } from "../../../lib/format.ts";
import { SERIES_COLORS } from "../../../lib/palette.ts";
import { sequoiaRows } from "../thesisCharts.ts";

interface Props {
  quarters: ThesisQuarter[];
  gpuShare: number;
  margin: number;
  onChange: (change: { gpuShare?: number; margin?: number }) => void;
  onSelectQuarter: (quarter: string) => void;
}

const SOURCE =
  'Method: Sequoia Capital (David Cahn), "AI\'s $200B Question" (Sep 2023) and "AI\'s $600B Question" (Jun 2024). Data: NVIDIA quarterly results; AI run-rates from company statements and press reports.';

const LINES: SeriesLine[] = [
  { key: "required", label: "Revenue required (Sequoia)", color: SERIES_COLORS.required, kind: "usd_m", dashed: true },
  { key: "aiRevenue", label: "AI revenue, annualized run-rate", color: SERIES_COLORS.aiRevenue, kind: "usd_m" },
];

function SequoiaChartView({ quarters, gpuShare, margin, onChange, onSelectQuarter }: Props) {
  const rows = sequoiaRows(quarters);
  const marks = annotationsFor(
    "sequoia-gap",
    drawnQuarters(
      rows,
      LINES.map((line) => line.key),
    ),
  );
  const latest = quarters.findLast((q) => q.sequoiaGap.value !== null);
  const gap = latest?.sequoiaGap.value ?? null;
  const title =
    latest && gap !== null
      ? `AI revenue is ${formatUsdBillions(gap)} short of what NVIDIA's sales imply (${formatPeriod(latest.quarter)})`
      : "Sequoia's question: required revenue against AI revenue";
  const multiplier = (value: number) => `x${(1 / value).toFixed(2).replace(/\.?0+$/, "")}`;
  return (
    <ChartFrame
      id="sequoia-gap"
      annotations={marks}
      title={title}
      subtitle={`Required revenue = NVIDIA data-center revenue x 4 (annual run-rate) / GPU share of data-center cost (${multiplier(gpuShare)}) / (1 - buyer's gross margin) (${multiplier(1 - margin)}), USD billions`}
      source={SOURCE}
      legend={LINES.map(({ label, color, dashed }) => ({ label, color, dashed }))}
      table={{
        columns: [
          { key: "quarter", header: "Quarter", kind: "quarter" },
          { key: "nvdaDatacenter", header: "NVIDIA data-center revenue", kind: "usd_m" },
          { key: "required", header: "Revenue required", kind: "usd_m" },
          { key: "aiRevenue", header: "AI revenue annualized", kind: "usd_m" },
          { key: "gap", header: "Sequoia gap", kind: "usd_m" },
        ],
        rows: [...rows].reverse(),
      }}
      tableCaption="Sequoia's required revenue, AI revenue and the gap, USD billions"
      controls={
        <div className="inline-controls">
          <NumberField
            label="GPU share of data-center cost"
            name="gpuShare"
            value={gpuShare}
            parameter={THESIS_PARAMETERS.gpuShare}
            onChange={(value) => onChange({ gpuShare: value })}
          />
          <NumberField
            label="Buyer's gross margin"
            name="margin"
            value={margin}
            parameter={THESIS_PARAMETERS.margin}
            onChange={(value) => onChange({ margin: value })}
          />
        </div>
      }
      notes={
        <p className="chart-frame__notes">
          NVIDIA's fiscal quarter is placed in the calendar quarter holding most of it; Data Center includes Mellanox from fiscal 2021 Q2.
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
          onSelect={onSelectQuarter}
        />
      }
    />
  );
}

/** Drawn again only when its props change: a setting of another chart leaves it as it is. */
export const SequoiaChart = memo(SequoiaChartView);
