// The /killer-apps page in Chromium, at a desktop's and a phone's width, against the API.
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newToken } from "../helpers/store.ts";
import { launchChromium, type RunningServer, settled, startServer } from "./server.ts";

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

  // Last: it commits a second data version.
  it("shows the watch as of an earlier version from its own control, and carries the version to and from the dashboard", async () => {
    const token = await newToken(server.location, "e2e-killer-apps");
    // Character.AI's time falls to 20 minutes a day: it no longer passes the time test.
    const response = await fetch(`${server.url}/api/uploads?name=minutes.csv`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/csv" },
      body: "entity,metric,period,period_end,value,unit,basis,source\nCHARACTER_AI,minutes_per_day,2026-Q3,2026-09-30,20,minutes,estimate,https://example.com/e2e\n",
    });
    expect(response.status, await response.text()).toBe(200);
    const [latest, before] = await Promise.all(
      ["", "?asOf=1"].map(async (query) => (await fetch(`${server.url}/api/killer-apps${query}`)).json() as Promise<any>),
    );
    expect(before.verdict).not.toBe(latest.verdict);

    const { page } = await open(1440);
    await settled(page);
    expect(await page.locator(".killer-apps__verdict").textContent()).toBe(latest.verdict);
    await page.getByLabel("Show the data as it stood at").selectOption("1");
    await page.waitForURL(/asOf=1/);
    await page.waitForFunction((text) => document.querySelector(".killer-apps__verdict")?.textContent === text, before.verdict);
    expect(await page.locator("[data-as-of-version]").getAttribute("data-as-of-version")).toBe("1");
    expect(await page.locator(".as-of").textContent()).toContain("the data as of version 1 of 2");
    expect(await page.locator('[data-app="CHARACTER_AI"] [data-test="time"]').getAttribute("data-status")).toBe("pass");
    expect(await page.getByRole("link", { name: "Capex dashboard" }).getAttribute("href")).toBe("/?asOf=1");

    await page.getByRole("button", { name: "Back to the latest data" }).click();
    await page.waitForFunction((text) => document.querySelector(".killer-apps__verdict")?.textContent === text, latest.verdict);
    expect(new URL(page.url()).search).toBe("");
    expect(await page.locator(".as-of").count()).toBe(0);
    await page.close();

    const dashboard = await browser.newPage();
    await dashboard.goto(`${server.url}/?asOf=1`);
    await settled(dashboard);
    await dashboard.getByRole("link", { name: "Killer-app watch" }).click();
    await dashboard.waitForURL(/\/killer-apps\?asOf=1$/);
    await dashboard.waitForFunction((text) => document.querySelector(".killer-apps__verdict")?.textContent === text, before.verdict);
    await dashboard.close();

    // The control lists every version by its time, file and token: on a phone it still fits the screen.
    const { page: phone } = await open(390, "/killer-apps?asOf=1");
    await phone.locator(".as-of").waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await phone.close();
  });
});
