// Front end: the gzip size of the JavaScript the page loads first, and the time from navigation to
// the first chart drawn in headless Chromium against a blank page in the same browser run.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { launchChromium, startServer } from "../../tests/e2e/server.ts";
import { median } from "./median.ts";
import type { Row } from "./table.ts";

const DIST = join("web", "dist");
const RUNS = 5;

/** The entry script and the modules it preloads: what runs before anything is drawn. */
function initialJavaScriptGzip(): { bytes: number; files: string[] } {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const files = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)]
    .map(([, file]) => file)
    .filter((file) => file !== undefined);
  const bytes = files.reduce((total, file) => total + gzipSync(readFileSync(join(DIST, file))).length, 0);
  return { bytes, files };
}

export async function frontendBench(): Promise<Row[]> {
  const initial = initialJavaScriptGzip();
  const blank = createServer((_, response) => {
    response.writeHead(200, { "Content-Type": "text/html" });
    response.end("<!doctype html><html><head><title>blank</title></head><body>blank</body></html>");
  });
  await new Promise<void>((resolve) => blank.listen(0, "127.0.0.1", resolve));
  const address = blank.address();
  if (address === null || typeof address === "string") throw new Error("the blank page's server has no TCP port");
  const blankUrl = `http://127.0.0.1:${address.port}/`;
  const server = await startServer();
  const browser = await launchChromium();
  const chart: number[] = [];
  const empty: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(blankUrl, { waitUntil: "load" });
      empty.push(
        await page.evaluate(() => {
          const [navigation] = performance.getEntriesByType("navigation");
          if (!(navigation instanceof PerformanceNavigationTiming)) throw new Error("the blank page has no navigation timing");
          return navigation.loadEventEnd;
        }),
      );
      await page.goto(server.url);
      await page.waitForFunction(() => document.querySelector(".capex-segment") !== null, undefined, { polling: "raf" });
      chart.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
    blank.close();
  }
  const kb = initial.bytes / 1024;
  return [
    {
      what: `front end: JavaScript loaded first, gzip (${initial.files.length} file${initial.files.length === 1 ? "" : "s"})`,
      value: `${kb.toFixed(1)} KB`,
      ratio: "",
      budget: kb <= 250 ? "<= 250 KB: met" : "<= 250 KB: NOT met",
    },
    {
      what: `front end: blank page, navigation to load (median of ${RUNS})`,
      value: `${Math.round(median(empty))} ms`,
      ratio: "1.00",
      budget: "",
    },
    {
      what: `front end: navigation to the first chart drawn (median of ${RUNS}, fresh cache)`,
      value: `${Math.round(median(chart))} ms`,
      ratio: (median(chart) / median(empty)).toFixed(1),
      budget: "",
    },
  ];
}
