// Property-based uploads: thousands of generated and mutated CSV files (random bytes, broken
// quoting, wrong types, huge fields, wrong encodings, formula strings) sent to POST /api/uploads
// with an analyst token. Whatever arrives, the answer is a report (200), a rejection (422) whose
// every problem names a line of the file and a column, or, for a body over the upload limit, 413;
// never a 5xx. A rejection, like a dry run, leaves every row of every table as it was.
//
// Seeded (FUZZ_SEED replays another seed) and bounded: RUNS inputs, and TIME_LIMIT_MS for the runs
// and any shrinking of a failure together.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../../server/app.ts";
import { decodeUtf8 } from "../../../server/csv/readCsv.ts";
import { importObservations } from "../../../server/services/importObservations.ts";
import { testSeed } from "../../helpers/seed.ts";
import { bearerTokens, checksumRows, fixture, type TempStore, tempStore } from "../../helpers/store.ts";

const SEED = testSeed(1313);
const RUNS = 2_000;
/**
 * 11 to 15 s on an idle two-core machine, 52 to 77 s in CI beside another test file (vitest runs two
 * at once): over twice that is a hang or a handler grown slow, not load.
 */
const TIME_LIMIT_MS = 180_000;
/**
 * The app's UPLOAD_MAX_BYTES for this test: below the largest generated files (a few huge fields,
 * a line duplicated, UTF-16), so both sides of the limit are reached every run, and cheaply.
 */
const MAX_BYTES = 1024 * 1024;

const ENTITIES = ["MSFT", "AMZN", "NVDA", "OPENAI", "SPOT", "NEWCO", "msft"];
const METRICS = ["capex", "revenue", "datacenter_revenue", "ai_revenue_run_rate", "new_metric"];
const UNITS = ["USD_m", "EUR_m", "USD_m_annualized", "users_m", "USD"];
const BASES = ["reported", "derived", "restated", "estimate", "run_rate", ""];

/** Cells a spreadsheet or an attacker might put anywhere. */
const strangeCell = fc.oneof(
  fc.constantFrom(
    '=HYPERLINK("https://evil.example","click")',
    "=cmd|' /C calc'!A0",
    "+1+2",
    "-3-4",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
    "NaN",
    "Infinity",
    "1e309",
    "-0",
    "0x1F",
    "1,23",
    "1.234,5",
    "$12",
    "12%",
    "(12)",
    "١٢٣",
    "12\u00a0000",
    '"',
    '""',
    "\u0000",
    "\uFEFF",
    "\uFFFD",
    "'; drop table observations; --",
    "../../etc/passwd",
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.double().map(String),
  fc.integer({ min: 10_000, max: 150_000 }).map((length) => "9".repeat(length)),
  fc.integer({ min: 10_000, max: 150_000 }).map((length) => "x".repeat(length)),
);

const period = fc.oneof(
  fc.tuple(fc.integer({ min: 1975, max: 2105 }), fc.integer({ min: 0, max: 5 })).map(([year, quarter]) => `${year}-Q${quarter}`),
  fc.integer({ min: 1975, max: 2105 }).map((year) => `${year}-FY`),
);
const date = fc
  .tuple(fc.integer({ min: 1975, max: 2105 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
const value = fc.oneof(fc.integer({ min: -1e6, max: 1e9 }).map(String), fc.double({ noNaN: true, noDefaultInfinity: true }).map(String));

/** Mostly plausible cells, sometimes strange ones. */
const cell = (plausible: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 6, arbitrary: plausible }, { weight: 1, arbitrary: fc.constant("") }, { weight: 1, arbitrary: strangeCell });

const LONG_HEADER = ["entity", "metric", "period", "period_end", "fiscal_label", "value", "unit", "basis", "source", "note"];
const longRow = fc.tuple(
  cell(fc.constantFrom(...ENTITIES)),
  cell(fc.constantFrom(...METRICS)),
  cell(period),
  cell(date),
  cell(fc.constantFrom("FY2026 Q1", "Q1 2025")),
  cell(value),
  cell(fc.constantFrom(...UNITS)),
  cell(fc.constantFrom(...BASES)),
  cell(fc.constantFrom("https://example.com/10-q", "")),
  cell(fc.string({ maxLength: 40 })),
);

/** Valid rows: known entity and metric, a quarter, a number in the metric's unit, each observation once. */
const validRows = fc
  .uniqueArray(
    fc.tuple(
      fc.constantFrom("MSFT", "AMZN", "NVDA"),
      fc.constantFrom("capex", "revenue"),
      fc.integer({ min: 1990, max: 2030 }),
      fc.integer({ min: 1, max: 4 }),
    ),
    { minLength: 1, maxLength: 12, selector: ([entity, metric, year, quarter]) => `${entity} ${metric} ${year} ${quarter}` },
  )
  .chain((keys) =>
    fc.tuple(
      ...keys.map((key) =>
        value.map((v) => [key[0], key[1], `${key[2]}-Q${key[3]}`, v.replace(/e.*/, ""), "USD_m", "reported", "https://example.com/10-q"]),
      ),
    ),
  );

/** A valid long table, the long layout with any cells, or the wide one (one column per period). */
const table = fc.oneof(
  validRows.map((rows) => ({ header: ["entity", "metric", "period", "value", "unit", "basis", "source"], rows })),
  fc
    .record({ header: fc.shuffledSubarray(LONG_HEADER, { minLength: 1 }), rows: fc.array(longRow, { maxLength: 12 }) })
    .map(({ header, rows }) => ({
      header,
      rows: rows.map((row) => header.map((name) => row[LONG_HEADER.indexOf(name)]!)),
    })),
  fc
    .record({
      periods: fc.uniqueArray(period, { minLength: 1, maxLength: 4 }),
      rows: fc.array(fc.tuple(longRow, fc.array(cell(value), { minLength: 4, maxLength: 4 })), { maxLength: 8 }),
    })
    .map(({ periods, rows }) => ({
      header: ["entity", "metric", "unit", "basis", "source", "note", ...periods],
      rows: rows.map(([row, values]) => [row[0], row[1], row[6], row[7], row[8], row[9], ...values.slice(0, periods.length)]),
    })),
);

/**
 * How a cell is written: quoted where RFC 4180 needs it, always quoted, left bare (its delimiters
 * and quotes then break the row), or opened with a quote that never closes.
 */
const quoting = fc.oneof(
  { weight: 6, arbitrary: fc.constant("minimal") },
  { weight: 2, arbitrary: fc.constant("always") },
  { weight: 1, arbitrary: fc.constant("bare") },
  { weight: 1, arbitrary: fc.constant("unterminated") },
);
function quote(text: string, style: string, delimiter: string): string {
  const needed = text.includes(delimiter) || /["\r\n]/.test(text);
  if (style === "always" || (style === "minimal" && needed)) return `"${text.replaceAll('"', '""')}"`;
  return style === "unterminated" ? `"${text}` : text;
}

const csvText = fc
  .record({
    table,
    delimiter: fc.constantFrom(",", ";", "\t"),
    newline: fc.constantFrom("\n", "\r\n", "\r"),
    bom: fc.boolean(),
    quoting: fc.array(quoting, { minLength: 1, maxLength: 8 }),
  })
  .map(({ table, delimiter, newline, bom, quoting }) => {
    let n = 0;
    const line = (cells: string[]) => cells.map((text) => quote(text, quoting[n++ % quoting.length]!, delimiter)).join(delimiter);
    return `${bom ? "\uFEFF" : ""}${[table.header, ...table.rows].map(line).join(newline)}${newline}`;
  });

/** The text in an encoding a spreadsheet might have chosen instead of UTF-8. */
const encoded = fc.tuple(csvText, fc.constantFrom("utf8", "utf8", "utf8", "utf16le", "latin1", "utf16be")).map(([text, encoding]) => {
  if (encoding !== "utf16be") return new Uint8Array(Buffer.from(text, encoding as BufferEncoding));
  return new Uint8Array(Buffer.from(text, "utf16le").swap16());
});

/** Byte-level damage: cut, spliced in, overwritten, truncated, a line doubled. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }) }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.constantFrom(...['"', ",", ";", "\n", "\r", "\t", '""', "\u00e9", "\u20ac"].map((s) => new Uint8Array(Buffer.from(s)))),
  }),
  fc.record({ kind: fc.constant("overwrite" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = Buffer.from(bytes);
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    if (m.kind === "delete") out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
    if (m.kind === "insert") out = Buffer.concat([out.subarray(0, at), m.bytes, out.subarray(at)]);
    if (m.kind === "overwrite" && at < out.length) out[at] = m.byte;
    if (m.kind === "truncate") out = out.subarray(0, at);
    if (m.kind === "duplicate") {
      const start = out.lastIndexOf(10, at) + 1;
      const end = out.indexOf(10, at);
      const line = out.subarray(start, end < 0 ? out.length : end + 1);
      out = Buffer.concat([out.subarray(0, start), line, out.subarray(start)]);
    }
  }
  return new Uint8Array(out);
}

const upload = fc.record({
  bytes: fc.oneof(
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4096 }) },
    { weight: 3, arbitrary: fc.tuple(encoded, fc.array(mutation, { maxLength: 4 })).map(([bytes, mutations]) => mutate(bytes, mutations)) },
  ),
  multipart: fc.boolean(),
  dryRun: fc.boolean(),
});

let store: TempStore;
let app: ReturnType<typeof createApp>;
let analyst: Record<string, string>;
beforeAll(async () => {
  store = await tempStore("fixture-catalog");
  analyst = (await bearerTokens(store)).analyst;
  // History to protect: an upload with revisions.
  await importObservations(store, [fixture("good.csv")], { tokenName: "test" });
  app = createApp({ store, uploadMaxBytes: MAX_BYTES });
});
afterAll(() => store.close());

/** The request body as sent: the bytes themselves, or a form around them (encoded here, so its size is known). */
async function requestBody({ bytes, multipart }: { bytes: Uint8Array; multipart: boolean }) {
  if (!multipart) return { body: bytes, type: "text/csv" };
  const form = new FormData();
  form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], "fuzz.csv", { type: "text/csv" }));
  const encoded = new Response(form);
  return { body: new Uint8Array(await encoded.arrayBuffer()), type: encoded.headers.get("Content-Type")! };
}

interface Problem {
  file: string;
  line: number;
  column: string;
  message: string;
}

describe("POST /api/uploads with generated and mutated files", () => {
  it(
    `answers ${RUNS} of them with a report, a located rejection or a 413, and a rejection writes nothing`,
    async () => {
      const serverErrors = vi.spyOn(console, "error");
      const outcomes = new Map<string, number>();
      const property = fc.asyncProperty(upload, async (input) => {
        const before = await checksumRows(store);
        const { body: sent, type } = await requestBody(input);
        const response = await app.request(`/api/uploads?${input.dryRun ? "dryRun=true&" : ""}name=fuzz.csv`, {
          method: "POST",
          headers: { ...analyst, "Content-Type": type },
          body: sent as Uint8Array<ArrayBuffer>,
        });
        const body = (await response.json()) as { committed?: boolean; problems?: Problem[]; error?: { code: string; details: Problem[] } };
        const outcome = `${response.status}${body.committed ? " committed" : response.status === 200 ? ` dry run, ${body.problems!.length ? "problems" : "valid"}` : ""}`;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (sent.length > MAX_BYTES) {
          // Refused before it is read: the one error shape, and nothing written.
          expect(response.status).toBe(413);
          expect(body).toEqual({
            error: { code: "payload_too_large", message: expect.stringContaining(`${MAX_BYTES} bytes`), details: null },
          });
          expect(await checksumRows(store)).toBe(before);
          return;
        }
        expect([200, 422]).toContain(response.status);
        if (response.status === 200 && body.committed) return;
        // A rejection, or a dry run: nothing written.
        expect(await checksumRows(store)).toBe(before);
        const problems = response.status === 422 ? body.error!.details : body.problems!;
        if (response.status === 422) expect(problems.length).toBeGreaterThan(0);
        const text = decodeUtf8(input.bytes);
        // LF, CRLF or a lone CR (old Mac files) ends a line.
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const problem of problems) {
          expect(problem.file).toBe("fuzz.csv");
          expect(Number.isInteger(problem.line) && problem.line >= 1 && problem.line <= lines, JSON.stringify(problem)).toBe(true);
          expect(problem.column, JSON.stringify(problem)).toMatch(/\S/);
          expect(problem.message).toMatch(/\S/);
        }
      });
      try {
        // The time limit stops shrinking too; an interrupted run fails rather than passing on fewer inputs.
        await fc.assert(property, {
          seed: SEED,
          numRuns: RUNS,
          plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_MS, { failOnInterrupt: true })],
        });
      } catch (error) {
        // fast-check's report (seed, path, counterexample) without a megabyte counterexample in full; its cause is the failed expectation.
        const { message, cause } = error as Error;
        const report = message.length > 4000 ? `${message.slice(0, 4000)}... (${message.length} characters)` : message;
        throw new Error(`upload fuzz failed with seed ${SEED} (FUZZ_SEED=${SEED} replays it)\n${report}`, { cause });
      }
      expect(serverErrors).not.toHaveBeenCalled();
      console.info(`upload fuzz (seed ${SEED}): ${RUNS} files, ${JSON.stringify(Object.fromEntries(outcomes))}`);
      // Every kind of answer was reached, or the generators have drifted away from one of them.
      expect([...outcomes.keys()].sort()).toEqual(["200 committed", "200 dry run, problems", "200 dry run, valid", "413", "422"]);
    },
    TIME_LIMIT_MS + 30_000,
  );
});
