// Capex relative to revenue against each company's peak before the AI cycle: the column said
// intensity "has not yet reached past peaks"; this shows whether it has, and by how much.
import { memo } from "react";
import { ChartFrame } from "../../../components/ChartFrame.tsx";
import { SeriesChart, type SeriesLine } from "../../../components/SeriesChart.tsx";
import { annotationsFor } from "../../../lib/annotations.ts";
import type { ThesisQuarter } from "../../../lib/api.ts";
import { drawnQuarters } from "../../../lib/axes.ts";
import { companyColor } from "../../../lib/companyColors.ts";
import { formatPercent, formatPeriod } from "../../../lib/format.ts";
import { SERIES_COLORS } from "../../../lib/palette.ts";
import { AGGREGATE_LINE, intensityRows, type PeakLine, peakLines } from "../thesisCharts.ts";

interface Props {
  quarters: ThesisQuarter[];
  companies: string[];
  nameOf: (id: string) => string;
  /** ChatGPT's quarter: the peaks compared with are those before it. */
  cycleStart: string;
  onSelectQuarter: (quarter: string) => void;
}

const points = (difference: number) => `${(Math.abs(difference) * 100).toFixed(1)} points`;

/** "15.2 points above", "3.0 points below", "at". */
function against(peak: PeakLine): string {
  if (peak.latest === null) return "";
  const difference = peak.latest - peak.value;
  return difference === 0 ? "at" : `${points(difference)} ${difference > 0 ? "above" : "below"}`;
}

function IntensityChartView({ quarters, companies, nameOf, cycleStart, onSelectQuarter }: Props) {
  const rows = intensityRows(quarters);
  const peaks = peakLines(quarters, cycleStart);
  const lines: SeriesLine[] = [
    ...companies.map((entity) => ({ key: entity, label: nameOf(entity), color: companyColor(entity), kind: "percent" as const })),
    { key: AGGREGATE_LINE, label: "All selected", color: SERIES_COLORS.aggregate, kind: "percent", emphasis: true },
  ];
  const marks = annotationsFor(
    "capex-intensity",
    drawnQuarters(
      rows,
      lines.map((line) => line.key),
    ),
  );
  const lineOf = (key: string) => lines.find((line) => line.key === key);
  const latest = quarters.findLast((q) => q.aggregate.intensity.value !== null);
  const latestIntensity = latest?.aggregate.intensity.value ?? null;
  const aggregatePeak = peaks?.lines.find((p) => p.key === AGGREGATE_LINE);
  const peakName = peaks?.kind === "before" ? "its pre-ChatGPT peak" : "its earlier peak";
  const title =
    latest && latestIntensity !== null && aggregatePeak
      ? `Capex is ${formatPercent(latestIntensity)} of revenue (${formatPeriod(latest.quarter)}), ${against(aggregatePeak)} ${peakName} of ${formatPercent(aggregatePeak.value)} (${formatPeriod(aggregatePeak.quarter)})`
      : "Capex intensity against earlier peaks";
  const peaksAre =
    peaks?.kind === "before"
      ? `each one's highest intensity before ChatGPT's launch quarter, ${formatPeriod(peaks.quarter)}`
      : "each one's highest earlier intensity";
  return (
    <ChartFrame
      id="capex-intensity"
      annotations={marks}
      title={title}
      subtitle={`Capex intensity: capex TTM / revenue TTM, per company and for all selected together; dotted lines mark ${peaksAre}`}
      source="Source: company filings (10-Q, 10-K); intensity computed by AI Capex Monitor (methodology in README)."
      legend={[
        ...lines.map(({ label, color }) => ({ label, color })),
        { label: peaks?.kind === "before" ? "peak before ChatGPT" : "earlier peak", color: "var(--muted)", dashed: true },
      ]}
      table={{
        columns: [
          { key: "quarter", header: "Quarter", kind: "quarter" },
          ...lines.map(({ key, label }) => ({ key, header: label, kind: "percent" as const })),
        ],
        rows: [...rows].reverse(),
      }}
      tableCaption="Capex TTM as a share of revenue TTM"
      notes={
        peaks && (
          <p className="chart-frame__notes">
            {peaks.kind === "before"
              ? `Peaks before ${formatPeriod(peaks.quarter)}`
              : `Earlier peaks before ${formatPeriod(peaks.quarter)}`}
            :{" "}
            {peaks.lines
              .map(
                (p) =>
                  `${lineOf(p.key)?.label} ${formatPercent(p.value)} in ${formatPeriod(p.quarter)}${p.latest === null ? "" : `, now ${against(p)}`}`,
              )
              .join("; ")}
            .
          </p>
        )
      }
      chart={
        <SeriesChart
          annotations={marks}
          rows={rows}
          xKey="quarter"
          xKind="quarter"
          lines={lines}
          leftKind="percent"
          references={(peaks?.lines ?? []).map((p) => ({
            y: p.value,
            color: lineOf(p.key)?.color ?? SERIES_COLORS.aggregate,
            label: `${lineOf(p.key)?.label} ${formatPercent(p.value)}`,
          }))}
          onSelect={onSelectQuarter}
        />
      }
    />
  );
}

/** Drawn again only when its props change: a setting of another chart leaves it as it is. */
export const IntensityChart = memo(IntensityChartView);
