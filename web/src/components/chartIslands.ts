// A chart the server drew stays as the SVG it sent (a static island) until it is needed live: when
// the reader points at it, focuses it or taps it, when its figures change, or, on a screen with a
// mouse, in its turn once the page is hydrated. Charts then go live one at a time, each in its own task, so no
// burst of recharts work freezes the page. The server renders in two other modes (ssr/renderPage.tsx):
// collecting each chart's element while the page is rendered to HTML, and drawing those elements
// at a fixed width.
import { type ComponentType, createContext, type LazyExoticComponent, lazy, type ReactNode } from "react";

export type ChartMode =
  /** The page rendered to HTML: each chart area is a marker, its element collected to be drawn. */
  | { kind: "collect"; collect(id: string, chart: ReactNode): void }
  /** A chart drawn alone at a fixed width, for the page's HTML. */
  | { kind: "fixed"; width: number };

/** Null in the browser. */
export const ChartModeContext = createContext<ChartMode | null>(null);

/** The width the server draws charts at: a phone's, the reader most likely on a slow network. */
export const SERVER_CHART_WIDTH = 360;

/** The marker a chart area holds in the page's HTML until its drawing replaces it. */
export const chartMarker = (id: string) => `<!--chart:${id}-->`;

/** The chart areas the page arrived with, read once before the page is hydrated. */
const serverDrawn = new Set<string>();

export function readServerCharts(root: ParentNode) {
  for (const area of root.querySelectorAll<HTMLElement>(".chart--static[data-chart]")) {
    if (area.dataset.chart) serverDrawn.add(area.dataset.chart);
  }
}

/** Whether a chart area mounting now finds the server's drawing in the page. */
export const isServerDrawn = (id: string) => serverDrawn.has(id);

/** A static area is replaced once; a chart mounted later (after its Table view, say) is drawn live. */
export const forgetServerDrawn = (id: string) => serverDrawn.delete(id);

/** Charts waiting to go live, in the order asked, and whether one is going live now. */
const queue: (() => void)[] = [];
let busy = false;

function next() {
  const start = queue.shift();
  busy = start !== undefined;
  // For tests and the benchmarks: charts are still going live.
  document.documentElement.toggleAttribute("data-charts-busy", busy);
  start?.();
}

/**
 * Asks for a chart to go live: `start` runs when its turn comes and must call `done` once the
 * chart is drawn (in an effect after its commit); the next waits for a new task after that. A
 * chart the reader is waiting for (touched, or with new figures) goes `first`.
 */
export function goLiveInTurn(start: (done: () => void) => void, first = false): void {
  let finished = false;
  queue[first ? "unshift" : "push"](() =>
    start(() => {
      if (finished) return;
      finished = true;
      setTimeout(next, 0);
    }),
  );
  if (!busy) next();
}

/** Every live chart's loader: recharts and the drawings, chunks of their own. */
const loaders = new Set<() => Promise<unknown>>();

/** Loads every live chart's code: a chart goes live only once it can be drawn without waiting. */
export const loadLiveCharts = () => Promise.all([...loaders].map((load) => load()));

/**
 * A chart component whose code is loaded on demand. Once loaded (loadLiveCharts) it renders at
 * once: React reads an already settled thenable without suspending, so a static chart is replaced
 * by its drawing, never by a skeleton.
 */
export function liveChart<P extends object>(load: () => Promise<ComponentType<P>>): LazyExoticComponent<ComponentType<P>> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const loadOnce = () => {
    loading ??= load().then((component) => {
      loaded = component;
      return component;
    });
    return loading;
  };
  loaders.add(loadOnce);
  return lazy(() => {
    if (loaded) {
      const module = { default: loaded };
      // biome-ignore lint/suspicious/noThenProperty: a settled thenable, which React reads without suspending
      return { then: (resolve: (value: typeof module) => void) => resolve(module) } as PromiseLike<typeof module> as Promise<typeof module>;
    }
    return loadOnce().then((component) => ({ default: component }));
  });
}
