// "As it was known then" in Chromium: the default data, a new quarter and a correction that turns
// the flag; the dashboard as of the version before the correction, its URL, what the correction
// changed, the verdict history and the feed.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newToken } from "../helpers/store.ts";
import { launchChromium, type RunningServer, settled, startServer } from "./server.ts";

let server: RunningServer;
let browser: Browser;

/** MSFT's 2025 Q2 capex in the default data, and the correction: the year-ago base of 2026 Q2's flag. */
const STORED = 17079;
const CORRECTED = 214000;

beforeAll(async () => {
  server = await startServer();
  const token = await newToken(server.location, "e2e-analyst");
  const upload = async (name: string, csv: string) => {
    const response = await fetch(`${server.url}/api/uploads?name=${name}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/csv" },
      body: csv,
    });
    expect(response.status, await response.clone().text()).toBe(200);
  };
  // Version 2: a new quarter. Version 3: the correction (the flag of 2026 Q2 goes from amber to green).
  await upload(
    "new-quarter.csv",
    "entity,metric,period,value,unit,source\nNVDA,datacenter_revenue,2031-Q1,1,USD_m,https://example.com/nvda\n",
  );
  await upload(
    "correction.csv",
    `entity,metric,period,period_end,value,unit,source\nMSFT,capex,2025-Q2,2025-06-30,${CORRECTED},USD_m,https://example.com/msft\n`,
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${server.url}${path}`);
  // The server's drawing is there before the scripts: a click before hydration would do nothing.
  await settled(page);
  return { page, errors };
}

const status = (page: Page) => page.locator(".scorecard [data-status]").getAttribute("data-status");
const msftQ2Segment = (page: Page) => page.locator('rect.capex-segment[data-entity="MSFT"][data-period="2025-Q2"]');

describe("as of an earlier version", () => {
  it("shows the dashboard as it stood before the correction, keeps it in the URL, and a copied link opens the same", async () => {
    const { page, errors } = await open("/");
    await page.locator(".scorecard [data-status]").waitFor();
    expect(await status(page)).toBe("green");
    expect(await msftQ2Segment(page).getAttribute("data-value")).toBe(String(CORRECTED));

    await page.locator('select[name="asOf"]').selectOption("2");
    await page.waitForURL(/[?&]asOf=2(&|$)/);
    const banner = page.getByRole("status", { name: "Data as of an earlier version" });
    await banner.getByText(/the data as of version 2 of 3, committed .* \(new-quarter\.csv, by e2e-analyst\)/).waitFor();
    await page.locator('.scorecard [data-status="amber"]').waitFor();
    await page.locator(`rect.capex-segment[data-entity="MSFT"][data-period="2025-Q2"][data-value="${STORED}"]`).waitFor();

    const copied = await open(new URL(page.url()).pathname + new URL(page.url()).search);
    await copied.page.locator('.scorecard [data-status="amber"]').waitFor();
    expect(await copied.page.locator('select[name="asOf"]').inputValue()).toBe("2");
    expect(await copied.page.locator("[data-as-of-version]").getAttribute("data-as-of-version")).toBe("2");
    await copied.page.close();

    await banner.getByRole("button", { name: "Back to the latest data" }).click();
    await page.locator('.scorecard [data-status="green"]').waitFor();
    expect(new URL(page.url()).searchParams.has("asOf")).toBe(false);
    expect(await page.locator("[data-as-of-version]").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("fits a phone's screen as of an earlier version: the control names every version by its time, file and token", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/?asOf=2`);
    await settled(page);
    await page.locator("[data-as-of-version]").waitFor();
    expect(await page.locator('select[name="asOf"] option').count()).toBe(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.close();
  });

  it("says why a version that does not exist cannot be shown, and offers the latest data", async () => {
    const { page } = await open("/?asOf=9");
    const banner = page.getByRole("status", { name: "Data as of an earlier version" });
    await banner
      .getByText("this version cannot be shown: Invalid query parameter: asOf (there is no data version 9: the latest is 3).")
      .waitFor();
    await banner.getByRole("button", { name: "Back to the latest data" }).click();
    await page.locator('.scorecard [data-status="green"]').waitFor();
    await page.close();
  });

  it("says what the correction changed and why the flag moved, from the banner's link", async () => {
    const { page, errors } = await open("/?asOf=2");
    await page.getByRole("link", { name: "What changed since version 2" }).click();
    await page.waitForURL(/\/changes\?from=2&to=3$/);
    const summary = page.locator(".changes__summary");
    await summary.waitFor();
    expect(await summary.getAttribute("data-figures")).toBe("1");
    const figure = page.getByRole("region", { name: "Figures added, revised or removed, with their values, bases and sources" });
    const cells = await figure.locator("tbody tr").first().locator("th, td").allTextContents();
    expect(cells.slice(0, 6)).toEqual([
      "MSFT",
      "capex",
      "2025-Q2",
      "revised",
      STORED.toLocaleString("en-US"),
      CORRECTED.toLocaleString("en-US"),
    ]);
    const statusRow = page.locator('tr[data-number="Scorecard status"] td');
    expect(await statusRow.allTextContents()).toEqual(["amber", "green"]);
    expect(await page.locator('tr[data-number="Coverage flag 2026-Q2"] td').allTextContents()).toEqual(["amber", "green"]);
    const csv = await page.getByRole("link", { name: "Download the figures as CSV" }).getAttribute("href");
    expect(csv).toBe("/api/export/changes.csv?from=2&to=3");
    expect(await page.locator("[data-version]").count()).toBe(3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lists the first 500 figures of a large change, and says the CSV has every one", async () => {
    const seeded = (await (await fetch(`${server.url}/api/changes?from=0&to=1`)).json()).figures.length;
    expect(seeded).toBeGreaterThan(500);
    const { page, errors } = await open("/changes?from=0&to=1");
    const figures = page.getByRole("region", { name: "Figures added, revised or removed, with their values, bases and sources" });
    await figures.waitFor();
    expect(await figures.locator("tbody tr").count()).toBe(500);
    await page
      .getByText(`The first 500 of ${seeded.toLocaleString("en-US")} figures, by entity, metric and period; the CSV has every one.`)
      .waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("marks the quarter whose flag the correction turned in the verdict history, and offers the feed", async () => {
    const { page, errors } = await open("/");
    const chart = page.locator("#verdict-history");
    await chart.locator("rect[data-revised]").first().waitFor();
    expect(await chart.locator("h2").textContent()).toBe(
      "Revisions changed the flag of 1 quarter after it was first published: 2026 Q2 (amber to green)",
    );
    expect(await chart.locator("rect[data-revised]").count()).toBe(2);
    await chart.getByRole("button", { name: "Table" }).click();
    const row = chart.locator("tbody tr").first();
    expect(await row.locator("td, th").allTextContents()).toEqual(expect.arrayContaining(["2026 Q2", "amber", "green", "yes"]));
    const feed = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href");
    expect(feed).toBe("/feed.atom");
    const atom = await (await fetch(`${server.url}${feed}`)).text();
    expect(atom.match(/<entry>/g)).toHaveLength(3);
    expect(errors).toEqual([]);
    await page.close();
  });
});
