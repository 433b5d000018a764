// The Scenarios section in Debian's Chromium against the real server on the default data: an
// input changes the sentences and the URL, and the Table views hold /api/scenarios' numbers.

import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPercent, formatUsdBillions } from "../../web/src/lib/format.ts";
import { launchChromium, type RunningServer, settled, startServer } from "./server.ts";

const ARTIFACTS = "var/artifacts";

let server: RunningServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

const scenarios = async (query = "") => (await fetch(`${server.url}/api/scenarios${query}`)).json() as Promise<any>;
const answer = async (name: string) => (await page.locator(`[data-answer="${name}"]`).textContent())?.trim();
/** Waits until the sentence reads `text` (a change refetches the answers). */
const sentence = (name: string, text: string) =>
  page.waitForFunction(
    ([selector, expected]) => document.querySelector(selector!)?.textContent?.trim() === expected,
    [`[data-answer="${name}"]`, text],
  );
const money = (value: number | null) => (value === null ? "—" : formatUsdBillions(value));

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(server.url);
  await page.waitForSelector("#scenario-projection .point");
  // The server's drawing is there before the scripts: a click before hydration would do nothing.
  await settled(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the Scenarios section", () => {
  it("states the API's answers for the default view", async () => {
    const api = await scenarios();
    expect(await answer("requirement")).toBe(api.requirement);
    expect(await answer("capexTtm")).toBe(api.coverage.capexTtm.sentence);
    expect(await answer("capexTtm")).toMatch(/AI revenue would match capex TTM in \d{4} Q\d/);
    expect(await answer("requiredRevenueGrowth")).toBe(api.coverage.requiredRevenue.growthSentence);
  });

  it("with a useful life of 3 years, says the revenue the build-out requires, and writes life=3 to the URL", async () => {
    await page.locator(".scenario-inputs").getByRole("button", { name: "3", exact: true }).click();
    const api = await scenarios("?life=3");
    await sentence("requirement", api.requirement);
    expect(api.requirement).toMatch(/^Depreciated over 3 years, the build-out to \d{4} Q\d costs \$[\d,.]+B a year/);
    expect(new URL(page.url()).searchParams.get("life")).toBe("3");
    expect(await answer("requiredRevenue")).toBe(api.coverage.requiredRevenue.sentence);
  });

  it("at a growth rate typed in, gives the API's time to coverage, and the URL keeps it as a fraction", async () => {
    await page.locator('input[name="aiGrowth"]').fill("150");
    const api = await scenarios("?life=3&aiGrowth=1.5");
    await sentence("capexTtm", api.coverage.capexTtm.sentence);
    expect(api.coverage.capexTtm.sentence).toMatch(/^At \+150\.0% a year for AI revenue/);
    expect(new URL(page.url()).searchParams.get("aiGrowth")).toBe("1.5");
    await page.screenshot({ path: `${ARTIFACTS}/scenarios.png`, fullPage: true });
  });

  it("goes back to the previous answers with the browser's back button", async () => {
    await page.goBack();
    await sentence("capexTtm", (await scenarios("?life=3")).coverage.capexTtm.sentence);
    expect(new URL(page.url()).searchParams.get("aiGrowth")).toBeNull();
  });

  it("shows the API's depreciation, D&A, required revenue and coverage in the cost chart's Table view", async () => {
    const api = await scenarios("?life=3");
    await page.locator("#scenario-cost").getByRole("button", { name: "Table" }).click();
    const rows = await page.$$eval("#scenario-cost tbody tr", (trs) =>
      trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent)),
    );
    const expected = [...api.quarters]
      .reverse()
      .map((q: any) => [
        q.quarter.replace("-", " "),
        money(q.depreciation.value),
        money(q.reportedDaTtm.value),
        money(q.depreciationGap.value),
        money(q.requiredRevenue.value),
        money(q.aiRevenue.value),
        q.coverageOfRequired.value === null ? "—" : formatPercent(q.coverageOfRequired.value),
      ]);
    // A derived value carries its basis mark (d).
    expect(rows.map((row) => row.map((cell) => cell?.replace(/d$/, "")))).toEqual(expected);
    expect(expected.filter((row: string[]) => row[1] !== "—").length).toBeGreaterThan(20);
  });

  it("shows the API's projection, from the base quarter, in the projection chart's Table view", async () => {
    const api = await scenarios("?life=3");
    await page.locator("#scenario-projection").getByRole("button", { name: "Table" }).click();
    const rows = await page.$$eval("#scenario-projection tbody tr", (trs) =>
      trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent)),
    );
    const projected = rows.filter((row) => row[4] !== "—");
    const shown = api.projection.quarters.slice(0, projected.length);
    expect(projected.reverse()).toEqual(
      shown.map((p: any) => {
        const reported = api.quarters.find((q: any) => q.quarter === p.quarter);
        return [
          p.quarter.replace("-", " "),
          reported ? `${money(reported.capexTtm.value)}d` : "—",
          reported ? money(reported.aiRevenue.value) : "—",
          money(p.capexTtm),
          money(p.aiRevenue),
          money(p.requiredRevenue.value),
        ];
      }),
    );
    expect(shown[0].quarter).toBe(api.base.quarter);
    // Drawn to two quarters after AI revenue reaches the later of its targets.
    expect(shown.at(-1).quartersAhead).toBe(
      Math.max(api.coverage.capexTtm.reach.value.quartersAhead, api.coverage.requiredRevenue.reach.value.quartersAhead) + 2,
    );
  });

  it("links the scenarios export for the view's inputs", async () => {
    const href = await page.locator(".scenarios .export-menu a", { hasText: "CSV" }).getAttribute("href");
    expect(href).toBe("/api/export/scenarios.csv?life=3");
  });

  it("logged no error", () => {
    expect(errors).toEqual([]);
  });
});
