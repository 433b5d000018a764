// Starts the real server (tsx server/index.ts) on a free port with a fresh database of the test
// run's store (or a given one: for the benchmarks, a second server on the same database), the
// way `npm start` runs it, and drives Debian's Chromium.
import { type ChildProcess, spawn } from "node:child_process";
import { type Browser, chromium, type Page } from "playwright-core";
import type { StoreLocation } from "../../server/db/client.ts";
import { removeLocation, storeEnv, tempLocation } from "../helpers/store.ts";

export interface RunningServer {
  url: string;
  /** The server's database, for setting up what the browser cannot (API tokens). */
  location: StoreLocation;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM, as a supervisor stops it; resolves with its exit code once it has exited. */
  stop(): Promise<number | null>;
}

/** A server on `existing` (kept when it stops), or on a new empty database it seeds (removed when it stops). */
export async function startServer(existing?: StoreLocation, env: Record<string, string> = {}): Promise<RunningServer> {
  const location = existing ?? (await tempLocation());
  // One process, as a supervisor runs it: tsx's CLI would relay SIGTERM to a child of its own, and
  // kills that child when it does not answer the relay at once (its event loop busy with an upload).
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...storeEnv(location), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace("localhost", "127.0.0.1"));
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    location,
    output: () => output,
    stop: async () => {
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const code = await exited;
      if (!existing) await removeLocation(null, location);
      return code;
    },
  };
}

/** Debian's Chromium with the flags this closed network needs (../shared/NOTES.md). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Waits until the page answers input as a reader meets it: hydrated, no chart still going live,
 * and on a screen with a mouse every chart live (each goes live in turn there; a touch screen keeps
 * the server's drawings until they are touched: web/src/components/ChartArea.tsx).
 */
export const settled = (page: Page) =>
  page.waitForFunction(
    () =>
      document.documentElement.dataset.hydrated === "true" &&
      !document.documentElement.hasAttribute("data-charts-busy") &&
      (!window.matchMedia("(hover: hover) and (pointer: fine)").matches || document.querySelector(".chart--static") === null),
  );
