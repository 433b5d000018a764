// The size of a recharts chart: the width of its box in the browser (ResponsiveContainer), or the
// fixed width the server draws at (chartIslands.ts), with the chart's own height either way.
import { cloneElement, type ReactElement, useContext, useState } from "react";
import { ResponsiveContainer } from "recharts";
import { ChartModeContext } from "./chartIslands.ts";

/** The width a chart lays out for, and its setter for the browser's measure. */
export function useChartWidth(): [number, (width: number) => void] {
  const mode = useContext(ChartModeContext);
  const [measured, setWidth] = useState(0);
  return [mode?.kind === "fixed" ? mode.width : measured, setWidth];
}

export function SizedChart({ height, onWidth, children }: { height: number; onWidth: (width: number) => void; children: ReactElement }) {
  const mode = useContext(ChartModeContext);
  if (mode?.kind === "fixed")
    return cloneElement(children as ReactElement<{ width?: number; height?: number }>, { width: mode.width, height });
  return (
    <ResponsiveContainer width="100%" height={height} onResize={(width) => onWidth(width)}>
      {children}
    </ResponsiveContainer>
  );
}
