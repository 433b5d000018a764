// The dashboard's HTML for a view, rendered on the render worker (web/src/ssr/renderWorker.ts) from
// the API's own answers and kept in the store's answer cache per data version and address, like
// the answers themselves. The worker draws the page off the event loop; a bounded number of renders
// may wait, and a page the worker cannot draw in time is sent as the plain page (the browser renders
// it), never an error.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Worker } from "node:worker_threads";
import { gzip } from "node:zlib";
import type { Store } from "../db/client.ts";
import { cacheOf } from "./cachedAnswer.ts";
import { getDataVersion } from "./getDataVersion.ts";
import { typeScriptWorker } from "./offThread.ts";

type QueryKey = readonly unknown[];

type RenderRequest =
  | { id: number; op: "queries"; pathname: string; search: string }
  | { id: number; op: "render"; pathname: string; search: string; answers: { key: QueryKey; json: string }[] };

type RenderResponse =
  | { id: number; queries: { key: QueryKey; path: string }[]; html?: undefined; failure?: undefined }
  | { id: number; html: string; title: string; timings: { page: number; charts: number }; queries?: undefined; failure?: undefined }
  | { id: number; failure: string; queries?: undefined; html?: undefined };

/** Renders waiting for the worker, at most; more are sent the plain page. */
const MAX_WAITING = 16;
/** A render taking longer than this is abandoned for the plain page. */
const RENDER_TIMEOUT_MS = 10_000;

export interface RenderedPage {
  etag: string;
  html: Uint8Array<ArrayBuffer>;
  gzipped: Uint8Array<ArrayBuffer>;
  bytes(): number;
}

/** The built index.html, cut where the rendered page goes: all before #root (the body's tag too) without the scripts, which move to the end. */
export interface PageTemplate {
  /** A hash of the build: a new build is a new page. */
  id: string;
  head: string;
  scripts: string;
  /** The page the browser renders itself (a path the server does not render, or a render that failed). */
  plain: string;
}

export function pageTemplate(staticDir: string): PageTemplate {
  const plain = readFileSync(join(staticDir, "index.html"), "utf8");
  const [before = "", after = ""] = plain.split('<div id="root"></div>');
  const scriptTags = /\s*<script type="module"[^>]*><\/script>|\s*<link rel="modulepreload"[^>]*>/g;
  const scripts = [...before.matchAll(scriptTags)].map(([tag]) => tag.trim()).join("\n");
  const head = before.replace(scriptTags, "");
  if (!after.includes("</body>")) throw new Error(`${staticDir}/index.html has no <div id="root"></div> in its body`);
  return { id: createHash("sha256").update(plain).digest("base64url").slice(0, 12), head, scripts, plain };
}

let worker: { thread: Worker; pending: Map<number, (response: RenderResponse | null) => void> } | null = null;
let nextId = 1;

function renderThread() {
  if (worker) return worker;
  const thread = typeScriptWorker(new URL("../../web/src/ssr/renderWorker.ts", import.meta.url));
  const pending = new Map<number, (response: RenderResponse | null) => void>();
  thread.on("message", (response: RenderResponse) => {
    pending.get(response.id)?.(response);
    pending.delete(response.id);
  });
  const fail = (why: string) => {
    console.error(`render worker: ${why}`);
    for (const settle of pending.values()) settle(null);
    pending.clear();
    worker = null;
  };
  thread.on("error", (error) => fail(error.stack ?? error.message));
  thread.on("exit", (code) => fail(`exited with code ${code}`));
  thread.unref();
  worker = { thread, pending };
  return worker;
}

type Unnumbered<T> = T extends unknown ? Omit<T, "id"> : never;

function ask(request: Unnumbered<RenderRequest>): Promise<RenderResponse | null> {
  const { thread, pending } = renderThread();
  const id = nextId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      resolve(null);
    }, RENDER_TIMEOUT_MS);
    pending.set(id, (response) => {
      clearTimeout(timer);
      resolve(response);
    });
    thread.postMessage({ ...request, id });
  });
}

/** Starts the worker and renders the default view, so the first reader does not wait for either. */
export function warmPageRenderer(store: Store, template: PageTemplate, fetchApi: FetchApi): void {
  void renderedPage(store, template, fetchApi, "/", "");
}

/** An API answer read in-process, as the browser would read it (no credentials: the page is what anyone may read). */
export type FetchApi = (path: string) => Promise<Response>;

const encode = (text: string) => new TextEncoder().encode(text);
const gzipAsync = promisify(gzip);

/** Text inside the JSON block: `<` escaped, so no `</script>` in a figure's note can end it. */
const jsonInScript = (json: string) => json.replaceAll("<", "\\u003c");
const escapeHtml = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

async function render(template: PageTemplate, fetchApi: FetchApi, pathname: string, search: string, etag: string) {
  const planned = await ask({ op: "queries", pathname, search });
  if (!planned?.queries || planned.queries.length === 0) return null;
  const answers = (
    await Promise.all(
      planned.queries.map(async ({ key, path }) => {
        const response = await fetchApi(path);
        // An answer the API refuses (a hand-edited link) is asked again by the browser, which shows why.
        return response.status === 200 ? [{ key, json: await response.text() }] : [];
      }),
    )
  ).flat();
  const rendered = await ask({ op: "render", pathname, search, answers });
  if (!rendered?.html) {
    if (rendered?.failure) console.error(`render: ${pathname}${search}: ${rendered.failure}`);
    return null;
  }
  if (process.env.RENDER_LOG)
    console.log(
      `render: ${pathname}${search}: page ${Math.round(rendered.timings.page)} ms, charts ${Math.round(rendered.timings.charts)} ms`,
    );
  const data = `[${answers.map(({ key, json }) => `[${JSON.stringify(key)},${json}]`).join(",")}]`;
  const head = template.head.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(rendered.title)}</title>`);
  const page =
    `${head.trimEnd()}\n    <div id="root" data-rendered="server">${rendered.html}</div>\n` +
    `    <script type="application/json" id="page-data">${jsonInScript(data)}</script>\n    ${template.scripts}\n  </body>\n</html>\n`;
  const html = encode(page);
  const gzipped = new Uint8Array(await gzipAsync(html));
  return { etag, html, gzipped, bytes: () => html.byteLength + gzipped.byteLength } satisfies RenderedPage;
}

const inFlight = new Map<string, Promise<RenderedPage | null>>();
let waiting = 0;

/**
 * The page for an address, from the cache or rendered now; null when it is not rendered on the
 * server (the upload pages), when too many renders wait, or when the render failed.
 */
export async function renderedPage(store: Store, template: PageTemplate, fetchApi: FetchApi, pathname: string, search: string) {
  const { version } = await getDataVersion(store);
  const address = `${pathname}${search}`;
  const key = `page|${version}|${template.id}|${address}`;
  const cache = cacheOf(store);
  const hit = cache.get(key) as RenderedPage | undefined;
  if (hit) return hit;
  const running = inFlight.get(key);
  if (running) return running;
  if (waiting >= MAX_WAITING) return null;
  const etag = `"page-${version}-${template.id}-${createHash("sha256").update(address).digest("base64url").slice(0, 16)}"`;
  waiting++;
  const made = render(template, fetchApi, pathname, search, etag)
    .catch((error: unknown) => {
      console.error(`render: ${address}`, error);
      return null;
    })
    .then((page) => {
      if (page) cache.set(key, page);
      return page;
    })
    .finally(() => {
      waiting--;
      inFlight.delete(key);
    });
  inFlight.set(key, made);
  return made;
}
