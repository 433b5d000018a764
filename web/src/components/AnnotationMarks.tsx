// The annotations a chart draws (lib/annotations.ts): a dotted vertical line at each quarter and a
// short label above the plot, on a second row where two would touch. Rendered inside a recharts
// chart, which leaves ANNOTATION_ROOM above its plot for them.
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
  const placed: { annotation: Annotation; x: number; row: number }[] = [];
  for (const annotation of annotations) {
    const x = (domain as readonly unknown[]).includes(annotation.quarter) ? scale(annotation.quarter, { position: "middle" }) : undefined;
    if (x === undefined) continue;
    // The first row unless the label before it there would touch this one.
    const touches = (row: number) =>
      placed.some((p) => p.row === row && Math.abs(p.x - x) < (labelWidth(p.annotation.label) + labelWidth(annotation.label)) / 2);
    placed.push({ annotation, x, row: touches(0) ? 1 : 0 });
  }
  const right = plot.x + plot.width;
  return (
    <g className="annotations">
      {placed.map(({ annotation, x, row }) => {
        // A label near the right edge ends at its line rather than running past the plot.
        const half = labelWidth(annotation.label) / 2;
        const anchor = x + half > right ? "end" : x - half < plot.x ? "start" : "middle";
        const y = plot.y - 4 - row * ROW;
        return (
          <g key={annotation.id} className="annotation" data-annotation={annotation.id} data-x={annotation.quarter}>
            <line x1={x} x2={x} y1={y + 3} y2={plot.y + plot.height} stroke="var(--muted)" strokeDasharray="1 3" />
            <text x={x} y={y} fontSize={FONT_SIZE} textAnchor={anchor} fill="var(--muted)">
              {annotation.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}
