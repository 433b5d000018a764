// Capex relative to revenue against each company's earlier peak: the column said intensity "has not
// yet reached past peaks"; this shows whether it has.
import { ChartFrame } from "../../../components/ChartFrame.tsx";
import { SeriesChart, type SeriesLine } from "../../../components/SeriesChart.tsx";
import type { ThesisQuarter } from "../../../lib/api.ts";
import { companyColor } from "../../../lib/companyColors.ts";
import { formatPercent, formatPeriod } from "../../../lib/format.ts";
import { SERIES_COLORS } from "../../../lib/palette.ts";
import { AGGREGATE_LINE, earlierPeakLines, intensityRows } from "../thesisCharts.ts";

interface Props {
  quarters: ThesisQuarter[];
  companies: string[];
  nameOf: (id: string) => string;
  onSelectQuarter: (quarter: string) => void;
}

export function IntensityChart({ quarters, companies, nameOf, onSelectQuarter }: Props) {
  const rows = intensityRows(quarters);
  const peaks = earlierPeakLines(quarters);
  const lines: SeriesLine[] = [
    ...companies.map((entity) => ({ key: entity, label: nameOf(entity), color: companyColor(entity), kind: "percent" as const })),
    { key: AGGREGATE_LINE, label: "All selected", color: SERIES_COLORS.aggregate, kind: "percent", emphasis: true },
  ];
  const lineOf = (key: string) => lines.find((line) => line.key === key);
  const latest = quarters.findLast((q) => q.aggregate.intensity.value !== null);
  const latestIntensity = latest?.aggregate.intensity.value ?? null;
  const aggregatePeak = peaks.find((p) => p.key === AGGREGATE_LINE);
  const title =
    latestIntensity !== null && aggregatePeak
      ? `Capex is ${formatPercent(latestIntensity)} of revenue, ${aggregatePeak.exceeded ? "above" : "below"} the earlier peak of ${formatPercent(aggregatePeak.value)} (${formatPeriod(aggregatePeak.quarter)})`
      : "Capex intensity against earlier peaks";
  return (
    <ChartFrame
      id="capex-intensity"
      title={title}
      subtitle="Capex intensity: capex TTM / revenue TTM, per company and for all selected together; dotted lines mark each one's highest earlier intensity"
      source="Source: company filings (10-Q, 10-K); intensity computed by AI Capex Monitor (methodology in README)."
      legend={[...lines.map(({ label, color }) => ({ label, color })), { label: "earlier peak", color: "var(--muted)", dashed: true }]}
      table={{
        columns: [
          { key: "quarter", header: "Quarter", kind: "quarter" },
          ...lines.map(({ key, label }) => ({ key, header: label, kind: "percent" as const })),
        ],
        rows: [...rows].reverse(),
      }}
      tableCaption="Capex TTM as a share of revenue TTM"
      notes={
        <p className="chart-frame__notes">
          Earlier peaks before {latest ? formatPeriod(latest.quarter) : "the latest quarter"}:{" "}
          {peaks
            .map(
              (p) => `${lineOf(p.key)?.label} ${formatPercent(p.value)} in ${formatPeriod(p.quarter)}${p.exceeded ? " (now above)" : ""}`,
            )
            .join("; ")}
          .
        </p>
      }
      chart={
        <SeriesChart
          rows={rows}
          xKey="quarter"
          xKind="quarter"
          lines={lines}
          leftKind="percent"
          references={peaks.map((p) => ({
            y: p.value,
            color: lineOf(p.key)?.color ?? SERIES_COLORS.aggregate,
            label: `${lineOf(p.key)?.label} peak ${formatPercent(p.value)}`,
          }))}
          onSelect={onSelectQuarter}
        />
      }
    />
  );
}
