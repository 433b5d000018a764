// The dashboard's page at any address that is not a file: rendered on the server for the view its
// URL names (services/pageRenderer.ts), with its ETag (304 when the browser has it) and no-cache,
// so a new build or new figures are picked up at once; the plain page where the server does not
// render it.
import type { Context } from "hono";
import type { Store } from "../db/client.ts";
import { type FetchApi, type PageTemplate, renderedPage } from "../services/pageRenderer.ts";
import { clientHas } from "./cachedResponse.ts";
import { keptBytes } from "./replay.ts";

const PAGE_CACHE = "no-cache";

export function pageHandler(store: Store, template: PageTemplate, fetchApi: FetchApi) {
  return async (c: Context, next: () => Promise<void>) => {
    // A path with a file extension is a file (or its 404), never the page.
    if (/\.[a-z0-9]+$/i.test(c.req.path)) return next();
    const url = new URL(c.req.url);
    c.header("Cache-Control", PAGE_CACHE);
    c.header("Vary", "Accept-Encoding");
    const page = await renderedPage(store, template, fetchApi, url.pathname, url.search);
    if (!page) return c.html(template.plain);
    c.header("ETag", page.etag);
    if (clientHas(c, page.etag)) return c.body(null, 304);
    return keptBytes(c, "text/html; charset=UTF-8", page.html, () => page.gzipped);
  };
}
