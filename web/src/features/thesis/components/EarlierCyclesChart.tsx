// The yardstick: consumer revenue pools of the smartphone era (devices, ads, subscriptions) beside
// AI revenue, each placed by years since its cycle began.
import { memo } from "react";
import { ChartFrame } from "../../../components/ChartFrame.tsx";
import { SeriesChart, type SeriesLine } from "../../../components/SeriesChart.tsx";
import type { ThesisResponse } from "../../../lib/api.ts";
import { companyColor } from "../../../lib/companyColors.ts";
import { SERIES_COLORS } from "../../../lib/palette.ts";
import { earlierCycleRows } from "../thesisCharts.ts";

const COLORS: Record<string, string> = {
  "AAPL:iphone_revenue": SERIES_COLORS.iphone,
  "GOOGL:ads_revenue": companyColor("GOOGL"),
  "META:ads_revenue": companyColor("META"),
  "NFLX:revenue": SERIES_COLORS.netflix,
  ai_revenue_annualized: SERIES_COLORS.aiRevenue,
};

function EarlierCyclesChartView({ cycles }: { cycles: ThesisResponse["earlierCycles"] }) {
  const rows = earlierCycleRows(cycles);
  const all: SeriesLine[] = cycles.map((c) => ({
    key: c.id,
    label: `${c.label} (from ${c.startQuarter.replace("-", " ")})`,
    color: COLORS[c.id] ?? "var(--muted)",
    kind: "usd_m",
    dashed: c.cycle === "ai",
  }));
  // A pool with no trailing year in the data set draws nothing: the legend would name an empty line.
  const drawn = new Set(cycles.filter((c) => c.points.some((p) => p.value.value !== null)).map((c) => c.id));
  const lines = all.filter((line) => drawn.has(line.key));
  const undrawn = cycles.filter((c) => !drawn.has(c.id));
  return (
    <ChartFrame
      id="earlier-cycles"
      title="Earlier cycles were paid for by consumers: devices, ads and subscriptions"
      subtitle="Consumer revenue pools by years since each cycle began (smartphone: iPhone launch, 2007 Q3; AI: ChatGPT launch, 2022 Q4), USD billions over the trailing year; AI as an annualized run-rate"
      source="Sources: Apple, Alphabet, Meta and Netflix filings (10-K, 10-Q); AI run-rates from company statements and press reports."
      legend={lines.map(({ label, color, dashed }) => ({ label, color, dashed }))}
      table={{
        columns: [
          { key: "years", header: "Years since start", kind: "years" },
          ...all.map(({ key, label }) => ({ key, header: label, kind: "usd_m" as const })),
        ],
        rows,
      }}
      tableCaption="Trailing-year revenue by years since each cycle began, USD billions"
      notes={
        <p className="chart-frame__notes">
          Only the years the data set covers are drawn: Apple's iPhone revenue before 2021 comes from fiscal-year totals (year ending late
          September), and earlier ad and subscription years are not in the data set yet. Spotify reports in euros and is not converted.
          {undrawn.length > 0 &&
            ` Not drawn: ${undrawn.map((c) => c.label).join(", ")}, of which the data set has no four consecutive quarters and no fiscal year (the Table view lists why each is missing).`}
        </p>
      }
      chart={<SeriesChart rows={rows} xKey="years" xKind="years" lines={lines} leftKind="usd_m" />}
    />
  );
}

/** Drawn again only when its props change: a setting of another chart leaves it as it is. */
export const EarlierCyclesChart = memo(EarlierCyclesChartView);
