// Reaching every point by touch and keyboard, in Debian's Chromium against the real server on the
// default data: a tap or a key opens the sources of the quarter under it, inputs keep what is
// typed, a range the wrong way round is refused before any request, and the page's own controls
// (menus, dialogs, links) behave as a reader expects.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type RunningServer, settled, startServer } from "./server.ts";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPhone(path = "/"): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  await page.waitForSelector("#earlier-cycles .point");
  await settled(page);
  return page;
}

async function openDesktop(path = "/"): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${server.url}${path}`);
  await page.waitForSelector("#earlier-cycles .point");
  await settled(page);
  return page;
}

const quarterIndex = (q: string) => Number(q.slice(0, 4)) * 4 + Number(q.slice(6)) - 1;
const quarterOf = (i: number) => `${Math.floor(i / 4)}-Q${(i % 4) + 1}`;

/**
 * The quarter whose place on the x axis is nearest to a page x coordinate, found from the drawn
 * points alone: quarters are evenly spaced, so the first and last point give the spacing (a
 * quarter with no point, a gap, still has its place).
 */
async function quarterUnder(page: Page, chart: string, x: number): Promise<string> {
  const points = await page.$$eval(`#${chart} .point`, (circles) =>
    circles.map((c) => {
      const box = c.getBoundingClientRect();
      return { quarter: c.getAttribute("data-x") ?? "", x: box.left + box.width / 2 };
    }),
  );
  const byIndex = points.map((p) => ({ i: quarterIndex(p.quarter), x: p.x })).sort((a, b) => a.i - b.i);
  const [first, last] = [byIndex[0]!, byIndex.at(-1)!];
  const spacing = (last.x - first.x) / (last.i - first.i);
  return quarterOf(first.i + Math.round((x - first.x) / spacing));
}

const LINE_CHARTS = ["coverage", "capex-vs-ai-revenue", "capex-intensity", "sequoia-gap", "depreciation"];

describe("a tap on a chart", () => {
  it.each(LINE_CHARTS)(
    "on the %s chart, at 60 percent of its width, opens the sources of the quarter under it the first time",
    async (chart) => {
      const page = await openPhone();
      const surface = page.locator(`#${chart} svg.recharts-surface`).first();
      await surface.scrollIntoViewIfNeeded();
      const box = (await surface.boundingBox())!;
      // A touch lands on a whole pixel.
      const x = Math.round(box.x + box.width * 0.6);
      const expected = await quarterUnder(page, chart, x);
      await page.touchscreen.tap(x, box.y + box.height / 2);
      const title = page.locator("#evidence-title");
      await title.waitFor();
      expect(await title.textContent()).toBe(`Sources for ${expected.replace("-", " ")}`);
      expect(new URL(page.url()).searchParams.get("quarter")).toBe(expected);
      await page.context().close();
    },
  );

  it("on a bar of the capex chart opens that bar's quarter", async () => {
    const page = await openPhone();
    const bar = page.locator('#capex-by-company .capex-segment[data-entity="MSFT"][data-period="2024-Q2"]');
    await bar.scrollIntoViewIfNeeded();
    const box = (await bar.boundingBox())!;
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByRole("dialog", { name: "Sources for 2024 Q2" }).waitFor();
    await page.context().close();
  });
});

describe("the keyboard on a chart", () => {
  it.each([
    ["Enter", "coverage"],
    [" ", "sequoia-gap"],
    ["Enter", "capex-by-company"],
  ])("%j on a focused point opens its sources, and closing them gives focus back to the chart", async (key, chart) => {
    const page = await openDesktop();
    const surface = page.locator(`#${chart} svg.recharts-surface`).first();
    await surface.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    // The tooltip names the quarter the arrows reached.
    const shown = (await page.locator(`#${chart} .tooltip strong`).textContent())!;
    await page.keyboard.press(key);
    const dialog = page.getByRole("dialog", { name: `Sources for ${shown}` });
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.closest("section")?.id)).toBe(chart);
    await page.close();
  });
});

describe("a numeric input", () => {
  const gpuShare = (page: Page) => page.getByRole("textbox", { name: "GPU share of data-center cost" });
  const margin = (page: Page) => page.getByRole("textbox", { name: "Buyer's gross margin" });
  const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

  it.each(["0.3", "0.35", "1"])("keeps %s when it is typed over the selected value, and uses it", async (typed) => {
    const page = await openDesktop();
    await gpuShare(page).selectText();
    await page.keyboard.type(typed);
    await page.waitForFunction((typed) => new URL(location.href).searchParams.get("gpuShare") === typed, typed);
    expect(await gpuShare(page).inputValue()).toBe(typed);
    await page.close();
  });

  it.each([
    ["0", "must be above 0"],
    ["50", "must be at most 1"],
    ["", "expected a number"],
  ])("keeps %j, says why it cannot be used, and keeps the last value in use", async (typed, why) => {
    const page = await openDesktop();
    await gpuShare(page).selectText();
    await page.keyboard.press("Backspace");
    await page.keyboard.type(typed);
    await page.getByText(`GPU share of data-center cost: ${why}`).waitFor();
    await gpuShare(page).blur();
    expect(await gpuShare(page).inputValue()).toBe(typed);
    expect(await gpuShare(page).getAttribute("aria-invalid")).toBe("true");
    expect(param(page, "gpuShare")).toBeNull();
    await page.close();
  });

  it("takes a margin typed after a backspace as typed", async () => {
    const page = await openDesktop();
    await margin(page).click();
    await page.keyboard.press("End");
    for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
    await page.keyboard.type("0.6");
    await margin(page).press("Enter");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("margin") === "0.6");
    expect(await margin(page).inputValue()).toBe("0.6");
    await page.close();
  });

  it("shows the value of the view it goes back to", async () => {
    const page = await openDesktop("/?gpuShare=0.4");
    await gpuShare(page).selectText();
    await page.keyboard.type("0.25");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("gpuShare") === "0.25");
    await page.goBack();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("gpuShare") === "0.4");
    expect(await gpuShare(page).inputValue()).toBe("0.4");
    await page.close();
  });
});

describe("the quarter range", () => {
  it("refuses a range the wrong way round with the API's reason, before any request", async () => {
    const page = await openDesktop("/?to=2025-Q4");
    // The Scenarios section asks for its answer after the page has settled: let it, then listen.
    await page.locator('[data-answer="requirement"]').waitFor();
    const requests: string[] = [];
    page.on("request", (request) => request.url().includes("/api/") && requests.push(request.url()));
    await page.locator('select[name="from"]').selectOption("2026-Q1");
    const api = await (await fetch(`${server.url}/api/thesis?from=2026-Q1&to=2025-Q4`)).json();
    expect(api.error.details).toEqual([{ parameter: "to", message: "must not be before from: 2025 Q4 is before 2026 Q1" }]);
    await page.getByText(`This range is refused: to ${api.error.details[0].message}.`).waitFor();
    await page.waitForTimeout(500);
    expect(requests).toEqual([]);
    expect(new URL(page.url()).searchParams.get("from")).toBeNull();
    expect(await page.locator('select[name="from"]').inputValue()).toBe("");
    await page.close();
  });

  it("opened from a hand-edited link the wrong way round, says why and asks the server nothing", async () => {
    const page = await browser.newPage();
    const thesis: string[] = [];
    page.on("request", (request) => request.url().includes("/api/thesis") && thesis.push(request.url()));
    await page.goto(`${server.url}/?from=2026-Q1&to=2025-Q4`);
    await page.getByRole("alert").getByText("This range cannot be shown: to must not be before from: 2025 Q4 is before 2026 Q1.").waitFor();
    expect(thesis).toEqual([]);
    expect(await page.locator(".recharts-surface").count()).toBe(0);
    await settled(page);
    await page.getByRole("button", { name: "Show every quarter" }).click();
    await page.waitForSelector("#earlier-cycles .point");
    await page.close();
  });

  it.each([
    ["1Y", 4],
    ["3Y", 12],
    ["5Y", 20],
  ])("preset %s shows the last %i reported quarters", async (preset, count) => {
    const page = await openDesktop();
    const quarters = await page.$$eval('select[name="from"] option', (options) =>
      options.map((o) => o.getAttribute("value")).filter(Boolean),
    );
    await page.getByRole("group", { name: "Time range presets" }).getByRole("button", { name: preset, exact: true }).click();
    const from = quarters.at(-count)!;
    await page.waitForFunction((from) => new URL(location.href).searchParams.get("from") === from, from);
    await page.waitForFunction(
      (from) => document.querySelector("#capex-by-company .capex-segment")?.getAttribute("data-period") === from,
      from,
    );
    expect(await page.getByRole("button", { name: preset, exact: true }).getAttribute("aria-pressed")).toBe("true");
    await page.close();
  });

  it("preset Since ChatGPT starts at ChatGPT's quarter, and All clears the range", async () => {
    const page = await openDesktop("/?from=2020-Q1&to=2024-Q4");
    const presets = page.getByRole("group", { name: "Time range presets" });
    await presets.getByRole("button", { name: "Since ChatGPT" }).click();
    await page.waitForFunction(() => location.search === "?from=2022-Q4");
    await presets.getByRole("button", { name: "All" }).click();
    await page.waitForFunction(() => location.search === "");
    await page.close();
  });

  it("takes five arrow presses on From as one step of history and one request", async () => {
    const page = await openDesktop();
    const thesis: string[] = [];
    page.on("request", (request) => request.url().includes("/api/thesis") && thesis.push(request.url()));
    const entries = await page.evaluate(() => history.length);
    await page.locator('select[name="from"]').focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowDown");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("from") !== null);
    await page.waitForTimeout(1200);
    expect(await page.evaluate(() => history.length)).toBe(entries + 1);
    expect(thesis).toHaveLength(1);
    expect(new URL(thesis[0]!).searchParams.get("from")).toBe(new URL(page.url()).searchParams.get("from"));
    await page.close();
  });
});

describe("a setting of one chart", () => {
  /** The ids of the chart sections whose drawing changed between a click and the frame after its effect. */
  async function redrawnBy(page: Page, button: string, drawn: (page: Page) => Promise<void>): Promise<string[]> {
    await page.evaluate((button) => {
      const changed = new Set<string>();
      (window as unknown as { redrawn: Set<string> }).redrawn = changed;
      for (const section of document.querySelectorAll("section.chart-frame")) {
        new MutationObserver(() => changed.add(section.id)).observe(section, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
      }
      (document.querySelector(button) as HTMLElement).click();
    }, button);
    await drawn(page);
    return page.evaluate(
      () =>
        new Promise<string[]>((resolve) =>
          requestAnimationFrame(() => resolve([...(window as unknown as { redrawn: Set<string> }).redrawn].sort())),
        ),
    );
  }

  // Speed is in the benchmark (npm run bench:phone, a control change to the next paint); here, what is drawn again.
  it("redraws that chart alone: Log and TTM leave every other chart as it was", async () => {
    const page = await openDesktop();
    // The Scenarios section is drawn last, from its own chunk: drawn, it must stay as it is too.
    await page.locator("#scenario-projection svg.recharts-surface").waitFor();
    // Drawn once the chart shows Log pressed: the charts are redrawn after the control (a deferred view).
    const log = await redrawnBy(page, '#capex-vs-ai-revenue [aria-label="Scale"] button:nth-child(2)', (page) =>
      page
        .waitForFunction(
          () =>
            document.querySelector('#capex-vs-ai-revenue [aria-label="Scale"] button:nth-child(2)')?.getAttribute("aria-pressed") ===
            "true",
          undefined,
          { polling: "raf" },
        )
        .then(() => undefined),
    );
    expect(log).toEqual(["capex-vs-ai-revenue"]);
    const ttm = await redrawnBy(page, '[aria-label="Capex per quarter or trailing twelve months"] button:nth-child(2)', (page) =>
      page
        .waitForFunction(() => document.querySelector("#capex-by-company h2")?.textContent?.includes("over the year"), undefined, {
          polling: "raf",
        })
        .then(() => undefined),
    );
    expect(ttm).toEqual(["capex-by-company"]);
    await page.close();
  });
});

describe("the page's own controls", () => {
  it("closes the Export menu on Escape, giving focus back to it, and on a click elsewhere", async () => {
    const page = await openDesktop();
    const menu = page.locator(".masthead details.export-menu");
    await page.locator(".masthead").getByText("Export", { exact: true }).click();
    expect(await menu.getAttribute("open")).not.toBeNull();
    await page.keyboard.press("Escape");
    expect(await menu.getAttribute("open")).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Export");
    await page.locator(".masthead").getByText("Export", { exact: true }).click();
    await page.locator("h1").click();
    expect(await menu.getAttribute("open")).toBeNull();
    await page.close();
  });

  it("gives focus back to the chart when the sources are closed with their button", async () => {
    const page = await openDesktop();
    await page.locator('#capex-by-company .capex-segment[data-entity="MSFT"][data-period="2024-Q2"]').click();
    await page.getByRole("button", { name: "Close sources" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.closest("section")?.id)).toBe("capex-by-company");
    await page.close();
  });

  it("gives focus to the charts, not the top of the page, when sources opened from a link are closed", async () => {
    const page = await openDesktop("/?quarter=2024-Q2");
    await page.getByRole("dialog", { name: "Sources for 2024 Q2" }).waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("charts");
    await page.close();
  });

  it("offers a skip link as the first stop of the keyboard, to the charts", async () => {
    const page = await openDesktop();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to the charts");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("section")?.id)).toBe("capex-by-company");
    await page.close();
  });

  it("opens a link to one chart at that chart, with the view's settings", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.url}/?companies=MSFT,AMZN#funding`);
    await page.waitForSelector("#earlier-cycles .point");
    await expect
      .poll(() => page.evaluate(() => Math.abs(document.querySelector("#funding")!.getBoundingClientRect().top)))
      .toBeLessThan(40);
    expect(await page.locator('#funding [data-entity="META"]').count()).toBe(0);
    await page.close();
  });

  it("copies a link to the view, and to one chart of it", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    const page = await context.newPage();
    await page.goto(`${server.url}/?lookback=2`);
    await page.waitForSelector("#earlier-cycles .point");
    await settled(page);
    await page.getByRole("button", { name: "Copy link to this view" }).click();
    await page.getByRole("status").getByText("Link copied").first().waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}/?lookback=2`);
    await page
      .locator("#funding")
      .getByRole("button", { name: /^Copy link to .*, with the view's settings$/ })
      .click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}/?lookback=2#funding`);
    await context.close();
  });

  it("lists the charts in a table of contents on a phone, and not on a wide screen", async () => {
    const phone = await openPhone();
    const contents = phone.getByRole("navigation", { name: "Contents" });
    expect(await contents.isVisible()).toBe(true);
    expect(await contents.getByRole("link").allTextContents()).toHaveLength(9);
    await contents.getByRole("link", { name: "Depreciation" }).click();
    await expect
      .poll(() => phone.evaluate(() => Math.abs(document.querySelector("#depreciation")!.getBoundingClientRect().top)))
      .toBeLessThan(40);
    await phone.context().close();
    const wide = await openDesktop();
    expect(await wide.getByRole("navigation", { name: "Contents" }).isVisible()).toBe(false);
    await wide.close();
  });

  it("names the verdict, or the open sources, in the tab's title", async () => {
    const page = await openDesktop();
    const thesis = await (await fetch(`${server.url}/api/thesis`)).json();
    const verdict = `${thesis.scorecard.status.toUpperCase()} in ${thesis.scorecard.quarter.replace("-", " ")} · AI Capex Monitor`;
    await expect.poll(() => page.title()).toBe(verdict);
    await page.locator('#capex-by-company .capex-segment[data-entity="MSFT"][data-period="2024-Q2"]').click();
    await expect.poll(() => page.title()).toBe("Sources for 2024 Q2 · AI Capex Monitor");
    await page.close();
  });
});
