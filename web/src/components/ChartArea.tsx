// The area a chart is drawn in (ChartFrame), in each of chartIslands.ts's modes: a marker while the
// server renders the page, the chart itself when the server draws it, and in the browser the
// server's drawing kept as it was sent until the chart goes live.
import { type ReactNode, type RefObject, Suspense, startTransition, useContext, useEffect, useRef, useState } from "react";
import { ChartModeContext, chartMarker, forgetServerDrawn, goLiveInTurn, isServerDrawn, loadLiveCharts } from "./chartIslands.ts";

interface Props {
  id: string;
  label: string;
  chart: ReactNode;
  areaRef: RefObject<HTMLDivElement | null>;
}

/** The same object on every render: React leaves the server's markup inside as it found it. */
const KEEP_SERVER_MARKUP = { __html: "" };

const SKELETON = <div className="skeleton skeleton--chart" />;

export function ChartArea(props: Props) {
  const mode = useContext(ChartModeContext);
  if (mode?.kind === "collect") {
    mode.collect(props.id, props.chart);
    return (
      <div
        className="chart chart--static"
        data-chart={props.id}
        role="img"
        aria-label={props.label}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: a fixed comment, replaced on the server by the SVG it draws from the same figures
        dangerouslySetInnerHTML={{ __html: chartMarker(props.id) }}
      />
    );
  }
  if (mode?.kind === "fixed") return <LiveArea {...props} />;
  return <BrowserArea {...props} />;
}

function LiveArea({ label, chart, areaRef }: Props) {
  return (
    <div className="chart" ref={areaRef} role="img" aria-label={label}>
      <Suspense fallback={SKELETON}>{chart}</Suspense>
    </div>
  );
}

/** Screens with a mouse draw every chart live after the page is hydrated; touch screens a chart when it is touched. */
const drawsLive = () => window.matchMedia("(hover: hover) and (pointer: fine)").matches;

function BrowserArea({ id, label, chart, areaRef }: Props) {
  const [live, setLive] = useState(() => !isServerDrawn(id));
  const first = useRef(chart);
  // The server drew the figures this chart was first rendered with; new ones need the live chart.
  const changed = chart !== first.current;
  const asked = useRef(false);
  const drawn = useRef<(() => void) | null>(null);
  /** A click on the static drawing, sent again to the live chart (it picks the quarter nearest the pointer). */
  const replay = useRef<{ x: number; y: number } | null>(null);
  const mounted = useRef(true);
  const goLive = useRef((first = false) => {
    if (asked.current) return;
    asked.current = true;
    goLiveInTurn((done) => {
      void loadLiveCharts().then(() => {
        if (!mounted.current) return done();
        drawn.current = done;
        // Rendered in slices between which the page answers input; only the commit is one task.
        startTransition(() => setLive(true));
      });
    }, first);
  });

  useEffect(() => {
    forgetServerDrawn(id);
    mounted.current = true;
    return () => {
      mounted.current = false;
      // A chart gone before its turn ended does not hold up the others.
      drawn.current?.();
    };
  }, [id]);

  useEffect(() => {
    if (!live) return;
    drawn.current?.();
    const click = replay.current;
    replay.current = null;
    if (!click) return;
    // After recharts has laid out the axes it reads the click against.
    requestAnimationFrame(() =>
      setTimeout(() => {
        const surface = document.elementFromPoint(click.x, click.y)?.closest("svg.recharts-surface");
        surface?.dispatchEvent(new MouseEvent("click", { bubbles: true, clientX: click.x, clientY: click.y }));
      }, 0),
    );
  }, [live]);

  useEffect(() => {
    // New figures first: the reader is waiting for them.
    if (changed && !live) goLive.current(true);
  }, [changed, live]);

  useEffect(() => {
    const area = areaRef.current;
    if (live || !area) return;
    // Pointed at, touched or focused: this one next.
    const wake = () => goLive.current(true);
    const click = (event: MouseEvent) => {
      replay.current = { x: event.clientX, y: event.clientY };
      goLive.current(true);
    };
    const events = ["pointerenter", "pointerdown", "focusin", "touchstart"] as const;
    for (const name of events) area.addEventListener(name, wake, { passive: true });
    area.addEventListener("click", click);
    // With a mouse every chart goes live in turn, in page order, so a setting changed later redraws
    // a live chart (going live then took 180 ms); a touch screen keeps the drawings until touched.
    if (drawsLive()) goLive.current();
    return () => {
      for (const name of events) area.removeEventListener(name, wake);
      area.removeEventListener("click", click);
    };
  }, [live, areaRef]);

  if (live) return <LiveArea key="live" id={id} label={label} chart={chart} areaRef={areaRef} />;
  return (
    <div
      key="static"
      className="chart chart--static"
      data-chart={id}
      ref={areaRef}
      role="img"
      aria-label={label}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: an empty string, which React never writes while hydrating: the server's SVG stays
      dangerouslySetInnerHTML={KEEP_SERVER_MARKUP}
    />
  );
}
