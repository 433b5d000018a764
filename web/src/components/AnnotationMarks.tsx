// The annotations a chart draws (lib/annotations.ts): a dotted vertical line at each quarter and a
// short label above the plot, on a second row where two would touch, and where neither row has
// room (a phone) its number in the list under the chart. Rendered inside a recharts chart, which
// leaves ANNOTATION_ROOM above its plot for them.
import { usePlotArea, useXAxisDomain, useXAxisScale } from "recharts";
import type { Annotation } from "../lib/annotations.ts";

const FONT_SIZE = 11;
const ROW = 13;
/** The top margin the labels need: two rows. */
export const ANNOTATION_ROOM = 2 * ROW + 8;

/** About how wide a label is: measuring in a chart's render would lay out text twice. */
const labelWidth = (label: string) => label.length * FONT_SIZE * 0.6 + 6;

export function AnnotationMarks({ annotations }: { annotations: readonly Annotation[] }) {
  const plot = usePlotArea();
  const scale = useXAxisScale();
  const domain = useXAxisDomain();
  if (!plot || !scale || !domain) return null;
  const right = plot.x + plot.width;
  const placed: {
    annotation: Annotation;
    x: number;
    row: number;
    anchor: "start" | "middle" | "end";
    span: [number, number];
    text: string;
  }[] = [];
  annotations.forEach((annotation, index) => {
    const x = (domain as readonly unknown[]).includes(annotation.quarter) ? scale(annotation.quarter, { position: "middle" }) : undefined;
    if (x === undefined) return;
    const place = (text: string) => {
      // A label near an edge ends (or starts) at its line rather than running past the plot.
      const width = labelWidth(text);
      const anchor: "start" | "middle" | "end" = x + width / 2 > right ? "end" : x - width / 2 < plot.x ? "start" : "middle";
      const left = anchor === "end" ? x - width : anchor === "start" ? x : x - width / 2;
      const span: [number, number] = [left, left + width];
      const row = [0, 1].find((r) => !placed.some((p) => p.row === r && p.span[0] < span[1] && span[0] < p.span[1]));
      return row === undefined ? null : { annotation, x, row, anchor, span, text };
    };
    const label = place(annotation.label) ?? place(String(index + 1));
    if (label) placed.push(label);
  });
  return (
    <g className="annotations">
      {placed.map(({ annotation, x, row, anchor, text }) => {
        const y = plot.y - 4 - row * ROW;
        return (
          <g key={annotation.id} className="annotation" data-annotation={annotation.id} data-x={annotation.quarter}>
            <line x1={x} x2={x} y1={y + 3} y2={plot.y + plot.height} stroke="var(--muted)" strokeDasharray="1 3" />
            <text x={x} y={y} fontSize={FONT_SIZE} textAnchor={anchor} fill="var(--muted)">
              {text}
            </text>
          </g>
        );
      })}
    </g>
  );
}
