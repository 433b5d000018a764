// An analyst uploads a new quarter through the Upload page with a token, sees it on the dashboard
// without a reload, and reverts it; a proxy's HTML error page in between shows as an error.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analystToken } from "../helpers/store.ts";
import { launchChromium, type RunningServer, startServer } from "./server.ts";

const NEW_QUARTER = [
  "entity,metric,unit,basis,source,note,2026-Q3",
  "MSFT,capex,USD_m,reported,https://example.com/msft,,40100",
  "GOOGL,capex,USD_m,reported,https://example.com/googl,,30200",
  "AMZN,capex,USD_m,reported,https://example.com/amzn,,35300",
  "META,capex,USD_m,reported,https://example.com/meta,,21400",
].join("\n");

let server: RunningServer;
let browser: Browser;
let page: Page;
let token: string;

beforeAll(async () => {
  server = await startServer();
  token = await analystToken(server.location, "e2e-analyst");
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  await page.waitForSelector(".capex-segment");
  // Survives client-side navigation, not a reload.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const newSegments = () => page.locator('rect.capex-segment[data-period="2026-Q3"]');
const sameDocument = () => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);
const choose = (name: string, text: string) =>
  page.locator('input[type="file"]').setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

describe("the Upload page", () => {
  it("asks for the token once and keeps it for the tab", async () => {
    expect(await newSegments().count()).toBe(0);
    await page.getByRole("link", { name: "Upload data" }).click();
    await page.getByLabel("Token").fill(token);
    await page.getByRole("button", { name: "Use this token" }).click();
    await page.getByRole("heading", { name: "Upload a file" }).waitFor();
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([token]);
  });

  it("lists a broken file's problems by line and column and offers no commit", async () => {
    await choose("broken.csv", NEW_QUARTER.replace("35300", '"$35,300"'));
    const problems = page.locator(".uploads__problems tbody tr");
    await problems.first().waitFor();
    expect(await problems.first().locator("td").allTextContents()).toEqual([
      "broken.csv",
      "4",
      "2026-Q3",
      "$35,300",
      expect.stringMatching(/^expected a plain decimal number/),
    ]);
    expect(await page.getByRole("button", { name: /^Commit/ }).isDisabled()).toBe(true);
  });

  it("shows a proxy's HTML error page as an error and leaves the form usable", async () => {
    const gateway = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>";
    const uploads = (url: URL) => url.pathname === "/api/uploads";
    await page.route(uploads, (route) =>
      route.request().method() === "POST" ? route.fulfill({ status: 502, contentType: "text/html", body: gateway }) : route.continue(),
    );
    try {
      await choose("proxied.csv", NEW_QUARTER);
      await page
        .getByRole("alert")
        .getByText("The server answered 502 with something other than JSON (text/html): 502 Bad Gateway 502 Bad Gateway nginx")
        .waitFor({ timeout: 10_000 });
      expect(await page.locator(".uploads__progress").count()).toBe(0);
      expect(await page.locator('input[type="file"]').isDisabled()).toBe(false);
    } finally {
      await page.unroute(uploads);
    }
  });

  it("shows the changes of a valid file, commits it, and links to the upload", async () => {
    await choose("2026-q3.csv", NEW_QUARTER);
    await page.getByText("4 new, 0 changed, 0 unchanged, 0 rejected").waitFor();
    expect(await page.locator(".uploads__changes tbody tr").count()).toBe(4);
    await page.getByRole("button", { name: "Commit 4 changes" }).click();
    await page.getByRole("link", { name: "upload #2" }).waitFor();
  });

  it("puts the new quarter on the dashboard without a reload", async () => {
    await page.getByRole("link", { name: "← Dashboard" }).click();
    await newSegments().nth(3).waitFor();
    const segments = await newSegments().evaluateAll((rects) =>
      rects.map((rect) => `${rect.getAttribute("data-entity")} ${rect.getAttribute("data-value")}`),
    );
    expect(segments.sort()).toEqual(["AMZN 35300", "GOOGL 30200", "META 21400", "MSFT 40100"]);
    expect(await sameDocument()).toBe(true);
  });

  it("reverts the upload from its page, and the quarter leaves the dashboard", async () => {
    await page.getByRole("link", { name: "Upload data" }).click();
    await page.getByRole("link", { name: "#2", exact: true }).click();
    await page.getByRole("button", { name: "Revert this upload" }).click();
    await page.getByRole("button", { name: "Confirm revert" }).click();
    await page.getByText("Reverted by #3.").waitFor();
    await page.getByRole("link", { name: "← Dashboard" }).click();
    await page.waitForSelector(".capex-segment");
    await expect.poll(() => newSegments().count()).toBe(0);
    expect(await sameDocument()).toBe(true);
  });
});
