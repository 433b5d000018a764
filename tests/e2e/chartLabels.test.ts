// What every chart says in text, in Debian's Chromium against the real server on the default data:
// every label readable (contrast computed here, WCAG AA 4.5:1, in the light and the dark theme),
// none drawn over another, and titles that date what they state.
import { readFileSync } from "node:fs";
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

async function openDashboard(colorScheme: "light" | "dark", width = 1440): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.emulateMedia({ colorScheme });
  await page.goto(server.url);
  await page.waitForSelector("#earlier-cycles .point");
  await settled(page);
  return page;
}

interface Label {
  chart: string;
  text: string;
  color: string;
  background: string;
}

/** Every text of every chart with its colour and the colour behind it (the first opaque background up the tree). */
function chartLabels(page: Page): Promise<Label[]> {
  // Queried and read in one evaluation: $$eval queries first and reads in a second round trip, and
  // a chart redrawn in between (an axis after its container's measure) leaves detached texts.
  return page.evaluate(() =>
    [
      ...document.querySelectorAll(
        ".chart-frame svg text, .chart-frame .legend__item, .chart-frame__source, .chart-frame__notes, .multiple h3",
      ),
    ]
      .filter((element) => (element.textContent ?? "").trim() !== "")
      .map((element) => {
        const style = getComputedStyle(element);
        const color = element instanceof SVGElement ? style.fill : style.color;
        let background = "rgba(0, 0, 0, 0)";
        for (let node: Element | null = element; node && /rgba\(.*, 0\)|transparent/.test(background); node = node.parentElement) {
          background = getComputedStyle(node).backgroundColor;
        }
        return { chart: element.closest("section")?.id ?? "", text: (element.textContent ?? "").trim().slice(0, 40), color, background };
      }),
  );
}

function channels(color: string): [number, number, number] {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b];
}

/** WCAG 2 relative luminance and contrast ratio. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = channels(color).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe("every chart label", () => {
  it.each(["light", "dark"] as const)("has a contrast of at least 4.5:1 in the %s theme", async (scheme) => {
    const page = await openDashboard(scheme);
    const labels = await chartLabels(page);
    expect(labels.length).toBeGreaterThan(100);
    expect(labels.filter((l) => l.chart === "capex-intensity" && /peak|\d+\.\d%$/.test(l.text)).length).toBeGreaterThan(0);
    const poor = labels
      .map((label) => ({ ...label, ratio: Math.round(contrast(label.color, label.background) * 100) / 100 }))
      .filter((label) => label.ratio < 4.5);
    expect(poor).toEqual([]);
    await page.close();
  });
});

describe("the capex intensity chart", () => {
  it("labels each peak where no other label covers it", async () => {
    const page = await openDashboard("light");
    const boxes = await page.evaluate(() =>
      [...document.querySelectorAll("#capex-intensity .reference-label text")].map((t) => {
        const box = t.getBoundingClientRect();
        return { text: t.textContent, top: box.top, bottom: box.bottom, left: box.left, right: box.right };
      }),
    );
    expect(boxes.length).toBe(5);
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        expect(a.bottom <= b.top || b.bottom <= a.top || a.right <= b.left || b.right <= a.left).toBe(true);
    // Each label fits inside its chart.
    const chart = (await page.locator("#capex-intensity svg.recharts-surface").boundingBox())!;
    for (const box of boxes) expect(box.right).toBeLessThanOrEqual(chart.x + chart.width);
    await page.close();
  });

  it("dates its figure, and says how far above the peak before ChatGPT it is", async () => {
    const page = await openDashboard("light");
    const thesis = await (await fetch(`${server.url}/api/thesis`)).json();
    const latest = thesis.quarters.findLast((q: any) => q.aggregate.intensity.value !== null);
    const chatgpt = thesis.quarters.find((q: any) => q.quarter === thesis.params.aiCycleStart);
    const points = ((latest.aggregate.intensity.value - chatgpt.aggregate.earlierPeak.value) * 100).toFixed(1);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    expect(await page.locator("#capex-intensity h2").textContent()).toBe(
      `Capex is ${pct(latest.aggregate.intensity.value)} of revenue (${latest.quarter.replace("-", " ")}), ${points} points above its pre-ChatGPT peak of ${pct(chatgpt.aggregate.earlierPeak.value)} (${chatgpt.aggregate.earlierPeakQuarter.replace("-", " ")})`,
    );
    await page.close();
  });
});

describe("what the charts say", () => {
  let page: Page;
  let thesis: any;
  beforeAll(async () => {
    page = await openDashboard("light");
    thesis = await (await fetch(`${server.url}/api/thesis`)).json();
  });
  afterAll(() => page.close());

  it("draws and names in the legend only the earlier cycles that have a trailing year, and says which it leaves out", async () => {
    const drawn = thesis.earlierCycles.filter((c: any) => c.points.some((p: any) => p.value.value !== null));
    const left = thesis.earlierCycles.filter((c: any) => !drawn.includes(c));
    expect(left.map((c: any) => c.id)).toEqual(["GOOGL:ads_revenue"]);
    const legend = await page.$$eval("#earlier-cycles .legend__item", (items) => items.map((i) => i.textContent ?? ""));
    expect(legend.map((label) => label.replace(/ \(from .*\)$/, ""))).toEqual(drawn.map((c: any) => c.label));
    expect(await page.locator("#earlier-cycles .chart-frame__notes").textContent()).toContain(`Not drawn: ${left[0].label}`);
  });

  it("says why depreciation stops before the other series: the company with no D&A after it", async () => {
    const latest = thesis.quarters.findLast((q: any) => q.funding.aggregate.capexToDa.value !== null);
    expect(await page.locator("#depreciation h2").textContent()).toContain(`(${latest.quarter.replace("-", " ")})`);
    expect(await page.locator("#depreciation .chart-frame__subtitle").textContent()).toContain(
      `D&A runs to ${latest.quarter.replace("-", " ")} for all selected together: Microsoft has none after it`,
    );
  });

  it("names in the coverage legend only the flag colours it shades", async () => {
    const drawn = thesis.quarters.filter((q: any) => q.coverage.value !== null || q.dollarGap.value !== null);
    const shaded = ["amber", "red"].filter((status) => drawn.some((q: any) => q.flag.status === status));
    const legend = await page.$$eval("#coverage .legend__item", (items) => items.map((i) => i.textContent ?? ""));
    expect(legend.filter((label) => label.endsWith(" quarter"))).toEqual(shaded.map((status) => `${status} quarter`));
    expect(shaded).not.toContain("red");
  });

  it("explains an unknown flag in a sentence with names and quarters, not the raw reasons", async () => {
    await page.locator("#coverage").getByRole("button", { name: "Table" }).click();
    const first = thesis.quarters[0];
    expect(first.flag.status).toBe("unknown");
    const note = (await page.locator("#coverage tbody tr").last().locator('td[data-column="flag"]').getAttribute("title"))!;
    expect(note).toMatch(/^Microsoft, Alphabet and Meta Platforms capital expenditures missing for \d{4} Q\d to \d{4} Q\d; /);
    expect(note).not.toMatch(/MSFT|OPENAI|\d{4}-Q\d/);
    expect(note.length).toBeLessThan(first.flag.explanation.length / 2);
    await page.locator("#coverage").getByRole("button", { name: "Chart" }).click();
  });
});

describe("the externally funded shading", () => {
  it.each(["light", "dark"] as const)("stands out from the chart's background in the %s theme", async (scheme) => {
    const page = await openDashboard(scheme);
    const { fill, opacity, background } = await page.$eval('#funding [data-entity="AMZN"] .flag-shade', (rect) => {
      const style = getComputedStyle(rect);
      return {
        fill: style.fill,
        opacity: Number(style.fillOpacity),
        background: getComputedStyle(rect.closest(".chart-frame")!).backgroundColor,
      };
    });
    const [f, b] = [channels(fill), channels(background)];
    const blended = `rgb(${f.map((c, i) => Math.round(c * opacity + b[i]! * (1 - opacity))).join(", ")})`;
    expect(contrast(blended, background)).toBeGreaterThanOrEqual(1.25);
    await page.close();
  });
});

describe("the annotations on the time axis", () => {
  let page: Page;
  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    await page.goto(server.url);
    await page.waitForSelector("#earlier-cycles .point");
    await settled(page);
  });
  afterAll(() => page.close());

  it.each([
    ["capex-by-company", ["meta-capex-revised", "chatgpt", "column"]],
    ["capex-vs-ai-revenue", ["chatgpt", "column", "msft-resegmented"]],
    ["capex-intensity", ["msft-revenue-standard", "chatgpt", "column"]],
    ["sequoia-gap", ["nvidia-mellanox", "chatgpt", "column", "nvidia-segments"]],
    ["depreciation", ["alphabet-da", "chatgpt", "column"]],
    ["coverage", ["column"]],
  ])("%s marks %j where it has data, each listed under it with its source", async (chart, ids) => {
    const drawn = await page.$$eval(`#${chart} .annotation`, (marks) => marks.map((m) => m.getAttribute("data-annotation")));
    expect(drawn).toEqual(ids);
    const listed = await page.$$eval(`#${chart} .chart-frame__annotations li`, (items) =>
      items.map((li) => li.getAttribute("data-annotation")),
    );
    expect(listed).toEqual(ids);
    const links = await page.$$eval(`#${chart} .chart-frame__annotations li[data-annotation="chatgpt"] a`, (as) =>
      as.map((a) => a.getAttribute("href")),
    );
    expect(links).toEqual(ids.includes("chatgpt") ? ["https://openai.com/index/chatgpt/"] : []);
  });

  it.each([1440, 390])("never draws one label over another, nor past its chart, at %i px", async (width) => {
    const view = await openDashboard("light", width);
    for (const chart of ["capex-by-company", "capex-vs-ai-revenue", "capex-intensity", "sequoia-gap", "depreciation", "funding"]) {
      // In one evaluation, as chartLabels reads them.
      const boxes = await view.evaluate(
        (selector) =>
          [...document.querySelectorAll(selector)].map((t) => {
            const box = t.getBoundingClientRect();
            return { left: box.left, right: box.right, top: box.top, bottom: box.bottom };
          }),
        `#${chart} .annotation text`,
      );
      const surface = (await view.locator(`#${chart} svg.recharts-surface`).first().boundingBox())!;
      for (const [i, a] of boxes.entries()) {
        expect(a.left, chart).toBeGreaterThanOrEqual(surface.x);
        expect(a.right, chart).toBeLessThanOrEqual(surface.x + surface.width);
        for (const b of boxes.slice(i + 1))
          expect(a.bottom <= b.top || b.bottom <= a.top || a.right <= b.left || b.right <= a.left, chart).toBe(true);
      }
    }
    await view.close();
  });

  it("draws ChatGPT's line at its quarter on the axis", async () => {
    const line = (await page.locator('#capex-by-company .annotation[data-annotation="chatgpt"] line').boundingBox())!;
    const bar = (await page.locator('#capex-by-company .capex-segment[data-entity="MSFT"][data-period="2022-Q4"]').boundingBox())!;
    expect(Math.abs(line.x - (bar.x + bar.width / 2))).toBeLessThan(1.5);
  });

  it("says what happened in that quarter in the Table view and the CSV", async () => {
    const chart = page.locator("#capex-by-company");
    await chart.getByRole("button", { name: "Table" }).click();
    const row = chart.locator("tbody tr", { has: page.locator('th:text-is("2022 Q4")') });
    expect(await row.locator('td[data-column="annotation"]').textContent()).toContain(
      "ChatGPT (2022 Q4, 2022-11-30): OpenAI launches ChatGPT",
    );
    const [csv] = await Promise.all([page.waitForEvent("download"), chart.getByRole("button", { name: /as CSV$/ }).click()]);
    const text = readFileSync((await csv.path())!, "utf8");
    expect(text.split("\r\n")[0]).toContain("Marked on the time axis");
    expect(text).toContain("https://openai.com/index/chatgpt/");
    await chart.getByRole("button", { name: "Chart", exact: true }).click();
  });

  it("keeps the marks and their sources in the SVG download", async () => {
    const [svg] = await Promise.all([
      page.waitForEvent("download"),
      page
        .locator("#capex-vs-ai-revenue")
        .getByRole("button", { name: /as SVG$/ })
        .click(),
    ]);
    const markup = readFileSync((await svg.path())!, "utf8");
    expect(markup).toContain(">ChatGPT</text>");
    expect(markup).toContain("https://openai.com/index/chatgpt/");
    expect(markup).toContain("https://www.sec.gov/Archives/edgar/data/789019/000095017025100235/");
  });
});
