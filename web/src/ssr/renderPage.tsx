// The dashboard rendered on the server, for any view its URL names: the same components as in the
// browser, from the same API answers (which pageQueries lists and the server reads from its own
// routes), so the browser hydrates it as it is. Two passes: the page to HTML with every chart area a
// marker (react-dom/server), then the charts drawn at a fixed width into a DOM (react-dom/client and
// linkedom: ssr/dom.ts says why) and their SVG put in place of the markers. Runs in the render worker.
import { Writable } from "node:stream";
import { QueryClient, QueryClientProvider, type QueryKey } from "@tanstack/react-query";
import { type ReactNode, Suspense } from "react";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { renderToPipeableStream } from "react-dom/server";
import { ChartModeContext, chartMarker, loadLiveCharts, SERVER_CHART_WIDTH } from "../components/chartIslands.ts";
import { capexObservationsQuery } from "../features/capex/api/useCapexObservations.ts";
import { entitiesQuery } from "../features/catalog/api/useEntities.ts";
import { metricsQuery } from "../features/catalog/api/useMetrics.ts";
import { quarterObservationsQuery } from "../features/evidence/api/useQuarterObservations.ts";
import { healthQuery } from "../features/freshness/api/useHealth.ts";
import { historyQuery } from "../features/history/api/useHistory.ts";
import { killerAppsQuery } from "../features/killerApps/api/useKillerApps.ts";
import { scenariosQuery } from "../features/scenarios/api/useScenarios.ts";
import { thesisQuery } from "../features/thesis/api/useThesis.ts";
import { setServerLocation } from "../lib/navigation.ts";
import { DocumentTitleContext } from "../lib/useDocumentTitle.ts";
import { asOfText, parseViewState, rangeProblem, scenariosQueryOf, thesisQueryOf } from "../lib/viewState.ts";
import { PageRoot } from "../PageRoot.tsx";

/** One answer the page is rendered from: its react-query key and the API path that gives it. */
export interface PageQuery {
  key: QueryKey;
  path: string;
}

export interface PageAnswer {
  key: QueryKey;
  data: unknown;
}

export interface RenderedPage {
  /** The markup inside #root. */
  html: string;
  title: string;
  /** Milliseconds of each pass, for the benchmarks. */
  timings: { page: number; charts: number };
}

const withQuery = (path: string, query: Record<string, string>) => {
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
};

/** The pages the server renders: the dashboard, at any view. The upload, killer-app and changes pages load in the browser. */
export const rendersOnServer = (pathname: string) => !["/uploads", "/killer-apps", "/changes"].some((page) => pathname.startsWith(page));

/** The API answers the dashboard asks for at this view, as its hooks ask for them. */
export function pageQueries(pathname: string, search: string): PageQuery[] {
  if (!rendersOnServer(pathname)) return [];
  const view = parseViewState(search);
  const asOf = asOfText(view);
  const asOfQuery: Record<string, string> = asOf ? { asOf } : {};
  const queries: PageQuery[] = [
    { key: entitiesQuery.queryKey, path: "/api/entities" },
    { key: metricsQuery.queryKey, path: "/api/metrics" },
    { key: healthQuery.queryKey, path: "/api/health" },
    // The as-of choices and the verdict-history chart.
    { key: historyQuery.queryKey, path: "/api/history" },
    // The scorecard's consumer killer-app verdict.
    { key: killerAppsQuery(asOfQuery).queryKey, path: withQuery("/api/killer-apps", asOfQuery) },
    {
      key: capexObservationsQuery(view.companies, asOf).queryKey,
      path: withQuery("/api/observations", { metric: "capex", entity: view.companies.join(","), ...asOfQuery }),
    },
  ];
  if (rangeProblem(view) === null) {
    const thesis = thesisQueryOf(view);
    const scenarios = scenariosQueryOf(view);
    queries.push(
      { key: thesisQuery(thesis).queryKey, path: withQuery("/api/thesis", thesis) },
      { key: scenariosQuery(scenarios).queryKey, path: withQuery("/api/scenarios", scenarios) },
    );
  }
  if (view.quarter) {
    queries.push({
      key: quarterObservationsQuery(view.quarter, asOf).queryKey,
      path: withQuery("/api/observations", { from: view.quarter, to: view.quarter, ...asOfQuery }),
    });
  }
  return queries;
}

function clientOf(answers: PageAnswer[]): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY, retry: false } } });
  for (const { key, data } of answers) client.setQueryData(key, data);
  return client;
}

/** The element as HTML once every lazy part of it has loaded (the Scenarios section is one). */
function toHtml(element: ReactNode): Promise<string> {
  return new Promise((resolve, reject) => {
    let html = "";
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        html += chunk.toString();
        done();
      },
    });
    sink.on("finish", () => resolve(html));
    const stream = renderToPipeableStream(element, {
      // Every boundary in place: no part of the page sent later with an inline script (the CSP runs none).
      progressiveChunkSize: Number.POSITIVE_INFINITY,
      onAllReady: () => stream.pipe(sink),
      onShellError: reject,
      onError: (error) => {
        console.error("render: the page's HTML", error);
      },
    });
  });
}

/** Turns of the event loop recharts takes to lay a chart out (effects fill its store, then it redraws). */
const SETTLE_TURNS = 6;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Each chart drawn alone at the server's width, as the SVG markup of its area. */
async function drawCharts(charts: Map<string, ReactNode>, client: QueryClient): Promise<Map<string, string>> {
  await loadLiveCharts();
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container, {
    onUncaughtError: (error) => console.error("render: a chart", error),
    onCaughtError: (error) => console.error("render: a chart", error),
  });
  flushSync(() =>
    root.render(
      <QueryClientProvider client={client}>
        <ChartModeContext.Provider value={{ kind: "fixed", width: SERVER_CHART_WIDTH }}>
          {[...charts].map(([id, chart]) => (
            <div key={id} data-chart={id}>
              <Suspense fallback={null}>{chart}</Suspense>
            </div>
          ))}
        </ChartModeContext.Provider>
      </QueryClientProvider>,
    ),
  );
  for (let i = 0; i < SETTLE_TURNS; i++) await turn();
  const drawn = new Map<string, string>();
  for (const area of container.querySelectorAll<HTMLElement>("[data-chart]")) {
    const id = area.dataset.chart;
    if (id) drawn.set(id, staticMarkup(area, id));
  }
  root.unmount();
  container.remove();
  return drawn;
}

/** The attributes that place SVG shapes: recharts writes them to 15 digits. */
const GEOMETRY = ["d", "x", "y", "width", "height", "x1", "x2", "y1", "y2", "cx", "cy", "r", "points", "transform"];
/** A tenth of a pixel at the server's width (a third of one on a wide screen) does not show; the drawings are an eighth smaller. */
const tenths = (number: string) => String(Math.round(Number(number) * 10) / 10);

/**
 * A drawn chart as the page keeps it until it goes live: no tooltip, no inline style (the CSP
 * allows none), no focus stop, ids of its own (the live charts number theirs from 1), and each SVG
 * as wide as its box, scaled by its viewBox.
 */
function staticMarkup(drawnArea: HTMLElement, id: string): string {
  // A copy: React still owns the drawn nodes and removes them itself.
  const area = drawnArea.cloneNode(true) as HTMLElement;
  for (const tooltip of area.querySelectorAll(".recharts-tooltip-wrapper")) tooltip.remove();
  for (const empty of area.querySelectorAll("svg > title, svg > desc")) empty.remove();
  const rename = new Map<string, string>();
  for (const element of area.querySelectorAll("[id]")) {
    const renamed = `ssr-${id}-${element.id}`;
    rename.set(element.id, renamed);
    element.id = renamed;
  }
  for (const element of area.querySelectorAll("*")) {
    element.removeAttribute("style");
    element.removeAttribute("tabindex");
    for (const name of GEOMETRY) {
      const value = element.getAttribute(name);
      if (value) element.setAttribute(name, value.replace(/-?\d+\.\d{2,}/g, tenths));
    }
    for (const name of ["clip-path", "fill", "mask", "href"]) {
      const value = element.getAttribute(name);
      const reference = value?.match(/^url\(#(.+)\)$/)?.[1] ?? value?.match(/^#(.+)$/)?.[1];
      const renamed = reference === undefined ? undefined : rename.get(reference);
      if (renamed && value) element.setAttribute(name, value.replace(`#${reference}`, `#${renamed}`));
    }
  }
  for (const svg of area.querySelectorAll("svg.recharts-surface")) {
    svg.setAttribute("width", "100%");
    svg.removeAttribute("role");
    svg.setAttribute("aria-hidden", "true");
  }
  return area.innerHTML;
}

export async function renderPage(pathname: string, search: string, answers: PageAnswer[]): Promise<RenderedPage> {
  setServerLocation(pathname, search);
  const client = clientOf(answers);
  const charts = new Map<string, ReactNode>();
  let title = "AI Capex Monitor";
  const started = performance.now();
  const markup = await toHtml(
    <DocumentTitleContext.Provider value={(wanted) => (title = wanted)}>
      <ChartModeContext.Provider value={{ kind: "collect", collect: (id, chart) => charts.set(id, chart) }}>
        <PageRoot client={client} />
      </ChartModeContext.Provider>
    </DocumentTitleContext.Provider>,
  );
  const paged = performance.now();
  const drawn = await drawCharts(charts, client);
  let html = markup;
  for (const [id, svg] of drawn) html = html.replace(chartMarker(id), svg);
  return { html, title, timings: { page: paged - started, charts: performance.now() - paged } };
}
