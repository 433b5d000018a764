// Figures by years since each app's launch, on a log scale: AI apps in colour, the earlier killer
// apps in grey, one line per app and series (weekly, monthly, daily and registered users are drawn
// differently and never joined), each labelled at its end; estimates are hollow.
import { CartesianGrid, LabelList, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AgeLine, AppFigure } from "../killerAppView.ts";

export interface AgeChartLine extends AgeLine {
  color: string;
  dash?: string;
  /** One of the column's own examples: drawn a shade darker among the greys. */
  marked: boolean;
}

interface Props {
  lines: AgeChartLine[];
  format: (value: number) => string;
  yLabel: string;
}

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export function AgeChart({ lines, format, yLabel }: Props) {
  const maxAge = Math.ceil(Math.max(1, ...lines.flatMap((line) => line.figures.map((f) => f.age))));
  return (
    <ResponsiveContainer width="100%" height={360}>
      <LineChart margin={{ top: 12, right: 96, bottom: 24, left: 8 }}>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        <XAxis
          type="number"
          dataKey="age"
          domain={[0, maxAge]}
          tickCount={Math.min(maxAge + 1, 10)}
          allowDecimals={false}
          tick={{ fill: "var(--muted)", fontSize: 12 }}
          label={{ value: "years since launch", position: "insideBottom", offset: -12, fill: "var(--muted)", fontSize: 12 }}
        />
        <YAxis
          type="number"
          dataKey="value"
          scale="log"
          domain={["auto", "auto"]}
          allowDataOverflow
          tickFormatter={(value: number) => compact.format(value)}
          tick={{ fill: "var(--muted)", fontSize: 12 }}
          width={56}
          label={{ value: yLabel, angle: -90, position: "insideLeft", fill: "var(--muted)", fontSize: 12 }}
        />
        <Tooltip
          formatter={(value) => (typeof value === "number" ? format(value) : String(value))}
          labelFormatter={(age) => (typeof age === "number" ? `${age.toFixed(1)} years since launch` : "")}
        />
        {lines.map((line) => (
          <Line
            key={line.key}
            data={line.figures}
            dataKey="value"
            name={line.label}
            stroke={line.color}
            strokeWidth={line.marked ? 2.5 : 2}
            strokeDasharray={line.dash}
            isAnimationActive={false}
            className="age-line"
            dot={(props: { cx?: number; cy?: number; index?: number; payload?: AppFigure }) => {
              const figure = props.payload;
              if (props.cx === undefined || props.cy === undefined || !figure) return <g key={props.index} />;
              const hollow = figure.basis === "estimate";
              return (
                <circle
                  key={props.index}
                  className="app-point"
                  data-app={figure.app}
                  data-metric={figure.metric}
                  data-value={figure.value}
                  data-hollow={hollow}
                  cx={props.cx}
                  cy={props.cy}
                  r={3.5}
                  fill={hollow ? "var(--surface)" : line.color}
                  stroke={line.color}
                  strokeWidth={1.5}
                />
              );
            }}
          >
            <LabelList
              dataKey="value"
              content={(props: { x?: number | string; y?: number | string; index?: number }) =>
                props.index === line.figures.length - 1 ? (
                  <text x={Number(props.x) + 6} y={Number(props.y) + 4} fill={line.color} fontSize={11} className="age-line__label">
                    {line.label}
                  </text>
                ) : null
              }
            />
          </Line>
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
