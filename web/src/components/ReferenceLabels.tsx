// The labels of a chart's reference lines (earlier peaks), at the lines' right ends beside the
// plot, moved apart so none covers another ("Alphabet 26.0%" was drawn over "All selected 25.5%").
// The text is the page's text colour, readable on either theme; a short dash in the line's colour
// says which line it names. The chart leaves them room (REFERENCE_LABEL_ROOM) where it is wide.
import { usePlotArea, useYAxisScale } from "recharts";
import { spreadLabels } from "../lib/labelLayout.ts";
import type { Reference } from "./SeriesChart.tsx";

const LINE_HEIGHT = 14;
/** The right margin the labels need, in pixels. */
export const REFERENCE_LABEL_ROOM = 150;

export function ReferenceLabels({ references }: { references: Reference[] }) {
  const plot = usePlotArea();
  const left = useYAxisScale("left");
  const right = useYAxisScale("right");
  if (!plot) return null;
  const end = plot.x + plot.width;
  const wanted = references.map((r) => ((r.axis === "right" ? right : left)?.(r.y) ?? plot.y) - 4);
  const placed = spreadLabels(wanted, LINE_HEIGHT, plot.y + LINE_HEIGHT - 4, plot.y + plot.height - 4);
  return (
    <g className="reference-labels">
      {references.map((reference, i) => {
        const y = placed[i] ?? plot.y;
        return (
          <g key={reference.label} className="reference-label">
            <line x1={end + 4} x2={end + 14} y1={y - 4} y2={y - 4} stroke={reference.color} strokeWidth={3} />
            <text x={end + 18} y={y} fontSize={11} fill="var(--text)">
              {reference.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}
