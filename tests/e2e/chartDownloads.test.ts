// A chart's PNG and SVG downloads, in Debian's Chromium against the real server: the PNG decoded
// (in the page, by a canvas) and read pixel by pixel, the SVG laid out by the browser and measured.
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

async function openDashboard(colorScheme: "light" | "dark", width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  await page.emulateMedia({ colorScheme });
  await page.goto(server.url);
  await page.waitForSelector("#earlier-cycles .point");
  await settled(page);
  return page;
}

async function download(page: Page, chart: string, format: "PNG" | "SVG"): Promise<Buffer> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page
      .locator(`#${chart}`)
      .getByRole("button", { name: new RegExp(`as ${format}$`) })
      .click(),
  ]);
  return readFileSync((await file.path())!);
}

interface Decoded {
  width: number;
  height: number;
  /** RGBA of each pixel asked for. */
  at(points: [number, number][]): Promise<[number, number, number, number][]>;
  /** How many pixels of a rectangle are not white. */
  inkIn(rect: { x: number; y: number; width: number; height: number }): Promise<number>;
}

/** The PNG decoded by the browser's own image decoder onto a canvas, kept in the page and read there. */
async function decodePng(page: Page, png: Buffer): Promise<Decoded> {
  const { width, height } = await page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [image.naturalWidth, image.naturalHeight];
    const context = canvas.getContext("2d")!;
    context.drawImage(image, 0, 0);
    (window as any).decoded = context.getImageData(0, 0, canvas.width, canvas.height);
    return { width: canvas.width, height: canvas.height };
  }, png.toString("base64"));
  return {
    width,
    height,
    at: (points) =>
      page.evaluate((points) => {
        const { data, width } = (window as any).decoded as ImageData;
        return points.map(([x, y]) => {
          const i = (Math.round(y) * width + Math.round(x)) * 4;
          return [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!] as [number, number, number, number];
        });
      }, points),
    inkIn: (rect) =>
      page.evaluate((rect) => {
        const { data, width } = (window as any).decoded as ImageData;
        let ink = 0;
        for (let y = rect.y; y < rect.y + rect.height; y++)
          for (let x = rect.x; x < rect.x + rect.width; x++) {
            const i = (y * width + x) * 4;
            if (data[i]! < 246 || data[i + 1]! < 246 || data[i + 2]! < 246) ink++;
          }
        return ink;
      }, rect),
  };
}

const isWhite = ([r, g, b]: number[]) => r! > 245 && g! > 245 && b! > 245;

interface Laid {
  width: number;
  height: number;
  titleLines: string[];
  texts: { text: string; right: number; bottom: number; left: number; top: number }[];
  /** Circles of a kind, centred in the image's coordinates. */
  circles: { cx: number; cy: number; r: number; series: string | null; period: string | null; fill: string }[];
}

/** The SVG laid out by the browser, off-screen: every text's box and every circle's centre in the image. */
function layOut(page: Page, svg: string): Promise<Laid> {
  return page.evaluate((markup) => {
    const host = document.createElement("div");
    host.style.cssText = "position:absolute;left:-10000px;top:0";
    host.innerHTML = markup;
    document.body.append(host);
    const root = host.querySelector("svg")!;
    const origin = root.getBoundingClientRect();
    const laid = {
      width: Number(root.getAttribute("width")),
      height: Number(root.getAttribute("height")),
      titleLines: [...root.querySelectorAll(':scope > text[font-size="18"]')].map((t) => t.textContent ?? ""),
      texts: [...root.querySelectorAll("text")]
        .filter((t) => (t.textContent ?? "").trim() !== "")
        .map((t) => {
          const box = t.getBoundingClientRect();
          return {
            text: t.textContent ?? "",
            left: box.left - origin.left,
            right: box.right - origin.left,
            top: box.top - origin.top,
            bottom: box.bottom - origin.top,
          };
        }),
      circles: [...root.querySelectorAll("circle")].map((c) => {
        const box = c.getBoundingClientRect();
        return {
          cx: box.left + box.width / 2 - origin.left,
          cy: box.top + box.height / 2 - origin.top,
          r: Number(c.getAttribute("r")),
          series: c.getAttribute("data-series"),
          period: c.getAttribute("data-period"),
          fill: c.getAttribute("fill") ?? "",
        };
      }),
    };
    host.remove();
    return laid;
  }, svg);
}

describe("a chart's PNG download", () => {
  it.each([1440, 390])("holds the whole title within its width at %i px", async (width) => {
    const page = await openDashboard("light", width);
    const title = (await page.locator("#capex-intensity h2").textContent())!;
    const laid = await layOut(page, (await download(page, "capex-intensity", "SVG")).toString("utf8"));
    expect(laid.titleLines.join(" ")).toBe(title);
    const png = await decodePng(page, await download(page, "capex-intensity", "PNG"));
    expect([png.width, png.height]).toEqual([laid.width * 2, laid.height * 2]);
    // The title's rows have no ink in the right margin: no line runs off the image.
    const titleBottom = Math.max(...laid.texts.filter((t) => laid.titleLines.includes(t.text)).map((t) => t.bottom));
    expect(await png.inkIn({ x: png.width - 24, y: 0, width: 24, height: Math.ceil(titleBottom * 2) })).toBe(0);
    await page.close();
  });

  it("draws the hollow markers hollow: missing figures on the capex chart, inferred AI revenue", async () => {
    const page = await openDashboard("light", 1440);
    for (const [chart, hollow] of [
      ["capex-by-company", (c: Laid["circles"][number]) => c.period !== null],
      ["capex-vs-ai-revenue", (c: Laid["circles"][number]) => c.series === "aiRevenue" && c.r === 3.5],
    ] as const) {
      const laid = await layOut(page, (await download(page, chart, "SVG")).toString("utf8"));
      const png = await decodePng(page, await download(page, chart, "PNG"));
      const markers = laid.circles.filter(hollow);
      expect(markers.length).toBeGreaterThan(2);
      for (const marker of markers) {
        // Inside the ring (radius 3.5, stroke 1.5: open within 2.75) the background shows; on the ring, ink.
        const [x, y] = [marker.cx * 2, marker.cy * 2];
        const [centre, right, left, ring] = await png.at([
          [x, y],
          [x + 2, y],
          [x - 2, y],
          [x + 6.8, y],
        ]);
        expect(
          [centre, right, left].filter((pixel) => isWhite(pixel!)).length,
          `${chart} ${marker.period ?? marker.series}`,
        ).toBeGreaterThanOrEqual(2);
        expect(isWhite(ring!)).toBe(false);
      }
    }
    await page.close();
  });

  it("comes out in the light palette under a dark system theme", async () => {
    const page = await openDashboard("dark", 1440);
    const png = await decodePng(page, await download(page, "coverage", "PNG"));
    const corners = await png.at([
      [4, 4],
      [png.width - 4, png.height - 4],
    ]);
    expect(corners.every(isWhite)).toBe(true);
    // The page itself stays dark.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector("#coverage")!).backgroundColor)).toBe("rgb(28, 29, 32)");
    await page.close();
  });
});

describe("a chart's SVG download", () => {
  it.each(["capex-by-company", "coverage", "funding", "depreciation"])(
    "of %s clips no text, the last tick included, and carries its notes",
    async (chart) => {
      const page = await openDashboard("light", 1440);
      const svg = (await download(page, chart, "SVG")).toString("utf8");
      const laid = await layOut(page, svg);
      for (const text of laid.texts) {
        expect(text.right, text.text).toBeLessThanOrEqual(laid.width + 0.5);
        expect(text.bottom, text.text).toBeLessThanOrEqual(laid.height + 0.5);
      }
      const notes = await page.$$eval(`#${chart} .chart-frame__notes > li, #${chart} p.chart-frame__notes`, (items) =>
        items.map((n) => n.textContent ?? ""),
      );
      const words = laid.texts.map((t) => t.text).join(" ");
      for (const note of notes) expect(words).toContain(note.split(" ").slice(0, 6).join(" "));
      expect(svg.includes("var(--")).toBe(false);
      await page.close();
    },
  );
});
