// Who pays for the build-out: capex against operating cash flow, per company and together. While
// capex stays under OCF customers' cash pays for it; above it, balance sheets, debt or equity do.
import { memo } from "react";

import { ChartFrame } from "../../../components/ChartFrame.tsx";
import { SeriesChart, type SeriesLine } from "../../../components/SeriesChart.tsx";
import { annotationsFor } from "../../../lib/annotations.ts";
import type { ThesisQuarter } from "../../../lib/api.ts";
import { fitRows } from "../../../lib/axes.ts";
import type { Column, Row } from "../../../lib/chartTable.ts";
import { formatPeriod, formatUsdBillions } from "../../../lib/format.ts";
import { SERIES_COLORS } from "../../../lib/palette.ts";
import { describeReasons } from "../../../lib/reasons.ts";
import { useNames } from "../../catalog/api/useNames.ts";
import { AGGREGATE_LINE, aggregateFunding, companyFunding, fundingRows } from "../thesisCharts.ts";

interface Props {
  quarters: ThesisQuarter[];
  companies: string[];
  nameOf: (id: string) => string;
  onSelectQuarter: (quarter: string) => void;
}

const LINES: SeriesLine[] = [
  { key: "ocfTtm", label: "Operating cash flow, TTM", color: SERIES_COLORS.cloudRevenue, kind: "usd_m" },
  { key: "capexTtm", label: "Capex, TTM", color: SERIES_COLORS.aggregate, kind: "usd_m" },
];
const LINE_KEYS = LINES.map((line) => line.key);
// A CSS variable: the dark theme needs a lighter violet to be seen at all.
const EXTERNAL = "var(--external)";

function FundingChartView({ quarters, companies, nameOf, onSelectQuarter }: Props) {
  const names = useNames();
  const panels = [aggregateFunding("All selected"), ...companies.map((entity) => companyFunding(entity, nameOf(entity)))];
  const latest = quarters.findLast((q) => q.funding.aggregate.flag.status !== "unknown");
  const flag = latest?.funding.aggregate.flag;
  const external = latest ? latest.funding.companies.filter((c) => c.flag.status === "externally funded").map((c) => nameOf(c.entity)) : [];
  const title =
    latest && flag && flag.margin !== null
      ? `${flag.status === "self-funded" ? "Customers' cash still pays" : "Capex now exceeds operating cash flow"}: ${formatUsdBillions(Math.abs(flag.margin))} ${
          flag.margin >= 0 ? "to spare" : "from elsewhere"
        } (${formatPeriod(latest.quarter)})${external.length ? `; ${external.join(", ")} externally funded` : ""}`
      : "Capex against operating cash flow";
  const columns: Column[] = [
    { key: "quarter", header: "Quarter", kind: "quarter" },
    ...panels.flatMap(({ id, label }): Column[] => [
      { key: `${id}.capexTtm`, header: `${label} capex TTM`, kind: "usd_m" },
      { key: `${id}.ocfTtm`, header: `${label} OCF TTM`, kind: "usd_m" },
      { key: `${id}.fcfTtm`, header: `${label} free cash flow TTM`, kind: "usd_m" },
      { key: `${id}.capexToOcf`, header: `${label} capex / OCF`, kind: "percent" },
      { key: `${id}.funding`, header: `${label} funding`, kind: "text" },
    ]),
  ];
  const rowsByPanel = panels.map((panel) => ({ panel, rows: fundingRows(quarters, panel) }));
  const tableRows = quarters.map((q, i) => ({
    quarter: { value: q.quarter },
    ...Object.fromEntries(
      rowsByPanel.flatMap(({ panel, rows }) =>
        Object.entries(rows[i] ?? {})
          .filter(([key]) => key !== "quarter")
          .map(([key, cell]) => [`${panel.id}.${key}`, cell]),
      ),
    ),
  }));
  // The multiples share one span, from the first to the last quarter any panel has data for, so they line up.
  const drawn = rowsByPanel.flatMap(({ rows }) => fitRows(rows, LINE_KEYS).map((row) => String(row.quarter?.value))).sort();
  const [first, last] = [drawn[0] ?? "", drawn.at(-1) ?? ""];
  const marks = annotationsFor(
    "funding",
    quarters.map((q) => q.quarter).filter((quarter) => quarter >= first && quarter <= last),
  );
  const inSpan = (rows: Row[]) =>
    rows.filter((row) => {
      const quarter = String(row.quarter?.value);
      return quarter >= first && quarter <= last;
    });
  return (
    <ChartFrame
      id="funding"
      annotations={marks}
      title={title}
      subtitle="Capex and operating cash flow, trailing twelve months, USD billions; the band between them is free cash flow; shaded quarters are externally funded (capex above OCF)"
      source="Source: company cash-flow statements (10-Q, 10-K): net cash from operating activities and purchases of property and equipment. Several years restated; see the data notes."
      legend={[...LINES.map(({ label, color }) => ({ label, color })), { label: "externally funded quarter", color: EXTERNAL }]}
      table={{ columns, rows: [...tableRows].reverse() }}
      tableCaption="Capex, operating cash flow and free cash flow (TTM, USD billions), capex / OCF and the funding flag"
      chart={
        <div className="multiples">
          {rowsByPanel.map(({ panel, rows }) => {
            const wide = panel.id === AGGREGATE_LINE;
            return (
              <div key={panel.id} className={`multiple${wide ? " multiple--wide" : ""}`} data-multiple={panel.label} data-entity={panel.id}>
                <h3>{panel.label}</h3>
                <SeriesChart
                  rows={inSpan(rows)}
                  fit={false}
                  xKey="quarter"
                  xKind="quarter"
                  lines={LINES}
                  leftKind="usd_m"
                  height={wide ? 260 : 180}
                  compact={!wide}
                  annotations={wide ? marks : []}
                  band={{ low: "capexTtm", high: "ocfTtm", color: SERIES_COLORS.cloudRevenue }}
                  shadeOf={(row) => (row.funding?.value === "externally funded" ? { status: "external", color: EXTERNAL } : null)}
                  tooltipExtra={(row) =>
                    row.funding?.value ? (
                      <p className="tooltip__hint">
                        {String(row.funding.value)}
                        {row.funding.reasons?.length ? `: ${describeReasons(row.funding.reasons, names)}` : ""}
                      </p>
                    ) : null
                  }
                  onSelect={onSelectQuarter}
                />
              </div>
            );
          })}
        </div>
      }
    />
  );
}

/** Drawn again only when its props change: a setting of another chart leaves it as it is. */
export const FundingChart = memo(FundingChartView);
