// The one way a chart opens the sources of a quarter, for every chart: a click or a tap picks the
// category whose place on the x axis is nearest the pointer (recharts' tooltip index is only moved
// by a hover, so a tap without one used to open the first quarter), and Enter or Space picks the
// one the arrow keys moved the tooltip to. Rendered inside a recharts chart; it draws nothing.
import { useEffect, useLayoutEffect, useRef } from "react";
import { type ScaleFunction, useActiveTooltipLabel, useXAxisDomain, useXAxisScale } from "recharts";

const SELECT_KEYS = new Set(["Enter", " "]);

export function ChartSelection({ onSelect }: { onSelect: (x: string) => void }) {
  const anchor = useRef<SVGGElement>(null);
  const scale = useXAxisScale();
  const domain = useXAxisDomain();
  const xAt = scale && domain ? nearestCategory(scale, domain) : undefined;
  const active = useActiveTooltipLabel();
  // Read by the listeners when an event arrives: the scale and the label the reader last saw.
  const latest = useRef({ xAt, active, onSelect });
  useLayoutEffect(() => {
    latest.current = { xAt, active, onSelect };
  });

  useEffect(() => {
    const surface = anchor.current?.ownerSVGElement;
    if (!surface) return;
    const pick = (x: unknown) => {
      if (typeof x === "string" || typeof x === "number") latest.current.onSelect(String(x));
    };
    const click = (event: MouseEvent) => {
      const { xAt: inverse } = latest.current;
      if (!inverse) return;
      pick(inverse(event.clientX - surface.getBoundingClientRect().left));
    };
    const key = (event: KeyboardEvent) => {
      if (!SELECT_KEYS.has(event.key) || latest.current.active === undefined) return;
      // Space would scroll the page; recharts' own handler (delegated by React, so it runs after
      // this one) would only hide the tooltip on Enter.
      event.preventDefault();
      event.stopPropagation();
      pick(latest.current.active);
    };
    surface.addEventListener("click", click);
    surface.addEventListener("keydown", key);
    return () => {
      surface.removeEventListener("click", click);
      surface.removeEventListener("keydown", key);
    };
  }, []);

  return <g ref={anchor} className="chart-selection" />;
}

/** The category whose middle is nearest a pixel x: on a band axis (with bars) a category is a band, not a point. */
function nearestCategory(scale: ScaleFunction, domain: readonly unknown[]) {
  const places = domain.map((value) => ({ value, x: scale(value, { position: "middle" }) }));
  return (x: number) => {
    let best: { value: unknown; distance: number } | null = null;
    for (const place of places) {
      if (place.x === undefined) continue;
      const distance = Math.abs(place.x - x);
      if (best === null || distance < best.distance) best = { value: place.value, distance };
    }
    return best?.value;
  };
}
