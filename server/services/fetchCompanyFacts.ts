// Fetches companyfacts responses from SEC EDGAR under its fair-access rules
// (https://www.sec.gov/os/accessing-edgar-data): a User-Agent naming the caller with a contact
// e-mail (SEC refuses requests without one), at most 10 requests per second, and patience when it
// says to slow down (429) or fails (5xx). No network is said plainly, not as a stack trace.
import { setTimeout as sleep } from "node:timers/promises";
import { companyFactsPath } from "../domain/sec/companies.ts";
import { MAX_COMPANY_FACTS_BYTES } from "../domain/sec/companyFacts.ts";

export const SEC_API_ORIGIN = "https://data.sec.gov";

export interface FetchOptions {
  /** "Name email@example.com": SEC's fair-access rules require a name and a contact. */
  userAgent: string;
  /** https://data.sec.gov, or a local server in tests. */
  origin?: string;
  timeoutMs?: number;
  /** Between one answer and the next request: 110 ms keeps under 10 a second. */
  intervalMs?: number;
  /** Attempts per response, the first included. */
  attempts?: number;
  /** The wait before the first retry, doubled for each next one, when the server gives no Retry-After. */
  backoffMs?: number;
}

export class SecFetchError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A User-Agent SEC accepts: printable ASCII, bounded, an e-mail address and a name beside it. */
export function isSecUserAgent(userAgent: string): boolean {
  const email = /[^\s@]+@[^\s@]+\.[^\s@]+/.exec(userAgent);
  return /^[\x20-\x7e]{1,200}$/.test(userAgent) && email !== null && /[A-Za-z]{2}/.test(userAgent.replace(email[0], ""));
}

export const USER_AGENT_HINT = 'name yourself and give a contact e-mail, such as "Jane Analyst jane@example.com"';

/** Retry-After is capped: a server asking for an hour is an outage, not a rate limit. */
const MAX_RETRY_AFTER_MS = 60_000;

/** One fetcher per run, so the request rate holds across all the companies it fetches. */
export function companyFactsFetcher(options: FetchOptions) {
  const { userAgent, origin = SEC_API_ORIGIN, timeoutMs = 30_000, intervalMs = 110, attempts = 4, backoffMs = 1000 } = options;
  if (!isSecUserAgent(userAgent)) throw new SecFetchError(`the User-Agent must ${USER_AGENT_HINT}`);
  // Requests go one at a time, each starting intervalMs after the previous one's answer came
  // back: then SEC sees them at least that far apart too, however long each took to arrive.
  let previous: Promise<unknown> = Promise.resolve();
  let nextStart = 0;
  const inTurn = <T>(request: () => Promise<T>): Promise<T> => {
    const run = previous.then(async () => {
      const wait = nextStart - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        return await request();
      } finally {
        nextStart = Date.now() + intervalMs;
      }
    });
    previous = run.catch(() => undefined);
    return run;
  };

  return async function fetchCompanyFacts(cik: number): Promise<{ url: string; text: string }> {
    const url = `${origin}${companyFactsPath(cik)}`;
    for (let attempt = 1; ; attempt++) {
      const answer = await inTurn(() => get(url, userAgent, timeoutMs));
      if ("text" in answer) return { url, text: answer.text };
      const { response } = answer;
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable || attempt >= attempts) throw refused(url, response.status, attempt);
      await sleep(retryDelay(response.headers.get("retry-after"), backoffMs * 2 ** (attempt - 1)));
    }
  };
}

/** The body of a 200, or the response of any other status with its body let go. */
async function get(url: string, userAgent: string, timeoutMs: number): Promise<{ text: string } | { response: Response }> {
  try {
    // The timeout covers reading the body too: a server that stalls mid-response is no answer.
    const response = await fetch(url, {
      headers: { "User-Agent": userAgent, Accept: "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.ok) return { text: await boundedText(url, response) };
    await response.body?.cancel();
    return { response };
  } catch (error) {
    throw error instanceof SecFetchError ? error : unreachable(url, error, timeoutMs);
  }
}

function retryDelay(retryAfter: string | null, backoff: number): number {
  const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : backoff;
}

function unreachable(url: string, error: unknown, timeoutMs: number): SecFetchError {
  const cause = (error as { cause?: { code?: string } }).cause;
  if ((error as Error).name === "TimeoutError")
    return new SecFetchError(`${url}: no answer within ${timeoutMs / 1000} s`, { cause: error });
  const code = cause?.code ?? (error as Error).message;
  return new SecFetchError(`cannot reach ${new URL(url).host} (${code}): no network? Give recorded responses with --file instead`, {
    cause: error,
  });
}

function refused(url: string, status: number, attempts: number): SecFetchError {
  const why =
    status === 403
      ? ": SEC refuses requests whose User-Agent does not name the caller with an e-mail, or that come faster than 10 a second"
      : status === 404
        ? ": SEC has no companyfacts for this CIK"
        : attempts > 1
          ? ` after ${attempts} attempts`
          : "";
  return new SecFetchError(`${url}: HTTP ${status}${why}`);
}

/** The body as text, refusing one larger than a companyfacts response can be. */
async function boundedText(url: string, response: Response): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    // Leaving the loop by throwing cancels the stream.
    if (size > MAX_COMPANY_FACTS_BYTES) {
      throw new SecFetchError(`${url}: the response is larger than ${MAX_COMPANY_FACTS_BYTES / 1024 / 1024} MB`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
