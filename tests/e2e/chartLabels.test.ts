// What every chart says in text, in Debian's Chromium against the real server on the default data:
// every label readable (contrast computed here, WCAG AA 4.5:1, in the light and the dark theme),
// none drawn over another, and titles that date what they state.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type RunningServer, startServer } from "./server.ts";

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
  return page.$$eval(
    ".chart-frame svg text, .chart-frame .legend__item, .chart-frame__source, .chart-frame__notes, .multiple h3",
    (elements) =>
      elements
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
    const boxes = await page.$$eval("#capex-intensity .reference-label text", (texts) =>
      texts.map((t) => {
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
