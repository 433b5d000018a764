// SeriesChart drawn with recharts (its own chunk, components/SeriesChart.tsx): a missing value is a
// gap (never a zero), an estimated, interpolated or carried-forward point is hollow, and hovering a
// quarter lists every value with its note. Layout only; the data comes from a chart's view model.
import { Area, Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { useNames } from "../features/catalog/api/useNames.ts";
import { alignedTicks, fitRows, linearTicks, logTicks, quarterTicks, type ValueTicks, valueTickLabel, yearTicks } from "../lib/axes.ts";
import { cellNote, formatCell, type Row } from "../lib/chartTable.ts";
import { ANNOTATION_ROOM, AnnotationMarks } from "./AnnotationMarks.tsx";
import { ChartSelection } from "./ChartSelection.tsx";
import { REFERENCE_LABEL_ROOM, ReferenceLabels } from "./ReferenceLabels.tsx";
import type { Band, Reference, SeriesChartProps, SeriesLine } from "./SeriesChart.tsx";
import { SizedChart, useChartWidth } from "./SizedChart.tsx";

const axisTick = { fill: "var(--muted)", fontSize: 12 };

/** About how wide an x label is with the room around it, in pixels: what decides how many fit. */
const X_LABEL_ROOM = { quarter: 70, year: 48 };

/** The values a y axis must hold: its lines', the band's and its reference lines'. */
function valuesOn(axis: "left" | "right", rows: Row[], lines: SeriesLine[], band: Band | undefined, references: Reference[]): number[] {
  const keys = lines.filter((line) => (line.axis ?? "left") === axis).map((line) => line.key);
  if (band && axis === "left") keys.push(band.low, band.high);
  const values = rows.flatMap((row) => keys.map((key) => row[key]?.value).filter((v): v is number => typeof v === "number"));
  return [...values, ...references.filter((r) => (r.axis ?? "left") === axis).map((r) => r.y)];
}

export function SeriesChartSvg({
  rows,
  xKey,
  xKind,
  lines,
  leftKind,
  rightKind,
  scale = "linear",
  shadeOf,
  band,
  compact = false,
  references = [],
  annotations = [],
  height = 320,
  fit = true,
  onSelect,
  tooltipExtra,
}: SeriesChartProps) {
  const [width, setWidth] = useChartWidth();
  const names = useNames();
  const shown = fit
    ? fitRows(
        rows,
        lines.map((line) => line.key),
      )
    : rows;
  // Reference lines are labelled beside the plot where there is room; on a phone the notes name them.
  const labelled = references.length > 0 && width >= 560;
  const rightMargin = labelled ? REFERENCE_LABEL_ROOM : rightKind ? 4 : 24;
  const plotWidth = Math.max(120, width - 60 - rightMargin);
  const intervals = Math.max(2, Math.round(height / 70));
  const left =
    scale === "log"
      ? logTicks(valuesOn("left", shown, lines, band, references))
      : linearTicks(valuesOn("left", shown, lines, band, references), intervals);
  const right: ValueTicks | null = rightKind ? alignedTicks(valuesOn("right", shown, lines, band, references), left) : null;
  const years = xKind === "years";
  const xValues = shown.map((row) => row[xKey]?.value);
  const quarterAxis = years ? null : quarterTicks(xValues.map(String), Math.floor(plotWidth / X_LABEL_ROOM.quarter));
  const lastYear = Math.max(0, ...xValues.filter((v): v is number => typeof v === "number"));
  const plotted = (key: string) => (row: Row) => {
    const value = row[key]?.value;
    // A log axis cannot place zero or a negative value: leave a gap rather than a false point.
    return typeof value === "number" && (scale === "linear" || value > 0) ? value : null;
  };
  return (
    <SizedChart height={height} onWidth={setWidth}>
      <ComposedChart
        data={shown}
        barCategoryGap={0}
        margin={{ top: annotations.length > 0 ? ANNOTATION_ROOM : 12, right: rightMargin, bottom: 0, left: 0 }}
      >
        <CartesianGrid vertical={false} stroke="var(--grid)" yAxisId="left" />
        {shadeOf && <YAxis yAxisId="shade" hide domain={[0, 1]} />}
        {shadeOf && (
          <Bar
            yAxisId="shade"
            dataKey={(row: Row) => (shadeOf(row) ? 1 : null)}
            isAnimationActive={false}
            shape={(props: { x?: number; y?: number; width?: number; height?: number; payload?: Row }) => {
              const row = props.payload;
              const shade = row ? shadeOf(row) : null;
              if (!row || !shade) return <g />;
              return (
                <rect
                  className={`flag-shade flag-shade--${shade.status}`}
                  data-x={String(row[xKey]?.value)}
                  x={props.x}
                  y={props.y}
                  width={props.width}
                  height={props.height}
                  fill={shade.color}
                  fillOpacity="var(--shade-opacity)"
                />
              );
            }}
          />
        )}
        {years ? (
          <XAxis
            type="number"
            dataKey={(row: Row) => row[xKey]?.value}
            domain={[0, lastYear]}
            ticks={yearTicks(lastYear, Math.floor(plotWidth / X_LABEL_ROOM.year))}
            tickFormatter={(value: number) => (value === 0 ? "year 0" : String(value))}
            tick={axisTick}
          />
        ) : (
          <XAxis
            dataKey={(row: Row) => row[xKey]?.value}
            ticks={quarterAxis?.ticks}
            interval={0}
            tickFormatter={quarterAxis?.label}
            tick={axisTick}
          />
        )}
        <YAxis
          yAxisId="left"
          tickFormatter={valueTickLabel(leftKind, left.step)}
          width={compact ? 48 : 60}
          tick={axisTick}
          scale={scale}
          domain={left.domain}
          ticks={left.ticks}
          interval={0}
          allowDataOverflow={false}
        />
        {right && rightKind && (
          <YAxis
            yAxisId="right"
            orientation="right"
            tickFormatter={valueTickLabel(rightKind, right.step)}
            width={52}
            tick={axisTick}
            domain={right.domain}
            ticks={right.ticks}
            interval={0}
          />
        )}
        {references.map((reference) => (
          <ReferenceLine
            key={reference.label}
            yAxisId={reference.axis ?? "left"}
            y={reference.y}
            stroke={reference.color}
            strokeDasharray="2 4"
            ifOverflow="visible"
          />
        ))}
        {labelled && <ReferenceLabels references={references} />}
        <Tooltip
          // A quarter with every value missing still shows its reasons (and the keyboard's first stop is often one).
          filterNull={false}
          content={({ active, payload }) => {
            const row = payload?.[0]?.payload as Row | undefined;
            if (!active || !row) return null;
            return (
              <div className="tooltip">
                <strong>{formatCell(xKind, row[xKey]?.value ?? null)}</strong>
                <table>
                  <tbody>
                    {lines.map((line) => {
                      const cell = row[line.key];
                      return (
                        <tr key={line.key}>
                          <th scope="row">
                            <span className="legend__swatch" style={{ background: line.color }} />
                            {line.label}
                          </th>
                          <td className="num">{formatCell(line.kind, cell?.value ?? null)}</td>
                          <td className="tooltip__basis">{cellNote(cell, names) ?? ""}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
                {tooltipExtra?.(row)}
                {onSelect && <p className="tooltip__hint">Click, tap or press Enter for the sources of this quarter.</p>}
              </div>
            );
          }}
          cursor={{ stroke: "var(--muted)", strokeDasharray: "3 3" }}
        />
        {band && (
          <Area
            yAxisId="left"
            dataKey={(row: Row) => {
              const [low, high] = [row[band.low]?.value, row[band.high]?.value];
              return typeof low === "number" && typeof high === "number" ? [low, high] : null;
            }}
            fill={band.color}
            fillOpacity={0.2}
            stroke="none"
            isAnimationActive={false}
            className="band"
          />
        )}
        {lines.map((line) => (
          <Line
            key={line.key}
            yAxisId={line.axis ?? "left"}
            type="linear"
            dataKey={plotted(line.key)}
            name={line.label}
            stroke={line.color}
            strokeWidth={line.emphasis ? 3 : 2}
            strokeDasharray={line.dashed ? "6 4" : undefined}
            connectNulls={false}
            isAnimationActive={false}
            className={`series series--${line.key}`}
            dot={(props: { cx?: number; cy?: number; index?: number; payload?: Row }) => {
              const cell = props.payload?.[line.key];
              if (props.cx === undefined || props.cy === undefined || typeof cell?.value !== "number") return <g key={props.index} />;
              const hollow =
                cell.note !== undefined ||
                (cell.basis !== undefined && cell.basis !== "reported" && cell.basis !== "derived" && cell.basis !== "run_rate");
              return (
                <circle
                  key={props.index}
                  className={`point${hollow ? " point--hollow" : ""}`}
                  data-series={line.key}
                  data-x={String(props.payload?.[xKey]?.value)}
                  cx={props.cx}
                  cy={props.cy}
                  r={hollow ? 3.5 : 2.5}
                  fill={hollow ? "var(--surface)" : line.color}
                  stroke={line.color}
                  strokeWidth={1.5}
                />
              );
            }}
            activeDot={{ r: 5 }}
          />
        ))}
        {annotations.length > 0 && <AnnotationMarks annotations={annotations} />}
        {onSelect && <ChartSelection onSelect={onSelect} />}
      </ComposedChart>
    </SizedChart>
  );
}
