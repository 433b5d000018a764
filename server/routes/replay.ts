// A repeated read of a cached answer (the thesis, observations, the killer-app watch, scenarios,
// history, the rendered page) is answered with the response first sent for it: the same bytes and
// every header the middleware added (security headers, ETag, Vary), kept per data version,
// address, encoding and origin in the store's answer cache. Building a response passes Hono's
// headers (undici's Headers) about twenty times; for a 34 KB answer that was two thirds of the
// time (issue 18). A read with If-None-Match, or any other method, goes the whole way.
import type { Context, MiddlewareHandler } from "hono";
import type { Store } from "../db/client.ts";
import { cacheOf } from "../services/cachedAnswer.ts";
import { getDataVersion } from "../services/getDataVersion.ts";

/** What a request's route declared the same for every read of its address at its data version. */
const replayableBodies = new WeakMap<Context, { body: Uint8Array<ArrayBuffer>; encoding: "gzip" | "identity" }>();

/** Whether the client takes gzip: the encoding a kept body is sent in, and a part of its replay's key. */
export const acceptsGzip = (c: Context) => /\bgzip\b/.test(c.req.header("Accept-Encoding") ?? "");

/**
 * A 200 of bytes kept as they were made (`gzipped` when the client takes it), declared the answer
 * to every GET of its address, encoding and origin until the data changes.
 */
export function keptBytes(c: Context, contentType: string, plain: Uint8Array<ArrayBuffer>, gzipped: () => Uint8Array<ArrayBuffer>) {
  const gzip = acceptsGzip(c);
  const body = gzip ? gzipped() : plain;
  replayableBodies.set(c, { body, encoding: gzip ? "gzip" : "identity" });
  return c.body(body, 200, gzip ? { "Content-Type": contentType, "Content-Encoding": "gzip" } : { "Content-Type": contentType });
}

interface Replay {
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer>;
  bytes(): number;
}

/** What a response may differ by: the address (not the host) and the headers answers vary with. */
function replayKey(c: Context, version: number): string {
  const { url } = c.req.raw;
  const query = url.indexOf("?");
  const address = c.req.path + (query === -1 ? "" : url.slice(query));
  return `replay|${version}|${acceptsGzip(c) ? "gzip" : "identity"}|${c.req.header("Origin") ?? ""}|${address}`;
}

/**
 * Replays kept responses; must come before every middleware that adds headers, since a replay
 * skips them all (what they added is in the kept headers). Not for reads that need a token: a
 * replay would skip the check.
 */
export function replayResponses(store: Store): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "GET" || c.req.header("If-None-Match") !== undefined) return next();
    const cache = cacheOf(store);
    const { version } = await getDataVersion(store);
    const key = replayKey(c, version);
    const kept = cache.get(key) as Replay | undefined;
    if (kept) return new Response(kept.body, { status: 200, headers: kept.headers });
    await next();
    const declared = replayableBodies.get(c);
    // The body as the route sent it (no middleware encoded it again), and no write committed
    // while it was made: then it is the answer at `version`.
    if (!declared || c.res.status !== 200 || (c.res.headers.get("Content-Encoding") ?? "identity") !== declared.encoding) return;
    if ((await getDataVersion(store)).version !== version) return;
    const { body } = declared;
    const headers = Object.fromEntries(c.res.headers);
    const replay: Replay = { headers, body, bytes: () => body.byteLength + key.length + 512 };
    cache.set(key, replay);
  };
}
