// A large import file, and the import CLI as a child process that a test can kill at any moment:
// for the crash, backup and concurrent-reader tests, which need a write that takes a while.

import { type ChildProcess, spawn } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { closeStore, openStore, type StoreLocation } from "../../server/db/client.ts";
import { checksumRows, storeEnv } from "./store.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Known ids (data/entities.csv, data/metrics.csv): rows of new entities import far more slowly. */
const ENTITIES = ["MSFT", "GOOGL", "AMZN", "META", "NVDA", "OPENAI", "ANTHROPIC", "AAPL", "NFLX", "SPOT"];
const FLOW_METRICS = [
  "capex_incl_finance_leases",
  "microsoft_cloud_revenue",
  "iphone_revenue",
  "ai_revenue",
  "consumer_ai_app_spending",
  "ads_revenue",
  "datacenter_revenue",
];
const QUARTERS = (2100 - 1980 + 1) * 4;

/**
 * `rows` quarterly figures in the long layout, each entity and flow metric for every quarter from
 * 1980 to 2100 (up to 33,880 distinct ones), `head` rows first; `shift` is added to every value, so
 * a second file can change what a first one wrote.
 */
export function largeObservationCsv(rows: number, { head = [], shift = 0 }: { head?: string[]; shift?: number } = {}): string {
  if (rows > ENTITIES.length * FLOW_METRICS.length * QUARTERS)
    throw new Error(`at most ${ENTITIES.length * FLOW_METRICS.length * QUARTERS} distinct rows`);
  const lines = ["entity,metric,period,value,unit,basis,source", ...head];
  for (let i = 0; i < rows; i++) {
    const entity = ENTITIES[Math.floor(i / (QUARTERS * FLOW_METRICS.length))]!;
    const metric = FLOW_METRICS[Math.floor(i / QUARTERS) % FLOW_METRICS.length]!;
    const quarter = i % QUARTERS;
    lines.push(
      `${entity},${metric},${1980 + Math.floor(quarter / 4)}-Q${(quarter % 4) + 1},${(i % 9973) + 0.5 + shift},USD_m,reported,https://example.com/filing/${i}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export interface ImportProcess {
  child: ChildProcess;
  /** Resolves with the exit code (null when killed) and what the CLI printed. */
  exited: Promise<{ code: number | null; output: string }>;
  finished(): boolean;
  /** SIGKILL to the CLI and every process it started: no handler runs, nothing is flushed. */
  kill(): void;
}

/** `npm run import -- FILE` against `location`, in its own process group so a kill reaches tsx's child too. */
export function startImport(file: string, location: StoreLocation): ImportProcess {
  const child = spawn(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "import.ts"), file], {
    cwd: ROOT,
    env: { ...process.env, ...storeEnv(location) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let finished = false;
  const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once("exit", (code) => {
      finished = true;
      resolve({ code, output });
    }),
  );
  return {
    child,
    exited,
    finished: () => finished,
    kill: () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // The group is gone already: the import finished first.
      }
    },
  };
}

/** The size of the database's write-ahead log: it grows while an import writes, before its commit. */
/** The write-ahead log's size; 0 when there is none (SQLite may remove it between a check and a read). */
export const walSize = (databasePath: string) => statSync(`${databasePath}-wal`, { throwIfNoEntry: false })?.size ?? 0;

/**
 * Opens a database as it is after a crash (SQLite replaying its log, PostgreSQL having rolled
 * back what was not committed), and reports what it holds; integrity_check is SQLite's.
 */
export async function inspectDatabase(
  location: StoreLocation,
): Promise<{ integrity: string; checksum: string; timelessChecksum: string; contentChecksum: string }> {
  const store = await openStore(location, { migrate: false });
  try {
    const integrity = store.dialect === "sqlite" ? (store.sqlite.pragma("integrity_check", { simple: true }) as string) : "ok";
    return {
      integrity,
      checksum: await checksumRows(store),
      timelessChecksum: await checksumRows(store, { ignoreTimes: true }),
      contentChecksum: await checksumRows(store, { ignoreTimes: true, ignoreIds: true }),
    };
  } finally {
    await closeStore(store);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
