// npm run bench:first-paint: what bounds issue 18's desktop budget (the first chart within 3 times
// a blank page's load). The server's page cut down to less and less, each served as a static file
// by a bare node:http server beside the built assets, in one Chromium at 1440 px, fresh context
// each (median of 5): the first contentful paint and the load event of each, against the blank page.
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { launchChromium, startServer } from "../../tests/e2e/server.ts";
import { median } from "./median.ts";
import { renderTable } from "./table.ts";

const RUNS = 5;
const DIST = "web/dist";
const BLANK = "<!doctype html><html><head><title>blank</title></head><body>blank</body></html>";

const server = await startServer();
const full = await (await fetch(server.url)).text();
await server.stop();

const withoutData = full.replace(/<script type="application\/json" id="page-data">[\s\S]*?<\/script>/, "");
const withoutScripts = withoutData.replace(/<script type="module"[^>]*><\/script>|<link rel="modulepreload"[^>]*>/g, "");
const chartStart = withoutScripts.lastIndexOf("<svg", withoutScripts.indexOf("capex-segment"));
const firstChartEnd = withoutScripts.indexOf("</svg>", chartStart) + "</svg>".length;
const close = "</div></body></html>";
const pages: { what: string; html: string }[] = [
  { what: "the blank page", html: BLANK },
  {
    what: "the page's head (its stylesheets) and one word",
    html: withoutScripts.replace(/<div id="root"[\s\S]*<\/body>/, "<div>x</div></body>"),
  },
  { what: "the first screen without its chart: masthead, controls, scorecard", html: withoutScripts.slice(0, chartStart) + close },
  { what: "the first screen with the capex chart, no scripts, no data", html: withoutScripts.slice(0, firstChartEnd) + close },
  { what: "the whole page without its data", html: withoutData },
  { what: "the whole page", html: full },
];

const files = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://bench");
  const page = pages[Number(url.searchParams.get("page"))];
  if (url.pathname === "/" && page) {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip" });
    return response.end(gzipSync(page.html));
  }
  const file = join(DIST, url.pathname);
  if (!url.pathname.endsWith("/") && existsSync(file)) {
    response.writeHead(200, {
      "Content-Type": file.endsWith(".css") ? "text/css" : file.endsWith(".js") ? "text/javascript" : "application/octet-stream",
    });
    return response.end(readFileSync(file));
  }
  response.writeHead(404);
  response.end();
});
await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(files.address() as AddressInfo).port}/`;

const browser = await launchChromium();
const measured: { what: string; bytes: number; paint: number; load: number }[] = [];
for (const [index, page] of pages.entries()) {
  const paints: number[] = [];
  const loads: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const tab = await context.newPage();
    await tab.goto(`${base}?page=${index}`, { waitUntil: "load" });
    await tab.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0);
    const { paint, load } = await tab.evaluate(() => ({
      paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN,
      load: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd,
    }));
    paints.push(paint);
    loads.push(load);
    await context.close();
  }
  measured.push({ what: page.what, bytes: page.html.length, paint: median(paints), load: median(loads) });
}
await browser.close();
files.close();

const blankLoad = measured[0]?.load ?? Number.NaN;
console.log(
  renderTable(
    measured.map((m) => ({
      what: `${m.what} (${Math.round(m.bytes / 1024)} KB): first contentful paint, load ${Math.round(m.load)} ms`,
      value: `${Math.round(m.paint)} ms`,
      ratio: (m.paint / blankLoad).toFixed(1),
      budget: m.what === "the blank page" ? "the baseline is its load" : "",
    })),
  ),
);
