// The investor dashboard in Debian's Chromium against the real server on the default data: every
// number checked against /api/thesis, the URL as the view's state, downloads, and screenshots.

import { mkdirSync, readFileSync } from "node:fs";
import Papa from "papaparse";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatGrowth, formatPercent, formatUsdBillions } from "../../web/src/lib/format.ts";
import { launchChromium, type RunningServer, settled, startServer } from "./server.ts";

const ARTIFACTS = "var/artifacts";

let server: RunningServer;
let browser: Browser;
let page: Page;
let thesis: any;
const consoleErrors: string[] = [];

async function openDashboard(path = "/", width = 1280): Promise<Page> {
  const next = await browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  next.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
  next.on("pageerror", (error) => consoleErrors.push(error.message));
  await next.goto(`${server.url}${path}`);
  await next.waitForSelector("#earlier-cycles .point");
  await settled(next);
  return next;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer();
  browser = await launchChromium();
  thesis = await (await fetch(`${server.url}/api/thesis`)).json();
  page = await openDashboard();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const text = async (selector: string) => (await page.locator(selector).first().textContent())?.trim() ?? "";

describe("the header", () => {
  it("says, per series, the latest quarter and the date of the latest filing behind it", async () => {
    const health = await (await fetch(`${server.url}/api/health`)).json();
    const capex = health.latest.find((row: any) => row.metric === "capex");
    expect(capex.latestFiling).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await text('.freshness__item[data-metric="capex"]')).toBe(
      `Capital expenditures to ${capex.latestQuarter.replace("-", " ")}, latest filing ${capex.latestFiling}`,
    );
    expect(await text('.freshness__item[data-metric="cloud_revenue"]')).not.toContain("latest filing");
  });
});

describe("the scorecard", () => {
  it("shows the API's status, explanation and streak", async () => {
    expect(await page.locator(".badge").getAttribute("data-status")).toBe(thesis.scorecard.status);
    expect(await text(".scorecard__explanation")).toBe(thesis.scorecard.explanation);
    expect(await page.locator("[data-streak]").getAttribute("data-streak")).toBe(String(thesis.scorecard.streak));
  });

  it("shows the API's headline numbers and their year-over-year change", async () => {
    const h = thesis.scorecard.headline;
    const value = (id: string) => text(`[data-headline="${id}"] .headline__value`);
    const change = (id: string) => text(`[data-headline="${id}"] .headline__change`);
    expect(await value("capexTtm")).toBe(formatUsdBillions(h.capexTtm.value));
    expect(await change("capexTtm")).toBe(`${formatGrowth(h.capexTtmYoY.value)} YoY`);
    expect(await value("aiRevenueAnnualized")).toBe(formatUsdBillions(h.aiRevenueAnnualized.value));
    expect(await value("coverage")).toBe(formatPercent(h.coverage.value));
    expect(await change("coverage")).toBe(`${formatGrowth(h.coverageYoY.value)} YoY`);
    expect(await value("dollarGap")).toBe(formatUsdBillions(h.dollarGap.value));
    expect(await change("dollarGap")).toBe(`${formatGrowth(h.dollarGapYoY.value)} YoY`);
    const sequoia = h.sequoiaRequiredRevenue;
    expect(await value("sequoiaRequiredRevenue")).toBe(sequoia.value === null ? "—" : formatUsdBillions(sequoia.value));
    if (sequoia.value === null)
      expect(await text('[data-headline="sequoiaRequiredRevenue"] .headline__reason')).toBe(
        sequoia.reasons.map((r: { message: string }) => r.message).join("; "),
      );
    // A number of another quarter than the verdict's says which.
    for (const id of Object.keys(h).filter((key) => !key.endsWith("YoY"))) {
      const quarter = (await page.locator(`[data-headline="${id}"] .headline__quarter`).allTextContents()).join("");
      expect(quarter).toBe(h[id].quarter === thesis.scorecard.quarter ? "" : `in ${h[id].quarter.replace("-", " ")}`);
    }
    expect(await value("capexToOcf")).toBe(formatPercent(h.capexToOcf.value));
    expect(await change("capexToOcf")).toBe(`${formatGrowth(h.capexToOcfYoY.value)} YoY`);
    expect(await value("freeCashFlow")).toBe(formatUsdBillions(h.freeCashFlow.value));
    expect(await change("freeCashFlow")).toBe(`${formatGrowth(h.freeCashFlowYoY.value)} YoY`);
  });
});

describe("the thesis charts", () => {
  const known = (field: (q: any) => { value: number | null }) =>
    thesis.quarters.filter((q: any) => field(q).value !== null).map((q: any) => q.quarter);
  const points = (chart: string, series: string) =>
    page.$$eval(`#${chart} .point[data-series="${series}"]`, (circles) => circles.map((c) => c.getAttribute("data-x")));

  it.each([
    ["coverage", "coverage", (q: any) => q.coverage],
    ["coverage", "dollarGap", (q: any) => q.dollarGap],
    ["capex-vs-ai-revenue", "capexTtm", (q: any) => q.aggregate.capexTtm],
    ["capex-vs-ai-revenue", "aiRevenue", (q: any) => q.aiRevenue.total],
    ["capex-vs-ai-revenue", "cloudRevenueTtm", (q: any) => q.aggregate.cloudRevenueTtm],
    ["capex-intensity", "aggregate", (q: any) => q.aggregate.intensity],
    ["capex-intensity", "MSFT", (q: any) => q.companies[0].intensity],
    ["sequoia-gap", "required", (q: any) => q.sequoiaRequiredRevenue],
  ])("%s draws series %s at every quarter the API knows, and nowhere else", async (chart, series, field) => {
    const expected = known(field);
    expect(expected.length).toBeGreaterThan(3);
    expect(await points(chart, series)).toEqual(expected);
  });

  it.each(["aggregate", "MSFT", "AMZN"])("draws operating cash flow and capex TTM for %s where the API knows them", async (entity) => {
    const funding = (q: any) => (entity === "aggregate" ? q.funding.aggregate : q.funding.companies.find((c: any) => c.entity === entity));
    const capex = (q: any) => (entity === "aggregate" ? q.aggregate.capexTtm : q.companies.find((c: any) => c.entity === entity).capexTtm);
    const drawn = (series: string) =>
      page.$$eval(`#funding [data-entity="${entity}"] .point[data-series="${series}"]`, (circles) =>
        circles.map((c) => c.getAttribute("data-x")),
      );
    expect(await drawn("ocfTtm")).toEqual(known((q) => funding(q).ocfTtm));
    expect(await drawn("capexTtm")).toEqual(known(capex));
  });

  it("marks exactly the quarters in which a company's capex exceeded its operating cash flow", async () => {
    const amazonExternal = thesis.quarters
      .filter((q: any) => q.funding.companies.find((c: any) => c.entity === "AMZN").flag.status === "externally funded")
      .map((q: any) => q.quarter);
    expect(amazonExternal.length).toBeGreaterThan(0);
    const marked = await page.$$eval('#funding [data-entity="AMZN"] .flag-shade', (rects) => rects.map((r) => r.getAttribute("data-x")));
    expect(marked).toEqual(amazonExternal);
  });

  it("draws depreciation TTM beside capex TTM", async () => {
    const drawn = await points("depreciation", "daTtm");
    expect(drawn).toEqual(known((q) => q.funding.aggregate.daTtm));
  });

  it("shades exactly the quarters whose flag is amber or red", async () => {
    const flagged = thesis.quarters.filter((q: any) => q.flag.status === "amber" || q.flag.status === "red").map((q: any) => q.quarter);
    expect(flagged.length).toBeGreaterThan(0);
    expect(await page.$$eval("#coverage .flag-shade", (rects) => rects.map((r) => r.getAttribute("data-x")))).toEqual(flagged);
  });

  it("draws AI revenue that was interpolated or carried forward as hollow points", async () => {
    const inferred = thesis.quarters
      .filter((q: any) => q.aiRevenue.total.value !== null)
      .filter((q: any) => q.aiRevenue.entities.some((e: any) => e.how !== "observed" || e.from.some((p: any) => p.basis === "estimate")))
      .map((q: any) => q.quarter);
    expect(inferred.length).toBeGreaterThan(0);
    const hollow = await page.$$eval('#capex-vs-ai-revenue .point--hollow[data-series="aiRevenue"]', (circles) =>
      circles.map((c) => c.getAttribute("data-x")),
    );
    expect(hollow).toEqual(inferred);
  });

  it("draws one line per earlier cycle that has a trailing year", async () => {
    const series = await page.$$eval("#earlier-cycles .recharts-line", (lines) =>
      lines.map((l) => l.getAttribute("class")!.match(/series--(\S+)/)![1]),
    );
    const drawable = thesis.earlierCycles.filter((c: any) => c.points.some((p: any) => p.value.value !== null));
    expect(series).toEqual(drawable.map((c: any) => c.id));
  });

  it("shows in the coverage table the API's numbers and flags, quarter by quarter", async () => {
    await page.locator("#coverage").getByRole("button", { name: "Table" }).click();
    // The first four columns; the last says what happened on the time axis (chartLabels.test.ts).
    const rows = await page.$$eval("#coverage tbody tr", (trs) =>
      trs.map((tr) => [...tr.querySelectorAll("th, td")].slice(0, 4).map((cell) => cell.textContent)),
    );
    const expected = [...thesis.quarters]
      .reverse()
      .map((q: any) => [
        `${q.quarter.slice(0, 4)} ${q.quarter.slice(5)}`,
        q.coverage.value === null ? "—" : formatPercent(q.coverage.value),
        q.dollarGap.value === null ? "—" : formatUsdBillions(q.dollarGap.value),
        q.flag.status,
      ]);
    expect(rows).toEqual(expected);
  });

  it("downloads the table as a CSV that parses back to the same numbers", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page
        .locator("#coverage")
        .getByRole("button", { name: /as CSV$/ })
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe("coverage.csv");
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { skipEmptyLines: true }).data;
    expect(parsed[0]!.slice(0, 4)).toEqual(["Quarter", "Coverage (fraction)", "Dollar gap (USD m)", "Flag"]);
    const byQuarter = new Map(parsed.slice(1).map((row) => [row[0], row]));
    for (const q of thesis.quarters) {
      const row = byQuarter.get(q.quarter)!;
      expect(row[1] === "" ? null : Number(row[1])).toBe(q.coverage.value);
      expect(row[2] === "" ? null : Number(row[2])).toBe(q.dollarGap.value);
      expect(row[3]).toBe(q.flag.status);
    }
    await page.locator("#coverage").getByRole("button", { name: "Chart" }).click();
  });

  it("downloads the chart as a PNG and an SVG that carry its title and source line", async () => {
    const chart = page.locator("#sequoia-gap");
    const [png] = await Promise.all([page.waitForEvent("download"), chart.getByRole("button", { name: /as PNG/ }).click()]);
    const bytes = readFileSync((await png.path())!);
    expect(png.suggestedFilename()).toBe("sequoia-gap.png");
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.length).toBeGreaterThan(10_000);
    const [svg] = await Promise.all([page.waitForEvent("download"), chart.getByRole("button", { name: /as SVG/ }).click()]);
    const markup = readFileSync((await svg.path())!, "utf8");
    expect(markup).toContain("short of what NVIDIA");
    expect(markup).toContain("Sequoia Capital (David Cahn)");
    expect(markup).toContain("Revenue required (Sequoia)");
    expect(markup.includes("var(--")).toBe(false);
  });
});

describe("tracing a number to its source", () => {
  it("opens a quarter's sources from a chart, with links, in the URL", async () => {
    await page.locator('#capex-by-company .capex-segment[data-entity="AMZN"][data-period="2025-Q1"]').click();
    const dialog = page.getByRole("dialog", { name: "Sources for 2025 Q1" });
    await dialog.waitFor();
    expect(page.url()).toContain("quarter=2025-Q1");
    const amazon = dialog.locator('li[data-entity="AMZN"][data-metric="capex"]');
    await amazon.waitFor();
    expect(await amazon.locator("a").getAttribute("href")).toMatch(/^https:\/\//);
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !location.search.includes("quarter="));
  });
});

describe("the view in the URL", () => {
  it("writes each control to the URL, restores the view from it, and follows back and forward", async () => {
    const view = await openDashboard();
    await view.getByRole("checkbox", { name: "Meta Platforms" }).uncheck();
    await view.getByRole("group", { name: "Capex per quarter or trailing twelve months" }).getByRole("button", { name: "TTM" }).click();
    await view.locator('select[name="lookback"]').selectOption("2");
    await view.locator("#capex-vs-ai-revenue").getByRole("button", { name: "Log" }).click();
    await view.waitForFunction(() => location.search.includes("scale=log"));
    const url = new URL(view.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ companies: "MSFT,GOOGL,AMZN", capex: "ttm", lookback: "2", scale: "log" });
    // The thesis is asked once the settings have settled.
    await view.locator(".scorecard__streak", { hasText: "against 2 quarters earlier" }).waitFor();

    const copy = await openDashboard(`${url.pathname}${url.search}`);
    expect(await copy.getByRole("checkbox", { name: "Meta Platforms" }).isChecked()).toBe(false);
    expect(await copy.getByRole("button", { name: "TTM" }).getAttribute("aria-pressed")).toBe("true");
    expect(await copy.locator('select[name="lookback"]').inputValue()).toBe("2");
    expect(await copy.locator('.capex-segment[data-entity="META"]').count()).toBe(0);
    expect(await copy.locator(".scorecard__streak").textContent()).toContain("against 2 quarters earlier");
    await copy.close();

    await view.goBack();
    await view.waitForFunction(() => !location.search.includes("scale=log"));
    // The charts take the view a moment after the controls (App.tsx's deferred chartView): wait for it.
    await expect
      .poll(() => view.locator("#capex-vs-ai-revenue").getByRole("button", { name: "Linear" }).getAttribute("aria-pressed"))
      .toBe("true");
    await view.goForward();
    await view.waitForFunction(() => location.search.includes("scale=log"));
    await view.close();
  });
});

describe("loading the page", () => {
  it("asks for no thesis at load (the page carries it), one for a new setting, and lists every reported quarter in the range pickers", async () => {
    const view = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const thesisRequests: string[] = [];
    view.on("request", (request) => request.url().includes("/api/thesis") && thesisRequests.push(request.url()));
    await view.goto(server.url);
    await view.waitForSelector("#earlier-cycles .point");
    await settled(view);
    expect(thesisRequests).toEqual([]);
    const options = await view.$$eval('select[name="from"] option', (list) => list.map((option) => option.getAttribute("value")));
    expect(options).toEqual(["", ...thesis.quarters.map((q: any) => q.quarter)]);
    const answered = view.waitForResponse((response) => response.url().includes("/api/thesis"));
    await view.getByRole("checkbox", { name: "Meta Platforms" }).first().click();
    await answered;
    expect(thesisRequests).toHaveLength(1);
    await view.close();
  });
});

describe("the page for every reader", () => {
  it("fits a 390 px phone without horizontal scrolling, and both widths are captured as artifacts", async () => {
    const phone = await openDashboard("/", 390);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${ARTIFACTS}/dashboard-390.png`, fullPage: true });
    await phone.close();
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-1280.png`, fullPage: true });
  });

  it("logged no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
