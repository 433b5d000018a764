// The real server with the real built dashboard (web/dist): the page works under its
// Content-Security-Policy with no violation in Chromium, and no request, however encoded, reads a
// file outside the dashboard's folder.
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type RunningServer, startServer } from "./server.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

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

describe("the dashboard under its Content-Security-Policy", () => {
  it("renders the dashboard, draws a PNG and opens the Upload page with no CSP violation or console error", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    // Registered before any of the page's own scripts run.
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) =>
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    const response = await page.goto(server.url);
    expect(response!.headers()["content-security-policy"]).toContain("script-src 'self'");
    await page.waitForSelector(".capex-segment");
    const [png] = await Promise.all([
      page.waitForEvent("download"),
      page
        .locator("#sequoia-gap")
        .getByRole("button", { name: /as PNG/ })
        .click(),
    ]);
    expect(png.suggestedFilename()).toBe("sequoia-gap.png");
    await page.getByRole("link", { name: "Upload data" }).click();
    await page.getByRole("button", { name: "Use this token" }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("has no inline script or style in the built page, nor in the page the server renders", async () => {
    const built = readFileSync(join(ROOT, "web", "dist", "index.html"), "utf8");
    const rendered = await (await fetch(`${server.url}/?capex=ttm&quarter=2025-Q1`)).text();
    expect(rendered).toContain('data-rendered="server"');
    for (const html of [built, rendered]) {
      const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [tag, body] of scripts) {
        // The page's data travels as a JSON block, which no browser runs.
        if (tag.includes('type="application/json"')) {
          expect(() => JSON.parse(body!)).not.toThrow();
          continue;
        }
        expect(tag).toMatch(/src="\/assets\//);
        expect(body!.trim()).toBe("");
      }
      expect(html).not.toMatch(/\son\w+=|style=/i);
    }
  });
});

/** Sends the path exactly as written (fetch would resolve `..` first) and returns the raw response. */
function rawGet(path: string): Promise<string> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`),
    );
    let response = "";
    socket.on("data", (chunk) => (response += chunk.toString("latin1")));
    socket.on("end", () => resolve(response));
    socket.on("error", reject);
  });
}

describe("static files", () => {
  // Files beside and above web/dist, each with text that could only come from it.
  const OUTSIDE: [file: string, marker: string][] = [
    ["package.json", '"name": "ai-capex-monitor"'],
    ["server/config.ts", "envSchema"],
    ["web/index.html", "/src/main.tsx"],
    ["/etc/passwd", "root:x:0:0"],
  ];
  const builtIndex = readFileSync(join(ROOT, "web", "dist", "index.html"), "utf8");

  it("serves the dashboard's own files", async () => {
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(builtIndex)![1]!;
    expect(await rawGet(asset)).toMatch(/^HTTP\/1\.1 200/);
    // The page is the built one with the view rendered into it: its stylesheets and scripts, none other.
    const page = await rawGet("/");
    const assets = (html: string) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map(([, path]) => path).sort();
    expect(assets(page)).toEqual(assets(builtIndex));
    expect(page).toContain('<div id="root" data-rendered="server">');
  });

  /** A raw response's status and headers (names in lower case). */
  const head = (response: string) => {
    const [statusLine = "", ...lines] = response.slice(0, response.indexOf("\r\n\r\n")).split("\r\n");
    const headers = Object.fromEntries(
      lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
    );
    return { status: Number(statusLine.split(" ")[1]), headers };
  };

  it("caches a hashed asset for good and asks again for the page, at / and at a client-side view", async () => {
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(builtIndex)![1]!;
    expect(head(await rawGet(asset)).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    for (const path of ["/", "/uploads/3"]) {
      const { status, headers } = head(await rawGet(path));
      expect([path, status, headers["cache-control"]]).toEqual([path, 200, "no-cache"]);
    }
  });

  it("answers /favicon.ico with an icon, and a missing file with a 404 rather than the page", async () => {
    const icon = await fetch(`${server.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    expect([...new Uint8Array(await icon.arrayBuffer()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect((await fetch(`${server.url}/favicon.svg`)).headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    const missing = await fetch(`${server.url}/apple-touch-icon.png`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain("<html");
  });

  it("names the page and describes it for link previews", () => {
    expect(builtIndex).toContain("<title>AI Capex Monitor</title>");
    for (const property of ["og:type", "og:site_name", "og:title", "og:description"])
      expect(builtIndex).toContain(`property="${property}"`);
    expect(builtIndex).toContain('rel="icon" href="/favicon.svg"');
  });

  const up = [
    "/..",
    "/%2e%2e",
    "/%2E%2E",
    "/.%2e",
    "/%2e.",
    "/%252e%252e",
    "/..%2f..",
    "/..%5c..",
    "/..\\..",
    "/%c0%ae%c0%ae",
    "/..;",
    "/assets/../..",
  ];
  const paths = up.flatMap((prefix) => [
    `${prefix}/package.json`,
    `${prefix}/../package.json`,
    `${prefix}/server/config.ts`,
    `${prefix}/web/index.html`,
    `${prefix}${"/..".repeat(8)}/etc/passwd`,
  ]);
  paths.push(
    "//etc/passwd",
    "/%2fetc%2fpasswd",
    "/assets/%2e%2e%2f%2e%2e%2fpackage.json",
    "/index.html/../../package.json",
    "/..%00/package.json",
    "/assets/..%252f..%252fpackage.json",
  );

  it(`reads nothing outside web/dist through ${paths.length} encoded ways up`, async () => {
    for (const path of paths) {
      const response = await rawGet(path);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
      expect(status, path).toBeLessThan(500);
      for (const [file, marker] of OUTSIDE) expect(response, `${path} must not show ${file}`).not.toContain(marker);
    }
  });
});
