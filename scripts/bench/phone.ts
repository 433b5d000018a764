// The page as investors see it (issue 18): a phone on a slow network (CDP: 4x CPU, 400 ms latency,
// 400 kbit/s down and up), and a desktop's control changes, each beside its baseline in the same
// run: a blank page in the same browser under the same profile.
import { createServer, get } from "node:http";
import { constants, gunzipSync } from "node:zlib";
import type { Browser, CDPSession, Page } from "playwright-core";
import { launchChromium, startServer } from "../../tests/e2e/server.ts";
import { median } from "./median.ts";
import type { Row } from "./table.ts";

const RUNS = 5;
const PHONE = { cpu: 4, latency: 400, bytesPerSecond: 50_000 };
const BUDGET = { firstChartMs: 2000, allChartsMs: 5000, longestTaskMs: 200, bytesKb: 60, desktopMultiple: 3, controlMs: 100 };

/** Every long task (over 50 ms) from the start, as the page's own PerformanceObserver saw them. */
const OBSERVE_LONG_TASKS = () => {
  const w = window as unknown as { longTasks: { start: number; duration: number }[] };
  w.longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: "longtask", buffered: true });
};

async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: PHONE.cpu });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: PHONE.latency,
    downloadThroughput: PHONE.bytesPerSecond,
    uploadThroughput: PHONE.bytesPerSecond,
  });
  return cdp;
}

/** The verdict and the first chart are readable: the scorecard's badge and the capex chart's bars are in the page. */
const FIRST_VIEW = () => document.querySelector(".scorecard .badge") !== null && document.querySelector(".capex-segment") !== null;
/** Every chart frame on the page holds a drawn chart (an SVG), not a skeleton. */
const ALL_CHARTS = () =>
  document.querySelector(".chart-frame--loading") === null &&
  [...document.querySelectorAll(".charts .chart-frame")].every(
    (frame) => frame.querySelector("svg") !== null || frame.querySelector("table") !== null,
  );

/**
 * The page answers input: hydrated, no chart still going live, and with a mouse every chart live
 * (a touch screen keeps the server's drawings until they are touched).
 */
const SETTLED = () =>
  document.documentElement.dataset.hydrated === "true" &&
  !document.documentElement.hasAttribute("data-charts-busy") &&
  (!window.matchMedia("(hover: hover) and (pointer: fine)").matches || document.querySelector(".chart--static") === null);

interface PhoneRun {
  firstView: number;
  allCharts: number;
  settled: number;
  longestTask: number;
  bytesBeforeFirstView: number;
}

/**
 * When what was just found in the page was on screen: now, or the first contentful paint if the
 * browser presented it later (a frame's raster can lag its layout).
 */
async function visibleAt(page: Page): Promise<number> {
  const now = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, undefined, { timeout: 120_000 });
  const paint = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0);
  return Math.max(now, paint);
}

/** The page as the server sends it to a browser (gzip). */
async function gzippedPage(url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { "Accept-Encoding": "gzip" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        response.headers["content-encoding"] === "gzip"
          ? resolve(Buffer.concat(chunks))
          : reject(new Error(`${url} was not sent gzip-compressed`)),
      );
    }).on("error", reject);
  });
}

/** How many bytes of a gzip stream it takes to decode its first `decoded` bytes. */
function compressedPrefix(gzipped: Buffer, decoded: number): number {
  const STEP = 256;
  for (let sent = STEP; sent < gzipped.length; sent += STEP) {
    const out = gunzipSync(gzipped.subarray(0, sent), { finishFlush: constants.Z_SYNC_FLUSH });
    if (out.length >= decoded) return sent;
  }
  return gzipped.length;
}

async function phoneRun(browser: Browser, url: string, sentPage: Buffer): Promise<PhoneRun> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.addInitScript(OBSERVE_LONG_TASKS);
  const cdp = await throttle(page);
  // What had arrived when the first chart was readable: the other requests finished by then, as
  // sent, and the part of the document decoded by then (CDP reports a streamed document's
  // compressed bytes only when it has finished; compressedPrefix maps it back).
  let otherBytes = 0;
  let documentDecoded = 0;
  let documentId: string | null = null;
  let counting = true;
  cdp.on("Network.requestWillBeSent", (event: { requestId: string; type?: string }) => {
    if (event.type === "Document") documentId ??= event.requestId;
  });
  cdp.on("Network.dataReceived", (event: { requestId: string; dataLength: number }) => {
    if (counting && event.requestId === documentId) documentDecoded += event.dataLength;
  });
  cdp.on("Network.loadingFinished", (event: { requestId: string; encodedDataLength: number }) => {
    if (counting && event.requestId !== documentId) otherBytes += event.encodedDataLength;
  });
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(FIRST_VIEW, undefined, { polling: "raf", timeout: 120_000 });
  counting = false;
  const firstView = await visibleAt(page);
  await page.waitForFunction(ALL_CHARTS, undefined, { polling: "raf", timeout: 120_000 });
  const allCharts = await page.evaluate(() => performance.now());
  // Work that follows the last chart (the scripts, hydration, lazy sections) counts too: the page
  // is watched until it answers input and the network is quiet, and 2 s more.
  await page.waitForFunction(SETTLED, undefined, { polling: 100, timeout: 120_000 });
  const settled = await page.evaluate(() => performance.now());
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(2000);
  const longestTask = await page.evaluate(() => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
    const tasks = (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks;
    return Math.max(0, ...tasks.filter((t) => t.start >= paint).map((t) => t.duration));
  });
  await context.close();
  return { firstView, allCharts, settled, longestTask, bytesBeforeFirstView: otherBytes + compressedPrefix(sentPage, documentDecoded) };
}

async function blankRun(browser: Browser, url: string, throttled: boolean): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (throttled) await throttle(page);
  await page.goto(url, { waitUntil: "load" });
  const loaded = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType("navigation");
    return navigation instanceof PerformanceNavigationTiming ? navigation.loadEventEnd : Number.NaN;
  });
  await context.close();
  return loaded;
}

/** Every input event's time to the next paint (Event Timing, what INP reads), as the page saw them. */
const OBSERVE_INTERACTIONS = () => {
  const w = window as unknown as { interactions: { id: number; duration: number }[] };
  w.interactions = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceEventTiming[])
      if (entry.interactionId > 0) w.interactions.push({ id: entry.interactionId, duration: entry.duration });
    // durationThreshold is Event Timing's own option, not in TypeScript's DOM types.
  }).observe({ type: "event", durationThreshold: 16 } as PerformanceObserverInit);
};

/** Resolves once the charts have not changed for 300 ms. */
const QUIET = () =>
  new Promise<void>((resolve) => {
    // Only anonymous functions inside: tsx names the others with a helper the page does not have.
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => resolve(observer.disconnect()), 300);
    });
    let timer = setTimeout(() => resolve(observer.disconnect()), 300);
    const charts = document.querySelector(".charts");
    if (charts) observer.observe(charts, { subtree: true, childList: true, attributes: true, characterData: true });
  });

/** The shortest duration Event Timing reports: an interaction it leaves out painted sooner. */
const EVENT_TIMING_FLOOR_MS = 16;

/**
 * A click's time to the next paint (its interaction's longest event, as INP counts it), and its
 * time to the next paint after the charts changed.
 */
async function controlChange(page: Page, click: () => Promise<void>): Promise<{ paint: number; charts: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { changed: Promise<number>; clickedAt: number; interactions: unknown[] };
    w.interactions.length = 0;
    w.changed = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        observer.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - w.clickedAt)));
      });
      const charts = document.querySelector(".charts");
      if (charts) observer.observe(charts, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  });
  await page.evaluate(() => {
    (window as unknown as { clickedAt: number }).clickedAt = performance.now();
  });
  await click();
  const charts = await page.evaluate(() => (window as unknown as { changed: Promise<number> }).changed);
  // Each click is timed from a page at rest, as a reader's would be: the charts' redraw (in
  // slices, then recharts' own passes) has ended, which also delivers the Event Timing entries.
  await page.evaluate(QUIET);
  const paint = await page.evaluate(() => {
    const { interactions } = window as unknown as { interactions: { id: number; duration: number }[] };
    return Math.max(0, ...interactions.map((entry) => entry.duration));
  });
  return { paint: Math.max(paint, EVENT_TIMING_FLOOR_MS), charts };
}

async function desktopRuns(browser: Browser, url: string) {
  const firstChart: number[] = [];
  const changes: Record<string, { paint: number; charts: number }[]> = { TTM: [], Log: [], company: [] };
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(OBSERVE_INTERACTIONS);
    // Timed from the navigation's start, whatever load waits for (the scripts come after the first chart).
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(FIRST_VIEW, undefined, { polling: "raf" });
    firstChart.push(await visibleAt(page));
    await page.waitForFunction(ALL_CHARTS, undefined, { polling: "raf" });
    // A control answers once the page is hydrated and the charts in view are live.
    await page.waitForFunction(SETTLED, undefined, { polling: 50 });
    await page.evaluate(QUIET);
    changes.TTM?.push(await controlChange(page, () => page.getByRole("button", { name: "TTM", exact: true }).first().click()));
    changes.Log?.push(await controlChange(page, () => page.getByRole("button", { name: "Log", exact: true }).first().click()));
    changes.company?.push(await controlChange(page, () => page.getByRole("checkbox", { name: "Meta Platforms" }).first().click()));
    await context.close();
  }
  return { firstChart, changes };
}

const met = (ok: boolean, budget: string) => `${budget}: ${ok ? "met" : "NOT met"}`;

export async function phoneBench(): Promise<Row[]> {
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
  try {
    const sentPage = await gzippedPage(server.url);
    const phone: PhoneRun[] = [];
    const blankPhone: number[] = [];
    const blankDesktop: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      blankPhone.push(await blankRun(browser, blankUrl, true));
      phone.push(await phoneRun(browser, server.url, sentPage));
      blankDesktop.push(await blankRun(browser, blankUrl, false));
    }
    const desktop = await desktopRuns(browser, server.url);
    const m = (pick: (r: PhoneRun) => number) => median(phone.map(pick));
    const blankMs = median(blankPhone);
    const rows: Row[] = [
      {
        what: `phone (4x CPU, 400 ms, 400 kbit/s): blank page, navigation to load (median of ${RUNS})`,
        value: `${Math.round(blankMs)} ms`,
        ratio: "1.00",
        budget: "",
      },
      {
        what: "phone: navigation to the verdict and the first chart visible",
        value: `${Math.round(m((r) => r.firstView))} ms`,
        ratio: (m((r) => r.firstView) / blankMs).toFixed(1),
        budget: met(m((r) => r.firstView) <= BUDGET.firstChartMs, `<= ${BUDGET.firstChartMs} ms`),
      },
      {
        what: "phone: navigation to every chart drawn",
        value: `${Math.round(m((r) => r.allCharts))} ms`,
        ratio: (m((r) => r.allCharts) / blankMs).toFixed(1),
        budget: met(m((r) => r.allCharts) <= BUDGET.allChartsMs, `<= ${BUDGET.allChartsMs} ms`),
      },
      {
        what: "phone: navigation to the page answering input (hydrated, charts in view live)",
        value: `${Math.round(m((r) => r.settled))} ms`,
        ratio: (m((r) => r.settled) / blankMs).toFixed(1),
        budget: "",
      },
      {
        what: "phone: longest main-thread task after the first paint",
        value: `${Math.round(m((r) => r.longestTask))} ms`,
        ratio: "",
        budget: met(m((r) => r.longestTask) <= BUDGET.longestTaskMs, `<= ${BUDGET.longestTaskMs} ms`),
      },
      {
        what: "phone: bytes before the first chart is readable (HTML, CSS, data, scripts; as sent)",
        value: `${(m((r) => r.bytesBeforeFirstView) / 1024).toFixed(1)} KB`,
        ratio: "",
        budget: met(m((r) => r.bytesBeforeFirstView) / 1024 <= BUDGET.bytesKb, `<= ${BUDGET.bytesKb} KB`),
      },
    ];
    const desktopBlank = median(blankDesktop);
    const first = median(desktop.firstChart);
    rows.push(
      { what: "desktop: blank page, navigation to load", value: `${Math.round(desktopBlank)} ms`, ratio: "1.00", budget: "" },
      {
        what: "desktop: navigation to the first chart",
        value: `${Math.round(first)} ms`,
        ratio: (first / desktopBlank).toFixed(1),
        budget: met(first / desktopBlank <= BUDGET.desktopMultiple, `<= ${BUDGET.desktopMultiple} x`),
      },
    );
    for (const [control, times] of Object.entries(desktop.changes)) {
      const paint = median(times.map((t) => t.paint));
      rows.push(
        {
          what: `desktop: ${control}, the click to the next paint (Event Timing, as INP counts it)`,
          value: `${paint <= EVENT_TIMING_FLOOR_MS ? "<= " : ""}${Math.round(paint)} ms`,
          ratio: "",
          budget: met(paint <= BUDGET.controlMs, `<= ${BUDGET.controlMs} ms`),
        },
        {
          what: `desktop: ${control}, the click to the next paint after the charts changed`,
          value: `${Math.round(median(times.map((t) => t.charts)))} ms`,
          ratio: "",
          budget: "",
        },
      );
    }
    return rows;
  } finally {
    await browser.close();
    await server.stop();
    blank.close();
  }
}
