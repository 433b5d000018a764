// The tests: every suite against SQLite (project `sqlite`), and the store, service, API and upload
// suites, the CLIs' and the PostgreSQL-only ones (tests/postgres) again against a real PostgreSQL
// server (project `postgres`). When that server cannot be reached the `postgres` project is left
// out, saying why; with REQUIRE_POSTGRES=1 (as .ci/run sets) that is a failure instead.
import pg from "pg";
import { defineConfig, mergeConfig } from "vitest/config";
import { DEFAULT_TEST_DATABASE_URL } from "./tests/helpers/postgresUrl.ts";
import viteConfig from "./vite.config.ts";

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;

/** The suites run against PostgreSQL too. */
const POSTGRES_SUITES = [
  "tests/server/api/**/*.test.ts",
  "tests/server/services/{figureLedger,importObservations,importSecFacts,revertUpload,verifyToken}.test.ts",
  "tests/scripts/{import,token,export}.test.ts",
  "tests/e2e/{dashboard,concurrentReaders,shutdown}.test.ts",
  "tests/postgres/**/*.test.ts",
];

/** Why PostgreSQL cannot be used for tests, or null when it can. */
async function postgresUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Vitest evaluates this file more than once in one run: the server is asked, and the answer told, once. */
const probe = globalThis as { capexPostgresProbe?: Promise<string | null> };

async function probePostgres(): Promise<string | null> {
  const unavailable = await postgresUnavailable();
  const where = new URL(TEST_DATABASE_URL);
  if (where.password) where.password = "***";
  if (unavailable && process.env.REQUIRE_POSTGRES === "1") {
    throw new Error(`REQUIRE_POSTGRES=1, but PostgreSQL at ${where} (TEST_DATABASE_URL) cannot be reached: ${unavailable}`);
  }
  const why = unavailable && `${where} (TEST_DATABASE_URL) cannot be reached: ${unavailable}`;
  if (why) console.warn(skipNotice(why));
  return why;
}

/** What a run without PostgreSQL says, before its tests and again under its summary. */
const skipNotice = (why: string) =>
  `\nSkipped the PostgreSQL suites: ${why}.\n` +
  "Start PostgreSQL and create the test role (see README, Development), or set TEST_DATABASE_URL; .ci/run does both.\n";

export default defineConfig(async () => {
  probe.capexPostgresProbe ??= probePostgres();
  const unavailable = await probe.capexPostgresProbe;
  return mergeConfig(viteConfig, {
    test: {
      root: ".",
      // Two files at once even on two cores (vitest's default there is one): most suites wait on
      // servers, browsers and PostgreSQL in other processes. Measured on two cores: 708 s to 481 s.
      maxWorkers: 2,
      // A browser test of many steps took 13 to 16 s beside another file in CI: room for load, a hang still ends.
      testTimeout: 60_000,
      hookTimeout: 60_000,
      reporters: [
        "default",
        ["json", { outputFile: "var/test-report.json" }],
        // The default reporter's summary is the last thing a reader sees: the skip is said under it.
        ...(unavailable ? [{ onTestRunEnd: () => console.warn(skipNotice(unavailable)) }] : []),
      ],
      projects: [
        { extends: true, test: { name: "sqlite", include: ["tests/**/*.test.ts"], exclude: ["tests/postgres/**"] } },
        ...(unavailable
          ? []
          : [
              {
                extends: true,
                test: {
                  name: "postgres",
                  include: POSTGRES_SUITES,
                  env: { TEST_DATABASE: "postgres", TEST_DATABASE_URL },
                  globalSetup: ["tests/helpers/postgresSetup.ts"],
                },
              },
            ]),
      ],
    },
  });
});
