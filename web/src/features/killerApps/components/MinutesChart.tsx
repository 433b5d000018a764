// Minutes per user per day, one bar per app (its latest figure), against the time test's threshold.
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface MinutesBar {
  app: string;
  name: string;
  minutes: number;
  color: string;
  estimate: boolean;
}

export function MinutesChart({ bars, threshold }: { bars: MinutesBar[]; threshold: number }) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(200, 34 * bars.length + 60)}>
      <BarChart data={bars} layout="vertical" margin={{ top: 24, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="var(--grid)" horizontal={false} />
        <XAxis type="number" domain={[0, "auto"]} tick={{ fill: "var(--muted)", fontSize: 12 }} />
        <YAxis type="category" dataKey="name" width={110} tick={{ fill: "var(--text)", fontSize: 12 }} />
        <Tooltip formatter={(value) => `${String(value)} minutes a day`} />
        <ReferenceLine
          x={threshold}
          stroke="var(--text)"
          strokeDasharray="4 3"
          label={{ value: `test: ${threshold} minutes`, position: "top", fill: "var(--text)", fontSize: 11 }}
        />
        <Bar dataKey="minutes" isAnimationActive={false}>
          {bars.map((bar) => (
            <Cell
              key={bar.app}
              className="minutes-bar"
              data-app={bar.app}
              data-value={bar.minutes}
              fill={bar.estimate ? "var(--surface)" : bar.color}
              stroke={bar.color}
              strokeWidth={1.5}
            />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
