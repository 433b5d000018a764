// An analyst uploads a new quarter through the Upload page with a token, sees it on the dashboard
// without a reload, and reverts it; a proxy's HTML error page in between shows as an error.
import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newToken } from "../helpers/store.ts";
import { launchChromium, type RunningServer, settled, startServer } from "./server.ts";

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
let viewerToken: string;

beforeAll(async () => {
  server = await startServer();
  token = await newToken(server.location, "e2e-analyst");
  viewerToken = await newToken(server.location, "e2e-viewer", "viewer");
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

const enterToken = async (entered: string) => {
  await page.getByLabel("Token").fill(entered);
  await page.getByRole("button", { name: "Use this token" }).click();
};

describe("the Upload page", () => {
  it("checks a token when it is entered: a wrong one and a viewer's are refused, saying why", async () => {
    expect(await newSegments().count()).toBe(0);
    await page.getByRole("link", { name: "Upload data" }).click();
    await enterToken("acm_not-a-token");
    await page
      .getByRole("alert")
      .getByText("The server does not know this token: check that it was copied whole, or ask for a new one.")
      .waitFor();
    await enterToken(viewerToken);
    await page
      .getByRole("alert")
      .getByText("This is e2e-viewer's viewer token: it can read the data, not upload or revert. Uploading needs an analyst token.")
      .waitFor();
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([]);
  });

  it("keeps a file chosen before the token, and checks it once the token is accepted", async () => {
    await choose("early.csv", NEW_QUARTER);
    await page.getByRole("status").getByText("early.csv is kept: it is checked as soon as a token is accepted above.").waitFor();
    await enterToken(token);
    await page.getByText("4 new, 0 changed, 0 unchanged, 0 rejected").waitFor();
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([token]);
  });

  it("keeps the chosen file when the server refuses the kept token, and checks it with the new one", async () => {
    // A token revoked since it was entered: the page reads the tab's token when it loads.
    await page.evaluate(() => sessionStorage.setItem("ai-capex-monitor.token", "acm_revoked"));
    await page.reload();
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await choose("kept.csv", NEW_QUARTER);
    await page.getByRole("alert").getByText("The server did not accept the token: The token is not valid").waitFor();
    await enterToken(token);
    await page.getByText("kept.csv", { exact: true }).waitFor();
    await page.getByText("4 new, 0 changed, 0 unchanged, 0 rejected").waitFor();
  });

  it("refuses a file over the server's limit before sending it, in plain words", async () => {
    const posts: string[] = [];
    const listener = (request: Request) => request.method() === "POST" && posts.push(request.url());
    page.on("request", listener);
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: "huge.csv", mimeType: "text/csv", buffer: Buffer.alloc(11 * 1024 * 1024, "a") });
    await page
      .getByRole("alert")
      .getByText("huge.csv is 11 MB, larger than the 10 MB an upload may be: split it into several files. Nothing was sent.")
      .waitFor();
    page.off("request", listener);
    expect(posts).toEqual([]);
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

  it("after a quarter of capex alone, takes each headline number from the latest quarter that has it, saying which", async () => {
    const thesis = await (await fetch(`${server.url}/api/thesis`)).json();
    expect(thesis.scorecard.quarter).toBe("2026-Q3");
    const capexToOcf = page.locator('[data-headline="capexToOcf"]');
    await capexToOcf.locator(".headline__quarter", { hasText: "in 2026 Q2" }).waitFor();
    expect(await capexToOcf.locator(".headline__value").textContent()).toBe(
      `${(thesis.scorecard.headline.capexToOcf.value * 100).toFixed(1)}%`,
    );
    expect(await capexToOcf.locator(".headline__reason").count()).toBe(0);
    expect(await page.locator('[data-headline="capexTtm"] .headline__quarter').count()).toBe(0);
    expect(await page.locator('.freshness__item[data-metric="capex"]').textContent()).toMatch(
      /^Capital expenditures to 2026 Q3, latest filing/,
    );
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

  const microsoftOnly = (value: number) =>
    ["entity,metric,unit,basis,source,note,2026-Q3", `MSFT,capex,USD_m,reported,https://example.com/msft,,${value}`].join("\n");
  const commitFile = async (name: string, text: string, changes: string) => {
    await page.getByRole("link", { name: "Upload data" }).click();
    await choose(name, text);
    await page.getByRole("button", { name: changes }).click();
    await page
      .getByRole("status")
      .getByText(/^Committed as/)
      .waitFor();
  };

  it("says in the header that capex runs to the quarter every company has, naming the one that goes further", async () => {
    await commitFile("msft-2026-q3.csv", microsoftOnly(40_100), "Commit 1 change");
    await page.getByRole("link", { name: "← Dashboard" }).click();
    await page.locator(".freshness__item", { hasText: "(Microsoft to 2026 Q3)" }).waitFor();
    expect(await page.locator('.freshness__item[data-metric="capex"]').textContent()).toMatch(
      /^Capital expenditures to 2026 Q2 \(Microsoft to 2026 Q3\), latest filing \d{4}-\d{2}-\d{2}$/,
    );
  });

  it("refuses to revert an upload a later one changed again, naming the figure and linking the later upload", async () => {
    await commitFile("msft-2026-q3-corrected.csv", microsoftOnly(40_500), "Commit 1 change");
    await page.getByRole("link", { name: "#4", exact: true }).click();
    await page.getByRole("button", { name: "Revert this upload" }).click();
    await page.getByRole("button", { name: "Confirm revert" }).click();
    const refused = page.getByRole("alert");
    await refused.getByText("Not reverted: 1 figure of upload #4 was changed again later. Revert that upload first:").waitFor();
    expect(await refused.locator("li").allTextContents()).toEqual(["Microsoft, Capital expenditures, 2026 Q3: changed by #5"]);
    await refused.getByRole("link", { name: "#5" }).first().click();
    await page.getByRole("heading", { name: "Upload #5" }).waitFor();
  });

  it("shows on a phone what each problem expects, on the screen", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.addInitScript((token) => sessionStorage.setItem("ai-capex-monitor.token", token), token);
    await phone.goto(`${server.url}/uploads`);
    await phone
      .locator('input[type="file"]')
      .setInputFiles({ name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from(NEW_QUARTER.replace("35300", '"$35,300"')) });
    const expected = phone.locator('.uploads__problems td[data-label="What is expected"]').first();
    await expected.waitFor();
    const box = (await expected.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await expected.textContent()).toMatch(/^expected a plain decimal number/);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.close();
  });

  it("adds a metric the catalog lacks only once the analyst confirms it, and commits it with the same list", async () => {
    const metricIds = async () =>
      ((await (await fetch(`${server.url}/api/metrics`)).json()) as { metrics: { id: string }[] }).metrics.map((m) => m.id);
    expect(await metricIds()).not.toContain("remaining_performance_obligation");
    const posts: string[] = [];
    const listener = (request: Request) => request.method() === "POST" && posts.push(new URL(request.url()).search);
    page.on("request", listener);
    await page.goto(`${server.url}/uploads`);
    await settled(page);
    await choose(
      "rpo.csv",
      [
        "entity,metric,unit,basis,source,note,2026-Q3",
        "MSFT,remaining_performance_obligation,USD_m,reported,https://example.com/msft,,392000",
      ].join("\n"),
    );
    await page
      .locator(".uploads__problems")
      .getByText(/unknown metric: to add remaining_performance_obligation/)
      .waitFor();
    expect(await page.getByRole("button", { name: /^Commit/ }).isDisabled()).toBe(true);
    await page.getByLabel("Add remaining_performance_obligation to the catalog as a new metric").check();
    await page.getByText("1 new, 0 changed, 0 unchanged, 0 rejected").waitFor();
    expect(await page.locator(".uploads__problems").count()).toBe(0);
    await page
      .locator(".uploads__warnings")
      .getByText(/new metric: committing adds remaining_performance_obligation/)
      .waitFor();
    await page.getByRole("button", { name: "Commit 1 change" }).click();
    await page
      .getByRole("status")
      .getByText(/^Committed as/)
      .waitFor();
    page.off("request", listener);
    expect(posts).toEqual([
      "?dryRun=true",
      "?dryRun=true&newMetrics=remaining_performance_obligation",
      "?newMetrics=remaining_performance_obligation",
    ]);
    expect(await metricIds()).toContain("remaining_performance_obligation");
  });
});
