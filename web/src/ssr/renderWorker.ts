// The render worker (server/services/pageRenderer.ts starts it): renders the dashboard's HTML off
// the server's event loop, so a page being drawn never holds up the API. Asked what a view needs,
// it answers the API paths; given their answers, the page.
import { register } from "node:module";
import { parentPort } from "node:worker_threads";
import type { QueryKey } from "@tanstack/react-query";
import { installDom } from "./dom.ts";

export type RenderRequest =
  | { id: number; op: "queries"; pathname: string; search: string }
  | { id: number; op: "render"; pathname: string; search: string; answers: { key: QueryKey; json: string }[] };

export type RenderResponse =
  | { id: number; queries: { key: QueryKey; path: string }[] }
  | { id: number; html: string; title: string; timings: { page: number; charts: number } }
  | { id: number; failure: string };

/** A component's stylesheet import is the bundler's business: here it is an empty module. */
const IGNORE_CSS = `export async function load(url, context, next) {
  return url.endsWith(".css") ? { format: "module", source: "", shortCircuit: true } : next(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(IGNORE_CSS)}`);
// The React the browser runs, whatever the server's NODE_ENV (a test runner's is "test"): the
// development build is several times slower.
process.env.NODE_ENV = "production";
installDom();
const { pageQueries, renderPage } = await import("./renderPage.tsx");
const port = parentPort;
if (!port) throw new Error("renderWorker.ts runs as a worker thread");

port.on("message", async (request: RenderRequest) => {
  try {
    if (request.op === "queries") {
      port.postMessage({ id: request.id, queries: pageQueries(request.pathname, request.search) } satisfies RenderResponse);
      return;
    }
    const answers = request.answers.map(({ key, json }) => ({ key, data: JSON.parse(json) as unknown }));
    const page = await renderPage(request.pathname, request.search, answers);
    port.postMessage({ id: request.id, ...page } satisfies RenderResponse);
  } catch (error) {
    port.postMessage({
      id: request.id,
      failure: error instanceof Error ? (error.stack ?? error.message) : String(error),
    } satisfies RenderResponse);
  }
});
