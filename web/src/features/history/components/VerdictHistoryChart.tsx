// When did the verdict turn, and was it news or revisions? Each quarter's coverage flag as first
// published above its flag with today's data; a quarter whose flag a revision changed is outlined.
import { memo, useState } from "react";
import { ResponsiveContainer, Scatter, ScatterChart, XAxis, YAxis } from "recharts";
import { ChartError, ChartFrame, ChartSkeleton } from "../../../components/ChartFrame.tsx";
import { quarterTicks } from "../../../lib/axes.ts";
import { followLink } from "../../../lib/navigation.ts";
import { FLAG_COLORS } from "../../../lib/palette.ts";
import { useHistory } from "../api/useHistory.ts";
import { type StatusMark, statusMarks, verdictHistoryTable, verdictHistoryTitle } from "../verdictHistory.ts";

const TITLE = "The flag as first published and today";
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

function VerdictHistoryChartView() {
  const history = useHistory();
  const [width, setWidth] = useState(0);
  if (history.isPending) return <ChartSkeleton title={TITLE} />;
  if (history.isError) return <ChartError title={TITLE} message={history.error.message} onRetry={() => void history.refetch()} />;

  const { quarters, versions } = history.data;
  const marks = statusMarks(quarters);
  const names = quarters.map((q) => q.quarter);
  const plotWidth = Math.max(120, width - Y_AXIS_WIDTH - 24);
  const ticks = quarterTicks(names, Math.floor(plotWidth / 56));
  const tickIndexes = ticks.ticks.map((q) => names.indexOf(q));
  const cell = Math.max(2, Math.min(18, plotWidth / Math.max(1, names.length) - 1));
  const statuses = (["red", "amber", "green", "unknown"] as const).filter((s) => marks.some((m) => m.status === s));
  const onlySeed = versions.length === 1;
  return (
    <ChartFrame
      id="verdict-history"
      title={verdictHistoryTitle(quarters)}
      subtitle="Each quarter's coverage flag with the default settings: above, as the data stood in the first version where the quarter's flag was known; below, with today's data. Outlined: a revision changed it."
      source={`Data versions of this dashboard (${versions.length}): every upload and revert is one; /api/history lists them, /changes shows what each changed.`}
      legend={[
        ...statuses.map((status) => ({ label: status, color: FLAG_COLORS[status] })),
        ...(quarters.some((q) => q.revised) ? [{ label: "outlined: changed by a revision", color: "var(--text)" }] : []),
      ]}
      table={verdictHistoryTable(quarters)}
      tableCaption="Each quarter's coverage flag as first published and with today's data"
      notes={
        <p className="chart-frame__notes">
          {onlySeed
            ? "Only one data version so far (the default data), so every quarter was first published in it and both rows agree; each upload adds a version, and a correction that turns a flag shows here."
            : "A quarter first published in the default data (version 1) counts as published then, even for quarters long past: the dashboard's own history starts with it."}{" "}
          <a href="/changes" onClick={followLink}>
            What changed, version by version
          </a>
        </p>
      }
      chart={
        <ResponsiveContainer width="100%" height={150} onResize={(w) => setWidth(w)}>
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
        </ResponsiveContainer>
      }
    />
  );
}

/** Reads only the history: drawn again when the data version changes, not when a setting does. */
export const VerdictHistoryChart = memo(VerdictHistoryChartView);
