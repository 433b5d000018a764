// The line chart every thesis chart draws: its props here, its drawing with recharts in
// SeriesChartSvg.tsx, a chunk loaded when the first chart goes live (components/chartIslands.ts).
import type { ReactNode } from "react";
import type { Annotation } from "../lib/annotations.ts";
import type { ColumnKind, Row } from "../lib/chartTable.ts";
import { liveChart } from "./chartIslands.ts";

export interface SeriesLine {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
  kind: ColumnKind;
  axis?: "left" | "right";
  /** Drawn thicker: the total of the lines around it. */
  emphasis?: boolean;
}

export interface Shade {
  color: string;
  status: string;
}

/** A shaded band between two series, e.g. free cash flow between capex and operating cash flow. */
export interface Band {
  low: string;
  high: string;
  color: string;
}

export interface Reference {
  y: number;
  color: string;
  label: string;
  axis?: "left" | "right";
}

export interface SeriesChartProps {
  rows: Row[];
  xKey: string;
  xKind: ColumnKind;
  lines: SeriesLine[];
  leftKind: ColumnKind;
  rightKind?: ColumnKind;
  scale?: "linear" | "log";
  /** A background band behind a row, e.g. a flagged quarter. */
  shadeOf?: (row: Row) => Shade | null;
  band?: Band;
  /** Small multiples hide the axis labels they share with their neighbours. */
  compact?: boolean;
  references?: Reference[];
  /** Events on the time axis (lib/annotations.ts), drawn where the chart has data. */
  annotations?: readonly Annotation[];
  height?: number;
  /** Draw only the quarters some line has a value in (default); small multiples share a span instead. */
  fit?: boolean;
  onSelect?: (x: string) => void;
  tooltipExtra?: (row: Row) => ReactNode;
}

export const SeriesChart = liveChart<SeriesChartProps>(() => import("./SeriesChartSvg.tsx").then((m) => m.SeriesChartSvg));
