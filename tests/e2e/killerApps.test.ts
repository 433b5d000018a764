// The /killer-apps page in Chromium, at a desktop's and a phone's width, against the API.
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type RunningServer, startServer } from "./server.ts";

let server: RunningServer;
let browser: Browser;
let api: any;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  api = await (await fetch(`${server.url}/api/killer-apps`)).json();
  mkdirSync("var/artifacts", { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(width: number, path = "/killer-apps"): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${server.url}${path}`);
  await page.locator(".killer-apps__tests tbody tr").first().waitFor();
  return { page, errors };
}

describe("the killer-app watch", () => {
  it.each([1440, 390])("shows the verdict and the four sections at %i px, with no console error or sideways scrolling", async (width) => {
    const { page, errors } = await open(width);
    expect(await page.locator(".killer-apps__verdict").textContent()).toBe(api.verdict);
    for (const id of ["killer-app-reach", "killer-app-time", "killer-app-money", "killer-app-tests"]) {
      expect(await page.locator(`#${id}`).count(), id).toBe(1);
    }
    expect(await page.locator(".app-point").count()).toBeGreaterThan(50);
    await page.screenshot({ path: `var/artifacts/killer-apps-${width}.png`, fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws every user figure of the API once, hollow where it is an estimate", async () => {
    const { page } = await open(1440);
    const drawn = await page.$$eval("#killer-app-reach .app-point", (points) =>
      points.map(
        (p) =>
          `${p.getAttribute("data-app")} ${p.getAttribute("data-metric")} ${p.getAttribute("data-value")} ${p.getAttribute("data-hollow")}`,
      ),
    );
    const users = api.figures.filter((f: any) => /active_users|registered_users/.test(f.metric));
    expect(drawn.sort()).toEqual(users.map((f: any) => `${f.app} ${f.metric} ${f.value} ${f.basis === "estimate"}`).sort());
    await page.close();
  });

  it("lists the same statuses in the tests' table as the API, and the Table view of the minutes chart has the API's numbers", async () => {
    const { page } = await open(1440);
    const statuses = await page.$$eval(".killer-apps__tests tbody tr", (rows) =>
      rows.map((row) =>
        [row.getAttribute("data-app"), ...[...row.querySelectorAll("td")].map((td) => td.getAttribute("data-status"))].join(" "),
      ),
    );
    expect(statuses).toEqual(api.apps.map((a: any) => [a.app.id, a.reach.status, a.time.status, a.money.status].join(" ")));
    await page.locator("#killer-app-time").getByRole("button", { name: "Table" }).click();
    const minutes = await page.$$eval("#killer-app-time tbody tr td", (cells) => cells.map((cell) => Number(cell.textContent)));
    const latest = new Map<string, any>();
    for (const f of api.figures.filter((f: any) => f.metric === "minutes_per_day"))
      if ((latest.get(f.app)?.periodEnd ?? "") < f.periodEnd) latest.set(f.app, f);
    expect(minutes.sort((a, b) => a - b)).toEqual([...latest.values()].map((f) => f.value).sort((a, b) => a - b));
    await page.close();
  });

  it("keeps the time threshold in the URL, and a copied URL restores it", async () => {
    const { page } = await open(1440);
    const input = page.getByLabel("Time test, minutes a day");
    await input.fill("90");
    await input.press("Enter");
    await page.waitForURL(/minMinutes=90/);
    await page.waitForFunction(
      () => document.querySelector('[data-app="CHARACTER_AI"] [data-test="time"]')?.getAttribute("data-status") === "fail",
    );
    const copied = page.url();
    await page.close();
    const { page: again } = await open(1440, new URL(copied).pathname + new URL(copied).search);
    expect(await again.getByLabel("Time test, minutes a day").inputValue()).toBe("90");
    expect(await again.locator('[data-app="CHARACTER_AI"] [data-test="time"]').getAttribute("data-status")).toBe("fail");
    await again.close();
  });

  it("puts the watch's verdict and consumers' share of capex beside the coverage flag on the dashboard", async () => {
    const thesis = await (await fetch(`${server.url}/api/thesis`)).json();
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    await page.goto(server.url);
    const verdict = page.locator(".scorecard [data-killer-app-verdict]");
    await page.waitForFunction((text) => document.querySelector(".scorecard [data-killer-app-verdict]")?.textContent === text, api.verdict);
    expect(await verdict.getAttribute("data-killer-app-verdict")).toBe(api.killerApps.join(","));
    const shares = await page.$$eval(".scorecard [data-consumer-share]", (nodes) =>
      nodes.map((n) => Number(n.getAttribute("data-consumer-share"))),
    );
    expect(shares).toEqual(thesis.consumerShare.estimates.map((e: any) => e.share));
    // 2025 consumer spending on AI apps, $5.0B, against $376.1B of capex TTM at 2025-Q4: 1.3%.
    expect(await page.locator(".scorecard__share").first().textContent()).toContain("1.3%");
    expect(await page.locator(".scorecard__label").allTextContents()).toEqual(["Coverage of the build-out", "Consumer killer app"]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.close();
  });

  it("is linked from the dashboard's header", async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByRole("link", { name: "Killer-app watch" }).click();
    await page.locator(".killer-apps__verdict").waitFor();
    expect(new URL(page.url()).pathname).toBe("/killer-apps");
    await page.close();
  });
});
