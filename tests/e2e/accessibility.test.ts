// axe-core's WCAG 2.1 AA rules on every state a reader meets: the dashboard at 1440 and 390 px, in
// the light and the dark theme, with a quarter's sources open, a chart's Table view, and the Upload
// page. The page's Content-Security-Policy forbids the inline script axe is injected as, so these
// pages alone bypass it (tests/e2e/security.test.ts checks the policy itself).
import axe from "axe-core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type RunningServer, startServer } from "./server.ts";

/** axe's own source, to run inside the page. */
const AXE = axe.source;

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

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** axe's violations of the page as it is now, one line each with where. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(options: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return found.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

async function open(path: string, width: number, colorScheme: "light" | "dark"): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
  await page.emulateMedia({ colorScheme });
  await page.goto(`${server.url}${path}`);
  return page;
}

describe("accessibility (axe, WCAG 2.1 AA)", () => {
  it.each([
    [1440, "light"],
    [1440, "dark"],
    [390, "light"],
    [390, "dark"],
  ] as const)("finds nothing on the dashboard at %i px in the %s theme", async (width, scheme) => {
    const page = await open("/", width, scheme);
    await page.waitForSelector("#earlier-cycles .point");
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it("finds nothing with a quarter's sources open, nor in a Table view", async () => {
    const page = await open("/?quarter=2025-Q1", 1440, "light");
    await page.getByRole("dialog", { name: "Sources for 2025 Q1" }).locator("li[data-entity]").first().waitFor();
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await page.locator("#coverage").getByRole("button", { name: "Table", exact: true }).click();
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it("finds nothing on the Upload page", async () => {
    const page = await open("/uploads", 390, "dark");
    await page.getByRole("heading", { name: "History" }).waitFor();
    await page.locator("table").first().waitFor();
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});
