// The environment, read once and checked, failing with a list of everything that is wrong.
import { isIP } from "node:net";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DEFAULT_AUTH_FAILURE_LIMIT } from "./routes/authFailures.ts";
import { SEC_API_ORIGIN } from "./services/fetchCompanyFacts.ts";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));

export const DEFAULT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    HOST: z.string().min(1).default("0.0.0.0"),
    DATABASE_PATH: z.string().min(1).default("./var/capex.db"),
    /** A PostgreSQL database (postgres://user:password@host:port/name): used instead of DATABASE_PATH when set. */
    DATABASE_URL: z.preprocess(
      (text) => (text === "" ? undefined : text),
      z
        .string()
        .refine((text) => /^postgres(ql)?:\/\//.test(text) && URL.canParse(text), {
          error: "expected a PostgreSQL URL such as postgres://user:password@host:5432/capex",
        })
        .optional(),
    ),
    DATA_DIR: z.string().min(1).default(`${projectRoot}data`),
    STATIC_DIR: z.string().min(1).default(`${projectRoot}web/dist`),
    READ_REQUIRES_TOKEN: z
      .enum(["true", "false"], { error: "expected true or false" })
      .default("false")
      .transform((text) => text === "true"),
    UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(DEFAULT_UPLOAD_MAX_BYTES),
    /** Origins (scheme://host[:port]) whose pages may call the API from a browser; none by default. */
    CORS_ORIGINS: z
      .string()
      .default("")
      .transform((text) =>
        text
          .split(",")
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.string().refine(isOrigin, { error: (issue) => `expected an origin such as https://example.com, not ${String(issue.input)}` }),
        ),
      ),
    AUTH_FAILURE_LIMIT: z.coerce.number().int().positive().default(DEFAULT_AUTH_FAILURE_LIMIT.limit),
    AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().positive().default(DEFAULT_AUTH_FAILURE_LIMIT.windowSeconds),
    /** Addresses of reverse proxies whose X-Forwarded-For names the client; none by default. */
    TRUST_PROXY: z
      .string()
      .default("")
      .transform((text) =>
        text
          .split(",")
          .map((address) => address.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.string().refine((address) => isIP(address) !== 0, { error: (issue) => `expected an IP address, not ${String(issue.input)}` }),
        ),
      ),
    /** A client must send its request headers within this (slow-loris). */
    HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
    /** ... and its whole request, body included, within this. */
    REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
    /** An idle keep-alive connection is closed after this. */
    KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(5),
    /** Open connections beyond this are refused, so file descriptors last. */
    MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(1000),
    /** Open connections one client address may hold (trusted proxies excepted): one client cannot take them all. */
    MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(64),
    /** How long a stopping server waits for the requests in flight before it exits anyway. */
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
    /** The bytes the caches of computed answers (thesis, exports) may hold together. */
    CACHE_MAX_MB: z.coerce.number().int().min(1).max(4096).default(64),
    /** Where `npm run sec` fetches companyfacts: SEC's API, or a mirror (a local server in tests). */
    SEC_API_ORIGIN: z
      .string()
      .refine((text) => isOrigin(text) && /^https?:/.test(text), { error: "expected an origin such as https://data.sec.gov" })
      .default(SEC_API_ORIGIN),
  })
  // Node refuses a headers deadline after the request's.
  .refine((env) => env.HEADERS_TIMEOUT_SECONDS <= env.REQUEST_TIMEOUT_SECONDS, {
    path: ["HEADERS_TIMEOUT_SECONDS"],
    message: "must not be more than REQUEST_TIMEOUT_SECONDS",
  });

/** An origin as browsers send it: scheme, host and port only, no path or trailing slash. */
function isOrigin(text: string): boolean {
  return URL.canParse(text) && new URL(text).origin === text;
}

export type Config = z.infer<typeof envSchema>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
