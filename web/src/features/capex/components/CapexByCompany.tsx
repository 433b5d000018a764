// Hyperscaler capex stacked by company, quarterly as reported or trailing twelve months.
import { memo, useState } from "react";
import { Bar, CartesianGrid, ComposedChart, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { ANNOTATION_ROOM, AnnotationMarks } from "../../../components/AnnotationMarks.tsx";
import { ChartError, ChartFrame, ChartSkeleton } from "../../../components/ChartFrame.tsx";
import { ChartSelection } from "../../../components/ChartSelection.tsx";
import { annotationsFor } from "../../../lib/annotations.ts";
import type { ThesisQuarter } from "../../../lib/api.ts";
import { linearTicks, quarterTicks, valueTickLabel } from "../../../lib/axes.ts";
import { companyColor } from "../../../lib/companyColors.ts";
import { describeBasis, formatPeriod, formatUsdBillions } from "../../../lib/format.ts";
import type { ViewState } from "../../../lib/viewState.ts";
import { useCapexObservations } from "../api/useCapexObservations.ts";
import { type CapexQuarter, capexTable, quarterlyCapex, ttmCapex } from "../capexByCompany.ts";

const TITLE = "Hyperscaler capex, quarter by quarter";
const AXIS_TICK = { fill: "var(--muted)", fontSize: 12 };

interface CapexByCompanyProps {
  companies: ViewState["companies"];
  capexMode: ViewState["capexMode"];
  from: ViewState["from"];
  to: ViewState["to"];
  thesisQuarters: ThesisQuarter[] | undefined;
  /** The data version or date the figures are read as of (null: the latest). */
  asOf: string | null;
  nameOf: (id: string) => string;
  onSelectQuarter: (quarter: string) => void;
}

function CapexByCompanyView({ companies, capexMode, from, to, thesisQuarters, asOf, nameOf, onSelectQuarter }: CapexByCompanyProps) {
  const observations = useCapexObservations(companies, asOf);
  const [width, setWidth] = useState(0);
  // What the TTM mode draws: null in the quarterly mode, undefined while the thesis loads.
  const ttmQuarters = capexMode === "ttm" ? thesisQuarters : null;
  if (observations.isPending || ttmQuarters === undefined) return <ChartSkeleton title={TITLE} />;
  if (observations.isError)
    return <ChartError title={TITLE} message={observations.error.message} onRetry={() => void observations.refetch()} />;

  const ttm = ttmQuarters !== null;
  const { quarters, missingRuns } = ttmQuarters
    ? ttmCapex(ttmQuarters, companies)
    : quarterlyCapex(observations.data.observations, companies, { from, to });
  const xTicks = quarterTicks(
    quarters.map((q) => q.quarter),
    Math.floor(Math.max(120, width - 80) / 70),
  );
  const yTicks = linearTicks(
    quarters.map((q) => q.drawnSum),
    5,
  );
  const marks = annotationsFor(
    "capex-by-company",
    quarters.map((q) => q.quarter),
  );
  const latest = quarters.findLast((row) => row.total !== null);
  const latestTotal = latest?.total ?? null;
  const measure = ttm ? "trailing twelve months to each quarter" : "per calendar quarter";
  const title =
    latest && latestTotal !== null
      ? `Capex reached ${formatUsdBillions(latestTotal)} ${ttm ? "over the year to" : "in"} ${formatPeriod(latest.quarter)}`
      : TITLE;

  return (
    <ChartFrame
      id="capex-by-company"
      annotations={marks}
      title={title}
      subtitle={`Hyperscaler capex by company: purchases of property and equipment (cash-flow statement), USD billions, ${measure}`}
      source="Source: company filings (10-Q, 10-K) via SEC XBRL extracts and earnings releases; each figure links to where it was read."
      legend={[
        ...companies.map((entity) => ({ label: nameOf(entity), color: companyColor(entity) })),
        { label: "○ a company's figure is missing", color: "var(--muted)", dashed: true },
      ]}
      table={capexTable(quarters, companies, nameOf)}
      tableCaption={`Capex ${measure}, USD billions; a figure links to its source; d derived, r restated`}
      notes={
        <ul className="chart-frame__notes">
          {missingRuns.map((run) => (
            <li key={`${run.entity}-${run.from}`}>
              {nameOf(run.entity)}: no {ttm ? "four-quarter total" : "figure"} for{" "}
              {run.from === run.to ? formatPeriod(run.from) : `${formatPeriod(run.from)} to ${formatPeriod(run.to)}`}; those bars (marked ○)
              show the other companies only and have no total.
            </li>
          ))}
          <li>
            Headline capex is often larger: Microsoft and Meta add finance leases; Amazon quoted capex net of incentives until 2016 (a
            different series, not drawn).
          </li>
        </ul>
      }
      chart={
        <ResponsiveContainer width="100%" height={340} onResize={(w) => setWidth(w)}>
          <ComposedChart data={quarters} margin={{ top: marks.length > 0 ? ANNOTATION_ROOM : 12, right: 24, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="var(--grid)" />
            <XAxis dataKey="quarter" ticks={xTicks.ticks} interval={0} tickFormatter={xTicks.label} tick={AXIS_TICK} />
            <YAxis
              domain={yTicks.domain}
              ticks={yTicks.ticks}
              interval={0}
              tickFormatter={valueTickLabel("usd_m", yTicks.step)}
              width={60}
              tick={AXIS_TICK}
            />
            <Tooltip
              content={({ active, payload }) => (
                <CapexTooltip
                  active={active}
                  row={payload?.[0]?.payload as CapexQuarter | undefined}
                  companies={companies}
                  nameOf={nameOf}
                />
              )}
              cursor={{ fill: "var(--cursor)" }}
            />
            {companies.map((entity) => (
              <Bar
                key={entity}
                dataKey={(row: CapexQuarter) => row.figures[entity]?.value ?? null}
                name={nameOf(entity)}
                stackId="capex"
                fill={companyColor(entity)}
                isAnimationActive={false}
                shape={(props: { x?: number; y?: number; width?: number; height?: number; payload?: CapexQuarter }) => {
                  const row = props.payload;
                  const figure = row?.figures[entity];
                  if (!row || !figure || props.height === undefined) return <g />;
                  return (
                    <rect
                      className="capex-segment"
                      data-entity={entity}
                      data-period={row.quarter}
                      data-value={figure.value}
                      x={props.x}
                      y={props.y}
                      width={props.width}
                      height={props.height}
                      fill={companyColor(entity)}
                    />
                  );
                }}
              />
            ))}
            <Scatter
              dataKey={(row: CapexQuarter) => (row.missing.length > 0 ? row.drawnSum : null)}
              name="missing figure"
              isAnimationActive={false}
              shape={(props: { cx?: number; cy?: number; payload?: CapexQuarter }) =>
                props.payload && props.payload.missing.length > 0 ? (
                  <circle className="missing-marker" data-period={props.payload.quarter} cx={props.cx} cy={(props.cy ?? 0) - 6} r={3.5} />
                ) : (
                  <g />
                )
              }
            />
            <AnnotationMarks annotations={marks} />
            <ChartSelection onSelect={onSelectQuarter} />
          </ComposedChart>
        </ResponsiveContainer>
      }
    />
  );
}

function CapexTooltip({
  active,
  row,
  companies,
  nameOf,
}: {
  active?: boolean;
  row?: CapexQuarter;
  companies: string[];
  nameOf: (id: string) => string;
}) {
  if (!active || !row) return null;
  return (
    <div className="tooltip">
      <strong>{formatPeriod(row.quarter)}</strong>
      <table>
        <tbody>
          {companies.map((entity) => {
            const figure = row.figures[entity];
            return (
              <tr key={entity}>
                <th scope="row">
                  <span className="legend__swatch" style={{ background: companyColor(entity) }} />
                  {nameOf(entity)}
                </th>
                <td className="num">{figure ? formatUsdBillions(figure.value) : "missing"}</td>
                <td className="tooltip__basis">
                  {figure ? `${describeBasis(figure.basis)}${figure.fiscalLabel ? `, ${figure.fiscalLabel}` : ""}` : "no source"}
                </td>
              </tr>
            );
          })}
          <tr className="tooltip__total">
            <th scope="row">Total</th>
            <td className="num">{row.total === null ? "incomplete" : formatUsdBillions(row.total)}</td>
            <td />
          </tr>
        </tbody>
      </table>
      <p className="tooltip__hint">Click, tap or press Enter for the sources of this quarter.</p>
    </div>
  );
}

/** Drawn again only when its props change: a setting of another chart leaves it as it is. */
export const CapexByCompany = memo(CapexByCompanyView);
