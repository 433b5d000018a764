import { once } from "node:events";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { runScript } from "../helpers/cli.ts";
import { recordingPath } from "../helpers/edgar.ts";
import { DATA_DIR } from "../helpers/store.ts";

const dir = mkdtempSync(join(tmpdir(), "capex-sec-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let databases = 0;
/** A fresh database per test: the CLI seeds it with the default data first. */
const freshDatabase = () => join(dir, `capex-${++databases}.db`);
const sec = (databasePath: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  runScript("sec.ts", args, { env: { DATABASE_PATH: databasePath, ...env } });

function figure(databasePath: string, entity: string, metric: string, period: string) {
  const db = new Database(databasePath, { readonly: true });
  const row = db
    .prepare<[string, string, string], { value: number; source: string; tokenName: string }>(
      `select o.value, o.source, u.token_name as tokenName from observations o
       join observation_revisions r on r.entity = o.entity and r.metric = o.metric and r.period = o.period
       join uploads u on u.id = r.upload_id
       where o.entity = ? and o.metric = ? and o.period = ? order by r.id desc limit 1`,
    )
    .get(entity, metric, period);
  db.close();
  return row;
}

describe("npm run sec -- import", () => {
  it("imports recorded companyfacts through the upload path as `sec`, saying what stays a CSV upload", async () => {
    const database = freshDatabase();
    const result = await sec(database, ["import", "--file", recordingPath("googlApril")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Not in companyfacts, so these stay CSV uploads:\n  cloud_revenue: segment revenue");
    expect(result.stdout).toMatch(
      /Imported: inserted \d+, updated \d+, unchanged \d+, rejected 0\. Data version 2\. Recorded as upload 2\./,
    );
    // 2014 Q4: the full year 10,959 less the nine months 7,408, from filings a year after each period.
    expect(figure(database, "GOOGL", "capex", "2014-Q4")).toEqual({
      value: 3_551,
      source: "https://www.sec.gov/Archives/edgar/data/1652044/000165204416000022/",
      tokenName: "sec",
    });
  });

  it("names Microsoft's D&A among what companyfacts lacks, and writes nothing on a dry run", async () => {
    const database = freshDatabase();
    const result = await sec(database, ["import", "--company", "MSFT", "--from", "2026-Q1", "--file", recordingPath("msft"), "--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("MSFT depreciation_amortization: Microsoft's cash-flow line");
    expect(result.stdout).toMatch(/Dry run \(nothing written\): .* Data version 1\./);
  });

  it("exits 1 naming a file that is not a companyfacts response", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({
        cik: 1045810,
        entityName: "NVIDIA",
        facts: { "us-gaap": { Revenues: { units: { USD: [{ end: "2024-13-01" }] } } } },
      }),
    );
    const result = await sec(freshDatabase(), ["import", "--file", bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `error: ${bad}: not a companyfacts response: facts.us-gaap.Revenues.units.USD[0].end: expected a date YYYY-MM-DD`,
    );
  });

  it.each([
    [["import", "--vintage", "newest", "--file", "x.json"], "--vintage: expected latest or original"],
    [["import", "--from", "2015Q1", "--file", "x.json"], "--from: expected a quarter such as 2015-Q1"],
    [
      ["compare", "--company", "AAPL", "--file", "x.json"],
      "--company: AAPL is not a company of the SEC table (MSFT, GOOGL, AMZN, META, NVDA)",
    ],
    [["import", "--fail-on-difference", "--file", "x.json"], "--fail-on-difference: not a flag of import"],
    [["import"], "--user-agent: required to fetch from SEC"],
    [["import", "--user-agent", "curl/8.0"], "--user-agent: SEC's fair-access rules ask you to name yourself and give a contact e-mail"],
    [["import", "--file", join(dir, "missing.json")], `--file ${join(dir, "missing.json")}: no such file`],
    [["import", "--company", "NVDA", "--file", recordingPath("msft")], "MSFT's companyfacts, not among --company"],
    [["export"], "unknown command export"],
  ])("exits 2 naming what is wrong in %j", async (args, message) => {
    const result = await sec(freshDatabase(), args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe("npm run sec, live", () => {
  it("fetches each company's companyfacts with the User-Agent given", async () => {
    const seen: { url?: string; userAgent?: string }[] = [];
    const body = readFileSync(recordingPath("googlJuly"));
    const server = createServer((req, res) => {
      seen.push({ url: req.url, userAgent: req.headers["user-agent"] });
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const result = await sec(
        freshDatabase(),
        ["import", "--company", "GOOGL", "--user-agent", "Capex Tests tests@example.com", "--dry-run"],
        {
          SEC_API_ORIGIN: origin,
        },
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Dry run \(nothing written\)/);
    } finally {
      server.close();
    }
    expect(seen).toEqual([{ url: "/api/xbrl/companyfacts/CIK0001652044.json", userAgent: "Capex Tests tests@example.com" }]);
  });

  it("says plainly that there is no network", async () => {
    const server = createServer();
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.close();
    await once(server, "close");
    const result = await sec(freshDatabase(), ["compare", "--company", "NVDA", "--user-agent", "Capex Tests tests@example.com"], {
      SEC_API_ORIGIN: origin,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `error: cannot reach ${origin.slice("http://".length)} (ECONNREFUSED): no network? Give recorded responses with --file instead`,
    );
  });
});

describe("npm run sec -- compare", () => {
  it("lists a stored figure that differs from the filing, with both sources and why, and exits 0 unless asked", async () => {
    const database = freshDatabase();
    // NVIDIA's fiscal 2025 Q2 revenue as a press report rounded it; the 10-Q says 30,040.
    const rounded = join(dir, "rounded.csv");
    writeFileSync(
      rounded,
      "entity,metric,period,period_end,value,unit,source\nNVDA,revenue,2024-Q2,2024-07-28,30000,USD_m,https://press.example/nvda\n",
    );
    expect((await runScript("import.ts", [rounded], { env: { DATABASE_PATH: database } })).code).toBe(0);

    const result = await sec(database, ["compare", "--file", recordingPath("nvda")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("| entity | metric | period | stored | stored source | SEC | SEC filing | difference | why |");
    expect(result.stdout).toContain(
      "| NVDA | revenue | 2024-Q2 | 30,000 | https://press.example/nvda | 30,040 | https://www.sec.gov/Archives/edgar/data/1045810/000104581025000209/ | +40 | rounded source: 30,040 rounded to the nearest 100 |",
    );
    expect(result.stdout).toMatch(
      /missing from the database: NVDA operating_cash_flow 2008-Q4 to 2026-Q1; 2007-FY to 2025-FY \(89 periods\)/,
    );
    expect(result.stdout).toMatch(/Compared \d+ figures the SEC data and the database both hold: [1-9]\d* differ\./);

    expect((await sec(database, ["compare", "--file", recordingPath("nvda"), "--fail-on-difference"])).code).toBe(1);
  });
});

describe("npm run sec -- cite", () => {
  it("rewrites a copy of the default data to cite the filings, and a second run changes nothing", async () => {
    const data = join(dir, "data");
    cpSync(DATA_DIR, data, { recursive: true });
    const files = readdirSync(data).sort();
    const args = ["cite", "--file", ...["nvda", "googlApril", "googlJuly", "msft", "meta"].map((name) => recordingPath(name as never))];
    const first = await sec(freshDatabase(), args, { DATA_DIR: data });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Wrote .*: rows citing sec\.gov \d+ before, \d+ after\./);
    const once = files.map((name) => readFileSync(join(data, name), "utf8"));

    const second = await sec(freshDatabase(), args, { DATA_DIR: data });
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(/[1-9]\d* rewritten/);
    expect(files.map((name) => readFileSync(join(data, name), "utf8"))).toEqual(once);
  });
});

describe("the default data against the recordings", () => {
  const all = ["nvda", "googlApril", "googlJuly", "msft", "meta"].map((name) => recordingPath(name as never));

  it("holds no figure that differs from the filings they cover", async () => {
    const result = await sec(freshDatabase(), ["compare", "--fail-on-difference", "--file", ...all]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Compared \d+ figures the SEC data and the database both hold: 0 differ\./);
    expect(result.stdout).not.toContain("| --- |");
  });

  it("gets no change of any stored figure from an import of the same files", async () => {
    const result = await sec(freshDatabase(), ["import", "--dry-run", "--file", ...all]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Dry run \(nothing written\): inserted \d+, updated 0, unchanged [1-9]\d*, rejected 0\./);
  });
});
