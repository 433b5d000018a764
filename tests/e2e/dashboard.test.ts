// The real server, a fresh database seeded from data/, and Debian's Chromium.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type RunningServer, settled, startServer } from "./server.ts";

const HYPERSCALERS = ["MSFT", "GOOGL", "AMZN", "META"];

let server: RunningServer;
let browser: Browser;
let page: Page;
let apiCapex: { entity: string; period: string; value: number; basis: string; source: string | null }[];

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const response = await fetch(`${server.url}/api/observations?metric=capex&entity=${HYPERSCALERS.join(",")}`);
  apiCapex = ((await response.json()) as { observations: typeof apiCapex }).observations.filter((o) => /-Q\d$/.test(o.period));
  await page.goto(server.url);
  await page.waitForSelector(".capex-segment");
  await settled(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the capex chart", () => {
  it("draws one bar segment per company and quarter present in the API, with the API's value", async () => {
    const segments = await page.$$eval(".capex-segment", (rects) =>
      rects.map((rect) => `${rect.getAttribute("data-entity")} ${rect.getAttribute("data-period")} ${rect.getAttribute("data-value")}`),
    );
    expect(apiCapex.length).toBeGreaterThan(150);
    expect(segments.sort()).toEqual(apiCapex.map((o) => `${o.entity} ${o.period} ${o.value}`).sort());
  });

  it("draws no segment for a missing quarter and marks the bar instead", async () => {
    const amazon2015 = apiCapex.some((o) => o.entity === "AMZN" && o.period === "2015-Q1");
    expect(amazon2015).toBe(false);
    expect(await page.locator('.capex-segment[data-entity="AMZN"][data-period="2015-Q1"]').count()).toBe(0);
    expect(await page.locator('.missing-marker[data-period="2015-Q1"]').count()).toBe(1);
  });

  it("opens the sources of a clicked bar's quarter, with the figure's value and a link", async () => {
    const figure = apiCapex.find((o) => o.entity === "MSFT" && o.period === "2025-Q1")!;
    await page.locator('.capex-segment[data-entity="MSFT"][data-period="2025-Q1"]').click();
    const dialog = page.getByRole("dialog", { name: "Sources for 2025 Q1" });
    const item = dialog.locator('li[data-entity="MSFT"][data-metric="capex"]');
    await item.waitFor();
    expect(await item.textContent()).toContain(`Microsoft, Capital expenditures: $${(figure.value / 1000).toFixed(1)}B`);
    expect(await item.locator("a").getAttribute("href")).toMatch(/^https:\/\//);
    await dialog.getByRole("button", { name: "Close sources" }).click();
  });

  it("shows the same numbers in its table view", async () => {
    await page.locator("#capex-by-company").getByRole("button", { name: "Table" }).click();
    const rows = await page.$$eval("#capex-by-company tbody tr", (trs) =>
      trs.map((tr) => [...tr.querySelectorAll("th, td")].map((cell) => cell.textContent)),
    );
    const cells = rows.flatMap(([quarter, ...values]) =>
      HYPERSCALERS.flatMap((entity, i) => (values[i] === "—" ? [] : [`${entity} ${quarter!.replace(" ", "-")} ${values[i]}`])),
    );
    // A figure that is not `reported` carries its basis initial (d derived, r restated).
    const expected = apiCapex.map(
      (o) => `${o.entity} ${o.period} $${(o.value / 1000).toFixed(1)}B${o.basis === "reported" ? "" : o.basis[0]}`,
    );
    expect(cells.sort()).toEqual(expected.sort());
  });
});

describe("a hand-edited link", () => {
  it.each([
    ["a JavaScript built-in name as a company", "/?companies=MSFT,__proto__"],
    ["an unknown company", "/?companies=MSFT,TSLA"],
    ["a range the wrong way round", "/?from=2026-Q1&to=2025-Q4"],
  ])("with %s never gives a blank page", async (_, path) => {
    const edited = await browser.newPage();
    const errors: string[] = [];
    edited.on("pageerror", (error) => errors.push(error.message));
    await edited.goto(`${server.url}${path}`);
    await edited.locator("h1").first().waitFor();
    // Either the dashboard or a message saying what is wrong, with a way back.
    await edited.locator(".scorecard .badge, [role=alert]").first().waitFor();
    expect(errors).toEqual([]);
    expect((await edited.locator("body").textContent())?.length).toBeGreaterThan(100);
    await edited.close();
  });
});
