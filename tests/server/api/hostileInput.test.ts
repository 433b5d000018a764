// What a hostile client sends, in-process: every bound answers 400 or 401 naming what and why,
// before any work grows with the input, and the database is unchanged.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../../server/app.ts";
import { MAX_IDS } from "../../../server/domain/parameters.ts";
import { DEFAULT_THESIS_PARAMS } from "../../../server/domain/thesis.ts";
import { answerCache } from "../../../server/services/answerCache.ts";
import { computeInTurn, MAX_WAITING } from "../../../server/services/computeInTurn.ts";
import { getThesis } from "../../../server/services/getThesis.ts";
import { bearerTokens, checksumRows, type TempStore, tempStore } from "../../helpers/store.ts";

let store: TempStore;
let tokens: ReturnType<typeof bearerTokens>;
beforeAll(() => {
  store = tempStore("default-data");
  tokens = bearerTokens(store);
});
afterAll(() => store.close());
afterEach(() => vi.restoreAllMocks());

const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as any });

describe("query bounds", () => {
  const app = () => createApp({ store });

  it.each([
    ["an id list over the maximum", `companies=${Array.from({ length: MAX_IDS + 1 }, (_, i) => `E${i}`).join(",")}`, "companies"],
    ["2,000 repeats of one id", `companies=${Array(2000).fill("MSFT").join(",")}`, "companies"],
    ["a value over 2,048 characters", `from=${"9".repeat(3000)}`, "from"],
    ["a parameter given twice", "lookback=2&lookback=3", "lookback"],
    ["a JavaScript built-in name as an id", "companies=MSFT,__proto__", "companies"],
    ["constructor as an id", "aiRevenue=constructor", "aiRevenue"],
  ])("400 for %s, naming the parameter", async (_, query, parameter) => {
    for (const path of ["/api/thesis", "/api/export/companies.xlsx"]) {
      const { status, body } = await json(await app().request(`${path}?${query}`));
      expect(status, path).toBe(400);
      expect(body.error.details.map((d: { parameter: string }) => d.parameter)).toContain(parameter);
    }
  });

  it("400 for more than 32 parameters", async () => {
    const query = Array.from({ length: 33 }, (_, i) => `p${i}=1`).join("&");
    const { status, body } = await json(await app().request(`/api/thesis?${query}`));
    expect(status).toBe(400);
    expect(body.error.details).toEqual([{ parameter: "query", message: "expected at most 32 parameters, got 33" }]);
  });

  it("counts a repeated id once", async () => {
    const { status, body } = await json(await app().request("/api/thesis?companies=MSFT,MSFT,MSFT&from=2025-Q1&to=2025-Q1"));
    expect(status).toBe(200);
    expect(body.params.companies).toEqual(["MSFT"]);
    expect(body.quarters[0].companies).toHaveLength(1);
  });
});

describe("a write", () => {
  it("checks the token before it reads a byte of the body: a body that never ends still gets 401 at once", async () => {
    let pulls = 0;
    const endless = new ReadableStream({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const response = await createApp({ store }).request("/api/uploads?dryRun=true", {
      method: "POST",
      headers: { "Content-Type": "text/csv" },
      body: endless,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(401);
    // A stream may pre-fill its queue once; nothing read it beyond that.
    expect(pulls).toBeLessThanOrEqual(1);
  });

  it("with two file parts is refused, naming both, and writes nothing", async () => {
    const before = checksumRows(store);
    const form = new FormData();
    const csv = "entity,metric,period,value,unit\nMSFT,capex,2031-Q1,1,USD_m\n";
    form.append("file", new File([csv], "first.csv", { type: "text/csv" }));
    form.append("file", new File([csv], "second.csv", { type: "text/csv" }));
    const { status, body } = await json(
      await createApp({ store }).request("/api/uploads", { method: "POST", headers: tokens.analyst, body: form }),
    );
    expect(status).toBe(400);
    expect(body.error.message).toBe("Send one file per upload; this form has 2: file (first.csv), file (second.csv)");
    expect(checksumRows(store)).toBe(before);
  });

  it("whose client goes away is one line in the log, not a stack trace", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const abort = new AbortController();
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("entity,metric,period,value,unit\n"));
        setTimeout(() => {
          abort.abort();
          controller.error(Object.assign(new Error("aborted"), { name: "AbortError" }));
        }, 10);
      },
    });
    const request = new Request("http://localhost/api/uploads?dryRun=true", {
      method: "POST",
      headers: { ...tokens.analyst, "Content-Type": "text/csv" },
      body,
      signal: abort.signal,
      duplex: "half",
    } as RequestInit);
    await createApp({ store }).fetch(request);
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toBe("request: POST /api/uploads aborted by the client");
  });
});

describe("answerCache", () => {
  const sized = (bytes: number) => ({ bytes: () => bytes });

  it("drops the least recently used entries once the bytes pass the budget", () => {
    const cache = answerCache<ReturnType<typeof sized>>(100);
    cache.set("a", sized(40));
    cache.set("b", sized(40));
    cache.get("a");
    cache.set("c", sized(40));
    expect([cache.get("a") !== undefined, cache.get("b") !== undefined, cache.get("c") !== undefined]).toEqual([true, false, true]);
    expect(cache.bytes).toBe(80);
  });

  it("does not keep an answer larger than the whole budget", () => {
    const cache = answerCache<ReturnType<typeof sized>>(100);
    cache.set("a", sized(10));
    cache.set("huge", sized(101));
    expect(cache.get("huge")).toBeUndefined();
    expect(cache.bytes).toBe(10);
  });

  it("recounts an entry that grew", () => {
    let bytes = 30;
    const cache = answerCache<{ bytes(): number }>(100);
    cache.set("a", { bytes: () => 50 });
    cache.set("b", { bytes: () => bytes });
    bytes = 60;
    cache.resized("b");
    expect(cache.get("a")).toBeUndefined();
    expect(cache.bytes).toBe(60);
  });
});

describe("the thesis cache", () => {
  it("holds no more than the store's budget, however many distinct parameters are asked for", () => {
    const small = { ...store, cacheMaxBytes: 2 * 1024 * 1024 };
    const first = getThesis(small, { ...DEFAULT_THESIS_PARAMS, lookback: 1 });
    const perEntry = first.bytes();
    for (let lookback = 2; lookback <= 12; lookback++) getThesis(small, { ...DEFAULT_THESIS_PARAMS, lookback });
    // The oldest were dropped: asking again computes a new answer rather than returning the first.
    expect(getThesis(small, { ...DEFAULT_THESIS_PARAMS, lookback: 1 })).not.toBe(first);
    expect(getThesis(small, { ...DEFAULT_THESIS_PARAMS, lookback: 12 })).toBe(getThesis(small, { ...DEFAULT_THESIS_PARAMS, lookback: 12 }));
    expect(perEntry).toBeGreaterThan(100_000);
  });
});

describe("computeInTurn", () => {
  const busy = (ms: number) => {
    const end = performance.now() + ms;
    while (performance.now() < end);
  };

  it("runs computations one at a time, in order, letting other work in between", async () => {
    const events: string[] = [];
    const runs = [1, 2, 3].map((n) =>
      computeInTurn(() => {
        busy(20);
        events.push(`compute ${n}`);
      }),
    );
    setTimeout(() => events.push("timer"), 0);
    await Promise.all(runs);
    expect(events.filter((e) => e.startsWith("compute"))).toEqual(["compute 1", "compute 2", "compute 3"]);
    expect(events.indexOf("timer")).toBeLessThan(events.indexOf("compute 3"));
  });

  it(`refuses with 503 and Retry-After beyond ${MAX_WAITING} waiting`, async () => {
    const runs = Array.from({ length: MAX_WAITING }, () => computeInTurn(() => busy(1)));
    expect(() => computeInTurn(() => 0)).toThrow(expect.objectContaining({ status: 503, retryAfterSeconds: 1 }));
    await Promise.all(runs);
    await expect(computeInTurn(() => 7)).resolves.toBe(7);
  });

  it("answers a cached thesis while distinct cold ones wait their turn", async () => {
    const app = createApp({ store: { ...store } });
    await app.request("/api/thesis");
    const started = performance.now();
    const cold = Array.from({ length: 12 }, (_, i) =>
      Promise.resolve(app.request(`/api/thesis?lookback=${i + 2}`)).then(() => performance.now() - started),
    );
    const cached = await Promise.resolve(app.request("/api/thesis")).then(() => performance.now() - started);
    const colds = await Promise.all(cold);
    expect(cached).toBeLessThan(Math.max(...colds));
  });
});

describe("an upload's cells", () => {
  const upload = (csv: string, query = "dryRun=true") =>
    createApp({ store }).request(`/api/uploads?${query}`, {
      method: "POST",
      headers: { ...tokens.analyst, "Content-Type": "text/csv" },
      body: csv,
    });
  const HEADER = "entity,metric,period,period_end,value,unit,basis,source,note";
  const problemsOf = async (response: Response) => {
    const { body } = await json(response);
    return (body.problems ?? body.error?.details ?? []) as { line: number; column: string; message: string }[];
  };

  it("takes a typo of a metric for a typo: did you mean, and nothing written", async () => {
    const before = checksumRows(store);
    const problems = await problemsOf(await upload(`${HEADER}\nMSFT,capexx,2031-Q1,,1,USD_m,reported,x,\n`, ""));
    expect(problems).toEqual([expect.objectContaining({ line: 2, column: "metric", message: "unknown metric; did you mean capex?" })]);
    expect(checksumRows(store)).toBe(before);
  });

  it("adds a new metric only when the upload confirms it", async () => {
    const csv = `${HEADER}\nMSFT,remaining_performance_obligation,2031-Q1,,1,USD_m,reported,x,\nGOOGL,remaining_performance_obligation,2031-Q1,,2,USD_m,reported,x,\n`;
    expect((await problemsOf(await upload(csv)))[0]?.message).toBe(
      "unknown metric: to add remaining_performance_obligation to the catalog, confirm it as a new metric (or add it to metrics.csv)",
    );
    const preview = await json(await upload(csv, "dryRun=true"));
    expect(preview.body.unconfirmedMetrics).toEqual(["remaining_performance_obligation"]);
    const { status, body } = await json(await upload(csv, "dryRun=true&newMetrics=remaining_performance_obligation"));
    expect(status).toBe(200);
    expect(body.problems).toEqual([]);
    expect(body.newMetrics).toEqual(["remaining_performance_obligation"]);
    expect(body.unconfirmedMetrics).toEqual([]);
  });

  it("names a new entity's likely typo in its warning", async () => {
    const { body } = await json(await upload(`${HEADER}\nMSFTT,capex,2031-Q1,,1,USD_m,reported,x,\n`));
    expect(body.warnings).toContainEqual(
      expect.objectContaining({
        column: "entity",
        message: "new entity: committing adds MSFTT to the catalog, named by its id (did you mean MSFT?)",
      }),
    );
  });

  it("refuses a JavaScript built-in name as an id", async () => {
    const problems = await problemsOf(
      await upload(`${HEADER}\n__proto__,capex,2031-Q1,,1,USD_m,reported,x,\nconstructor,capex,2031-Q1,,1,USD_m,reported,x,\n`),
    );
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [2, "entity"],
      [3, "entity"],
    ]);
  });

  it.each([
    ["note", 4000],
    ["source", 2048],
  ])("refuses a %s longer than %i characters, naming the limit", async (column, limit) => {
    const cells = { note: "", source: "x" };
    const ok = { ...cells, [column]: "a".repeat(limit) };
    const long = { ...cells, [column]: "a".repeat(limit + 1) };
    const row = (c: typeof cells) => `MSFT,capex,2031-Q1,,1,USD_m,reported,${c.source},${c.note}`;
    expect(await problemsOf(await upload(`${HEADER}\n${row(ok)}\n`))).toEqual([]);
    expect(await problemsOf(await upload(`${HEADER}\n${row(long)}\n`))).toEqual([
      expect.objectContaining({ line: 2, column, message: `longer than the ${limit} characters a ${column} may have` }),
    ]);
  });

  it("takes at most 100 new entities from one file, in time linear in its rows", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `NEWCO${i},capex,2031-Q1,,1,USD_m,reported,x,`);
    const problems = await problemsOf(await upload(`${HEADER}\n${rows.join("\n")}\n`));
    expect(problems[0]).toEqual(
      expect.objectContaining({
        line: 102,
        column: "entity",
        message: "more than 100 new entities in one file: add them to entities.csv first",
      }),
    );
  });

  it("refuses a file of more than 1,024 columns with one problem", async () => {
    const periods = Array.from({ length: 5000 }, (_, i) => `c${i}`);
    const problems = await problemsOf(
      await upload(`entity,metric,unit,${periods.join(",")}\nMSFT,capex,USD_m,${periods.map(() => "1").join(",")}\n`),
    );
    expect(problems).toEqual([
      expect.objectContaining({ line: 1, column: "header", message: "5,003 columns; a file may have at most 1024: split it by period" }),
    ]);
  });
});

describe("reads during a write", () => {
  it("are answered while a large upload is parsed, checked and written on the writer thread", async () => {
    const app = createApp({ store });
    const rows = Array.from({ length: 30_000 }, (_, i) => {
      const q = 1980 * 4 + (i % 480);
      return `WRITER${Math.floor(i / 480)},capex,${Math.floor(q / 4)}-Q${(q % 4) + 1},,${i + 1},USD_m,reported,x`;
    });
    let uploaded = false;
    const upload = Promise.resolve(
      app.request("/api/uploads?dryRun=true", {
        method: "POST",
        headers: { ...tokens.analyst, "Content-Type": "text/csv" },
        body: `entity,metric,period,period_end,value,unit,basis,source\n${rows.join("\n")}\n`,
      }),
    ).then((response) => {
      uploaded = true;
      return response;
    });
    let readsDuring = 0;
    while (!uploaded) {
      const health = await app.request("/api/health");
      expect(health.status).toBe(200);
      if (!uploaded) readsDuring++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const { status, body } = await json(await upload);
    expect(status).toBe(200);
    expect(body).toMatchObject({ problems: [], inserted: 30_000, dryRun: true });
    expect(readsDuring).toBeGreaterThan(3);
  });
});
