// The page the server renders for the view in its URL (issue 18): with JavaScript disabled the
// verdict and the charts are in its HTML, drawn from the API's own answers; with JavaScript the
// same page hydrates from the answers it carries, asks none of them again, and answers the controls.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type RunningServer, startServer } from "./server.ts";

interface Observation {
  entity: string;
  period: string;
  value: number;
}

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

const api = async <T>(path: string) => (await (await fetch(`${server.url}${path}`)).json()) as T;

/** Every capex bar segment the page draws, as "entity period value". */
const segments = (page: Page) =>
  page.$$eval(".capex-segment", (rects) =>
    rects
      .map((rect) => `${rect.getAttribute("data-entity")} ${rect.getAttribute("data-period")} ${rect.getAttribute("data-value")}`)
      .sort(),
  );

const quarterly = (observations: Observation[]) =>
  observations
    .filter((o) => /-Q\d$/.test(o.period))
    .map((o) => `${o.entity} ${o.period} ${o.value}`)
    .sort();

async function withoutJavaScript(path: string) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  return { page, close: () => context.close() };
}

describe("with JavaScript disabled", () => {
  it("shows the default view's verdict, the consumer verdict and the capex chart from the HTML", async () => {
    const thesis = await api<{ scorecard: { status: string; streak: number } }>("/api/thesis");
    const watch = await api<{ verdict: string }>("/api/killer-apps");
    const capex = await api<{ observations: Observation[] }>("/api/observations?metric=capex&entity=MSFT,GOOGL,AMZN,META");
    const { page, close } = await withoutJavaScript("/");
    try {
      expect(await page.locator(".scorecard .badge").getAttribute("data-status")).toBe(thesis.scorecard.status);
      expect(await page.locator(".scorecard [data-streak]").getAttribute("data-streak")).toBe(String(thesis.scorecard.streak));
      expect(await page.locator("[data-killer-app-verdict]").textContent()).toBe(watch.verdict);
      expect(await page.locator(".capex-segment").first().isVisible()).toBe(true);
      expect(await segments(page)).toEqual(quarterly(capex.observations));
    } finally {
      await close();
    }
  });

  it("holds every chart of the page as a drawing, none as a skeleton", async () => {
    const { page, close } = await withoutJavaScript("/");
    try {
      const frames = await page.$$eval(".chart-frame", (all) => all.map((frame) => `${frame.id}:${frame.querySelector("svg") !== null}`));
      expect(frames.length).toBeGreaterThanOrEqual(10);
      expect(frames.filter((frame) => !frame.endsWith(":true"))).toEqual([]);
      expect(await page.locator(".skeleton").count()).toBe(0);
    } finally {
      await close();
    }
  });

  it("renders the view its URL names: one company, capex as TTM", async () => {
    const thesis = await api<{ scorecard: { status: string } }>("/api/thesis?companies=MSFT");
    const { page, close } = await withoutJavaScript("/?companies=MSFT&capex=ttm");
    try {
      expect(await page.locator(".scorecard .badge").getAttribute("data-status")).toBe(thesis.scorecard.status);
      expect(await page.getByRole("button", { name: "TTM", exact: true }).getAttribute("aria-pressed")).toBe("true");
      expect(await page.getByRole("checkbox", { name: "Meta Platforms" }).isChecked()).toBe(false);
      const drawn = await segments(page);
      expect(drawn.length).toBeGreaterThan(0);
      expect(drawn.every((segment) => segment.startsWith("MSFT "))).toBe(true);
    } finally {
      await close();
    }
  });
  it("renders the view as of an earlier data version, with its banner and that version's verdict", async () => {
    const thesis = await api<{ dataVersion: number; scorecard: { status: string } }>("/api/thesis?asOf=1");
    const { page, close } = await withoutJavaScript("/?asOf=1");
    try {
      expect(await page.locator(".as-of").getAttribute("data-as-of-version")).toBe(String(thesis.dataVersion));
      expect(await page.locator(".scorecard .badge").getAttribute("data-status")).toBe(thesis.scorecard.status);
      expect(await page.locator("#verdict-history svg").count()).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });
});

describe("with JavaScript", () => {
  it("hydrates the server's page without asking for the answers it holds, then redraws on a control", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    page.on("pageerror", (error) => errors.push(error.message));
    const asked: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith("/api/")) asked.push(`${url.pathname}${url.search}`);
    });
    try {
      await page.goto(server.url);
      await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
      await page.waitForFunction(
        () => !document.documentElement.hasAttribute("data-charts-busy") && !document.querySelector(".chart--static"),
      );
      expect(asked).toEqual([]);
      const before = await segments(page);
      await page.getByRole("button", { name: "TTM", exact: true }).click();
      await page.waitForFunction(() => new URLSearchParams(window.location.search).get("capex") === "ttm");
      // TTM draws sums of four quarters: other values in the same bars.
      await page.waitForFunction(
        (previous) => {
          const values = [...document.querySelectorAll(".capex-segment")].map((rect) => rect.getAttribute("data-value")).sort();
          return values.length > 0 && values.join() !== previous;
        },
        before
          .map((segment) => segment.split(" ")[2])
          .sort()
          .join(),
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
