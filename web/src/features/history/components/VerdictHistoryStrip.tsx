// The verdict-history strip drawn with recharts (a chunk of its own, loaded when the chart goes
// live: components/chartIslands.ts): a cell per quarter and row, in its flag's colour.
import { Scatter, ScatterChart, XAxis, YAxis } from "recharts";
import { SizedChart, useChartWidth } from "../../../components/SizedChart.tsx";
import { quarterTicks } from "../../../lib/axes.ts";
import { FLAG_COLORS } from "../../../lib/palette.ts";
import type { StatusMark } from "../verdictHistory.ts";

const AXIS_TICK = { fill: "var(--muted)", fontSize: 12 };
const ROWS = { 1: "First published", 0: "Today's data" } as const;
const Y_AXIS_WIDTH = 104;

/** A cell of the strip: the status's colour, outlined when a revision changed it. */
function Mark(props: { cx?: number; cy?: number; payload?: StatusMark; width: number }) {
  const { cx, cy, payload, width } = props;
  if (cx === undefined || cy === undefined || !payload) return null;
  return (
    <rect
      x={cx - width / 2}
      y={cy - 11}
      width={width}
      height={22}
      fill={FLAG_COLORS[payload.status]}
      stroke={payload.revised ? "var(--text)" : "none"}
      strokeWidth={payload.revised ? 2 : 0}
      data-status={payload.status}
      data-revised={payload.revised || undefined}
    />
  );
}

export interface VerdictHistoryStripProps {
  marks: StatusMark[];
  /** The quarters, in order: a mark's x is its index here. */
  names: string[];
}

export function VerdictHistoryStrip({ marks, names }: VerdictHistoryStripProps) {
  const [width, setWidth] = useChartWidth();
  const plotWidth = Math.max(120, width - Y_AXIS_WIDTH - 24);
  const ticks = quarterTicks(names, Math.floor(plotWidth / 56));
  const tickIndexes = ticks.ticks.map((q) => names.indexOf(q));
  const cell = Math.max(2, Math.min(18, plotWidth / Math.max(1, names.length) - 1));
  return (
    <SizedChart height={150} onWidth={setWidth}>
      <ScatterChart margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <XAxis
          type="number"
          dataKey="x"
          domain={[-0.5, names.length - 0.5]}
          ticks={tickIndexes}
          tickFormatter={(i: number) => ticks.label(names[i] ?? "")}
          tick={AXIS_TICK}
          interval={0}
        />
        <YAxis
          type="number"
          dataKey="y"
          domain={[-0.5, 1.5]}
          ticks={[0, 1]}
          tickFormatter={(y: 0 | 1) => ROWS[y]}
          tick={AXIS_TICK}
          width={Y_AXIS_WIDTH}
        />
        <Scatter data={marks} isAnimationActive={false} shape={(props: object) => <Mark {...props} width={cell} />} />
      </ScatterChart>
    </SizedChart>
  );
}
