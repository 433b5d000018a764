// npm run bench:hostile: the attacks of issue 14 against the real server on loopback, each bounded
// in count and time, while a probe reads /api/health and /api/thesis every 100 ms from another
// address. For each attack: the probe's p99 and longest gap, the server's peak RSS, whether it is
// still alive, and what the attack itself was answered. Not part of npm test.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { closeStore, openStore } from "../../server/db/client.ts";
import { createToken } from "../../server/services/createToken.ts";
import { seedDefaultData } from "../../server/services/seedDefaultData.ts";
import { type Row, renderTable } from "./table.ts";

const ATTACKER = "127.0.0.2";
const PROXY = "127.0.0.3";
const PROBE_EVERY_MS = 100;
const BUDGET = { gapMs: 250, rssMb: 1024, uploadP99Ms: 100 };

interface Server {
  url: string;
  port: number;
  pid: number;
  log: () => string;
  stop(): Promise<void>;
}

/** The server as `npm start` runs it (one node process, so its RSS is the server's), on a fresh database. */
async function startServer(dir: string, env: Record<string, string>): Promise<Server> {
  const databasePath = join(dir, "capex.db");
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: databasePath, TRUST_PROXY: PROXY, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const poll = setInterval(() => {
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    }, 50);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? 0,
    log: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

const rssMb = (pid: number) => {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A plain HTTP request from a chosen local address, with a deadline; resolves with the status (0: failed). */
function send(
  url: string,
  {
    method = "GET",
    headers = {},
    body,
    localAddress = ATTACKER,
    timeoutMs = 30_000,
  }: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    localAddress?: string;
    timeoutMs?: number;
  } = {},
): Promise<number> {
  return new Promise((resolve) => {
    const request = httpRequest(url, { method, headers, localAddress, agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", () => resolve(response.statusCode ?? 0));
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(0));
    request.end(body);
  });
}

/** The probe: one request to each path every PROBE_EVERY_MS from 127.0.0.1, timing every answer. */
function startProbe(server: Server) {
  const latencies: number[] = [];
  let lastAnswer = performance.now();
  let longestGap = 0;
  let failures = 0;
  let peakRss = rssMb(server.pid);
  const paths = ["/api/health", "/api/thesis"];
  let turn = 0;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(server.pid));
    const path = paths[turn++ % paths.length] ?? "/api/health";
    const started = performance.now();
    void send(`${server.url}${path}`, { localAddress: "127.0.0.1", timeoutMs: 10_000 }).then((status) => {
      const now = performance.now();
      if (status !== 200) {
        failures++;
        return;
      }
      latencies.push(now - started);
      longestGap = Math.max(longestGap, now - lastAnswer);
      lastAnswer = now;
    });
  }, PROBE_EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      // Let the last probes land.
      await new Promise((resolve) => setTimeout(resolve, 500));
      longestGap = Math.max(longestGap, performance.now() - 500 - lastAnswer);
      const sorted = [...latencies].sort((a, b) => a - b);
      const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? Number.NaN;
      return { p99, longestGap, failures, answers: latencies.length, peakRss };
    },
  };
}

/** Counts the statuses an attack got: "200 x3, 400 x27". */
function tally(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status === 0 ? "closed" : status} x${count}`)
    .join(", ");
}

/** Holds `count` sockets open from `localAddress`, each writing a few bytes of a request every `everyMs`, for `ms`. */
async function slowSockets(port: number, count: number, localAddress: string, opening: string, everyMs: number, ms: number) {
  const sockets: Socket[] = [];
  let refused = 0;
  for (let i = 0; i < count; i++) {
    const socket = connect({ port, host: "127.0.0.1", localAddress });
    socket.on("error", () => {});
    socket.on("close", () => refused++);
    socket.write(opening);
    sockets.push(socket);
    if (i % 500 === 499) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const drip = setInterval(() => {
    for (const socket of sockets) if (!socket.destroyed) socket.write("x");
  }, everyMs);
  await new Promise((resolve) => setTimeout(resolve, ms));
  clearInterval(drip);
  const stillOpen = sockets.filter((s) => !s.destroyed).length;
  for (const socket of sockets) socket.destroy();
  return `${count} opened, ${stillOpen} still open after ${ms / 1000} s (${refused} closed by the server)`;
}

function wideCsv(columns: number): string {
  const periods = Array.from({ length: columns }, (_, i) => `${1980 + Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  return `entity,metric,unit,${periods.join(",")}\nMSFT,capex,USD_m,${periods.map(() => "1").join(",")}\n`;
}

function newEntitiesCsv(rows: number): string {
  const lines = ["entity,metric,period,period_end,value,unit,basis,source"];
  for (let i = 0; i < rows; i++) lines.push(`NEWCO${i},capex,2024-Q1,2024-03-31,${i + 1},USD_m,reported,https://example.com/${i}`);
  return `${lines.join("\n")}\n`;
}

function quarterRowsCsv(rows: number): string {
  const lines = ["entity,metric,period,period_end,value,unit,basis,source"];
  for (let i = 0; i < rows; i++) {
    const q = 1980 * 4 + (i % 480);
    const year = Math.floor(q / 4);
    const quarter = (q % 4) + 1;
    const end = ["03-31", "06-30", "09-30", "12-31"][quarter - 1];
    lines.push(`BENCH${Math.floor(i / 480)},capex,${year}-Q${quarter},${year}-${end},${i + 1},USD_m,reported,https://example.com/${i}`);
  }
  return `${lines.join("\n")}\n`;
}

/** One CSV sent by an analyst, the way the upload page sends it; what it was answered. */
async function analystUpload(s: Server, token: string, path: string, csv: string): Promise<string> {
  const status = await send(`${s.url}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/csv" },
    body: csv,
    timeoutMs: 120_000,
  });
  return tally([status]);
}

interface Attack {
  name: string;
  authenticated: boolean;
  run(server: Server, token: string): Promise<string>;
  /** The probe's p99 budget during this attack, when it has its own. */
  p99Budget?: number;
}

const repeated = (id: string, n: number) => Array(n).fill(id).join(",");

const ATTACKS: Attack[] = [
  {
    name: "20 x /api/export/companies.xlsx with 2,000 ids (a 10 KB URL)",
    authenticated: false,
    run: async (s) =>
      tally(
        await Promise.all(Array.from({ length: 20 }, () => send(`${s.url}/api/export/companies.xlsx?companies=${repeated("MSFT", 2000)}`))),
      ),
  },
  {
    name: "60 x /api/thesis, each with distinct parameters",
    authenticated: false,
    run: async (s) =>
      tally(
        await Promise.all(
          Array.from({ length: 60 }, (_, i) =>
            send(`${s.url}/api/thesis?lookback=${(i % 40) + 1}&gpuShare=${0.3 + (i % 7) / 10}&carryForwardDays=${i}`),
          ),
        ),
      ),
  },
  {
    name: "50 x /api/thesis with companies=MSFT x 2,900",
    authenticated: false,
    run: async (s) =>
      tally(await Promise.all(Array.from({ length: 50 }, () => send(`${s.url}/api/thesis?companies=${repeated("MSFT", 2900)}`)))),
  },
  {
    name: "100 uploads without a token that stall after 64 KB of a 10 MB body, held 15 s",
    authenticated: false,
    run: async (s) =>
      slowSockets(
        s.port,
        100,
        ATTACKER,
        `POST /api/uploads HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: 10000000\r\n\r\n${"a".repeat(65536)}`,
        1000,
        15_000,
      ),
  },
  {
    name: "15,000 slow connections (slow-loris: a header byte a second), held 15 s",
    authenticated: false,
    run: async (s) => slowSockets(s.port, 15_000, ATTACKER, "GET /api/health HTTP/1.1\r\nHost: x\r\n", 1000, 15_000),
  },
  {
    name: "500 invalid tokens through the trusted proxy, then the analyst's valid token through it",
    authenticated: false,
    run: async (s, token) => {
      const upload = (bearer: string, forwardedFor: string) =>
        send(`${s.url}/api/uploads?dryRun=true`, {
          method: "POST",
          localAddress: PROXY,
          headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "text/csv", "X-Forwarded-For": forwardedFor },
          body: "entity,metric,period,value,unit\n",
        });
      const guesses: number[] = [];
      for (let i = 0; i < 500; i++) guesses.push(await upload("acm_guess", "203.0.113.7"));
      const analyst = await upload(token, "198.51.100.20");
      const sameAddress = await upload(token, "203.0.113.7");
      return `guesses: ${tally(guesses)}; valid token from another client ${analyst}, from the guesser's address ${sameAddress}`;
    },
  },
  {
    name: "1,000 requests whose client goes away mid-body",
    authenticated: false,
    run: async (s, token) => {
      const before = s.log().split("\n").length;
      for (let i = 0; i < 1000; i++) {
        const socket = connect({ port: s.port, host: "127.0.0.1", localAddress: ATTACKER });
        socket.on("error", () => {});
        socket.write(
          `POST /api/uploads?dryRun=true HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\nentity,metric`,
        );
        await new Promise((resolve) => setTimeout(resolve, 2));
        socket.destroy();
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const lines = s.log().split("\n").length - before;
      return `${lines} log lines for 1,000 aborts`;
    },
  },
  {
    name: "an analyst's dry run of 40,000 rows with new entity ids",
    authenticated: true,
    run: async (s, token) => analystUpload(s, token, "/api/uploads?dryRun=true", newEntitiesCsv(40_000)),
  },
  {
    name: "an analyst's dry run of a wide file with 100,000 columns",
    authenticated: true,
    run: async (s, token) => analystUpload(s, token, "/api/uploads?dryRun=true", wideCsv(100_000)),
  },
  {
    name: "an analyst's upload of 30,000 rows (committed)",
    authenticated: true,
    p99Budget: BUDGET.uploadP99Ms,
    run: async (s, token) => analystUpload(s, token, "/api/uploads", quarterRowsCsv(30_000)),
  },
];

const dir = mkdtempSync(join(tmpdir(), "capex-hostile-"));
const rows: Row[] = [];
try {
  // The token and the default data go in before the server starts, as an operator would.
  const store = await openStore({ dialect: "sqlite", path: join(dir, "capex.db") });
  await seedDefaultData(store, join(process.cwd(), "data"));
  const { token } = await createToken(store, { name: "bench-analyst", role: "analyst" });
  await closeStore(store);
  const server = await startServer(dir, {});
  try {
    for (const attack of ATTACKS) {
      console.error(`bench:hostile: ${attack.name}...`);
      // Warm: the default thesis computed, so the probe measures waiting, not the first computation.
      await send(`${server.url}/api/thesis`, { localAddress: "127.0.0.1" });
      const probe = startProbe(server);
      const started = performance.now();
      const answered = await attack.run(server, token).catch((error: Error) => `failed: ${error.message}`);
      const seconds = (performance.now() - started) / 1000;
      const result = await probe.stop();
      const up = alive(server.pid) && (await send(`${server.url}/api/health`, { localAddress: "127.0.0.1" })) === 200;
      const checks = attack.p99Budget
        ? [`p99 <= ${attack.p99Budget} ms: ${result.p99 <= attack.p99Budget ? "met" : "NOT met"}`]
        : attack.authenticated
          ? []
          : [
              `gap <= ${BUDGET.gapMs} ms: ${result.longestGap <= BUDGET.gapMs ? "met" : "NOT met"}`,
              `RSS < ${BUDGET.rssMb} MB: ${result.peakRss < BUDGET.rssMb ? "met" : "NOT met"}`,
              `alive: ${up ? "met" : "NOT met"}`,
            ];
      rows.push({
        what: `${attack.name}${attack.authenticated ? " (analyst token)" : ""}`,
        value: `probe p99 ${Math.round(result.p99)} ms, longest gap ${Math.round(result.longestGap)} ms, ${result.failures} probe failures; peak RSS ${Math.round(result.peakRss)} MB; ${up ? "alive" : "DOWN"}; ${seconds.toFixed(1)} s; answered: ${answered}`,
        ratio: "",
        budget: checks.join("; "),
      });
      if (!up) break;
    }
  } finally {
    await server.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `Machine: ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${new Date().toISOString()}\n`,
);
console.log(renderTable(rows));
