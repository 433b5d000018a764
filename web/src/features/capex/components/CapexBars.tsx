// The capex chart drawn with recharts (a chunk of its own, loaded when the chart goes live):
// stacked bars by company, a hollow marker where a company's figure is missing, and the tooltip.
import { Bar, CartesianGrid, ComposedChart, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { ANNOTATION_ROOM, AnnotationMarks } from "../../../components/AnnotationMarks.tsx";
import { ChartSelection } from "../../../components/ChartSelection.tsx";
import { SizedChart, useChartWidth } from "../../../components/SizedChart.tsx";
import type { Annotation } from "../../../lib/annotations.ts";
import { linearTicks, quarterTicks, valueTickLabel } from "../../../lib/axes.ts";
import { companyColor } from "../../../lib/companyColors.ts";
import { describeBasis, formatPeriod, formatUsdBillions } from "../../../lib/format.ts";
import type { CapexQuarter } from "../capexByCompany.ts";

const AXIS_TICK = { fill: "var(--muted)", fontSize: 12 };

export interface CapexBarsProps {
  quarters: CapexQuarter[];
  companies: string[];
  marks: readonly Annotation[];
  nameOf: (id: string) => string;
  onSelectQuarter: (quarter: string) => void;
}

export function CapexBars({ quarters, companies, marks, nameOf, onSelectQuarter }: CapexBarsProps) {
  const [width, setWidth] = useChartWidth();
  const xTicks = quarterTicks(
    quarters.map((q) => q.quarter),
    Math.floor(Math.max(120, width - 80) / 70),
  );
  const yTicks = linearTicks(
    quarters.map((q) => q.drawnSum),
    5,
  );
  return (
    <SizedChart height={340} onWidth={setWidth}>
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
            <CapexTooltip active={active} row={payload?.[0]?.payload as CapexQuarter | undefined} companies={companies} nameOf={nameOf} />
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
    </SizedChart>
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
