// Who pays for the build-out: capex against operating cash flow, per company and together. While
// capex stays under OCF customers' cash pays for it; above it, balance sheets, debt or equity do.
import { ChartFrame } from "../../../components/ChartFrame.tsx";
import { SeriesChart, type SeriesLine } from "../../../components/SeriesChart.tsx";
import type { ThesisQuarter } from "../../../lib/api.ts";
import type { ChartColumn } from "../../../lib/chartTable.ts";
import { formatPeriod, formatUsdBillions } from "../../../lib/format.ts";
import { SERIES_COLORS } from "../../../lib/palette.ts";
import { fundingRows } from "../thesisCharts.ts";

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
const EXTERNAL = "#6b4f8a";

export function FundingChart({ quarters, companies, nameOf, onSelectQuarter }: Props) {
  const panels = ["aggregate", ...companies];
  const label = (entity: string) => (entity === "aggregate" ? "All selected" : nameOf(entity));
  const latest = quarters.findLast((q) => q.funding.aggregate.flag.status !== "unknown");
  const flag = latest?.funding.aggregate.flag;
  const external = latest ? latest.funding.companies.filter((c) => c.flag.status === "externally funded").map((c) => nameOf(c.entity)) : [];
  const title =
    latest && flag && flag.margin !== null
      ? `${flag.status === "self-funded" ? "Customers' cash still pays" : "Capex now exceeds operating cash flow"}: ${formatUsdBillions(Math.abs(flag.margin))} ${
          flag.margin >= 0 ? "to spare" : "from elsewhere"
        } (${formatPeriod(latest.quarter)})${external.length ? `; ${external.join(", ")} externally funded` : ""}`
      : "Capex against operating cash flow";
  const columns: ChartColumn[] = [
    { key: "quarter", label: "Quarter", kind: "quarter" },
    ...panels.flatMap((entity): ChartColumn[] => [
      { key: `${entity}.capexTtm`, label: `${label(entity)} capex TTM`, kind: "usd_m" },
      { key: `${entity}.ocfTtm`, label: `${label(entity)} OCF TTM`, kind: "usd_m" },
      { key: `${entity}.fcfTtm`, label: `${label(entity)} free cash flow TTM`, kind: "usd_m" },
      { key: `${entity}.capexToOcf`, label: `${label(entity)} capex / OCF`, kind: "percent" },
      { key: `${entity}.funding`, label: `${label(entity)} funding`, kind: "text" },
    ]),
  ];
  const rowsByPanel = panels.map((entity) => fundingRows(quarters, entity));
  const tableRows = quarters.map((_, i) => ({
    quarter: rowsByPanel[0]![i]!.quarter!,
    ...Object.fromEntries(
      panels.flatMap((entity, p) =>
        Object.entries(rowsByPanel[p]![i]!)
          .filter(([key]) => key !== "quarter")
          .map(([key, cell]) => [`${entity}.${key}`, cell]),
      ),
    ),
  }));
  return (
    <ChartFrame
      id="funding"
      title={title}
      subtitle="Capex and operating cash flow, trailing twelve months, USD billions; the band between them is free cash flow; shaded quarters are externally funded (capex above OCF)"
      source="Source: company cash-flow statements (10-Q, 10-K): net cash from operating activities and purchases of property and equipment. Several years restated; see the data notes."
      legend={[...LINES.map(({ label, color }) => ({ label, color })), { label: "externally funded quarter", color: EXTERNAL }]}
      table={{ columns, rows: [...tableRows].reverse() }}
      tableCaption="Capex, operating cash flow and free cash flow (TTM, USD billions), capex / OCF and the funding flag"
      chart={
        <div className="multiples">
          {panels.map((entity, p) => (
            <div
              key={entity}
              className={`multiple${entity === "aggregate" ? " multiple--wide" : ""}`}
              data-multiple={label(entity)}
              data-entity={entity}
            >
              <h3>{label(entity)}</h3>
              <SeriesChart
                rows={rowsByPanel[p]!}
                xKey="quarter"
                xKind="quarter"
                lines={LINES}
                leftKind="usd_m"
                height={entity === "aggregate" ? 260 : 180}
                compact={entity !== "aggregate"}
                band={{ low: "capexTtm", high: "ocfTtm", color: SERIES_COLORS.cloudRevenue }}
                shadeOf={(row) => (row.funding?.value === "externally funded" ? { status: "external", color: EXTERNAL } : null)}
                tooltipExtra={(row) =>
                  row.funding?.value ? (
                    <p className="tooltip__hint">
                      {String(row.funding.value)}
                      {row.funding.reason ? `: ${row.funding.reason}` : ""}
                    </p>
                  ) : null
                }
                onSelect={onSelectQuarter}
              />
            </div>
          ))}
        </div>
      }
    />
  );
}
