// A cached answer as a response: its ETag (304 when the client has it), no-cache so every use is
// revalidated, and its bytes as they were serialized, gzip-compressed when the client takes it.
import type { Context, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import type { CachedAnswer } from "../services/cachedAnswer.ts";
import { replayable } from "./replay.ts";

/** Whether the request's If-None-Match names `etag`: the client has this answer. */
export const clientHas = (c: Context, etag: string) => (c.req.header("If-None-Match")?.split(/\s*,\s*/) ?? []).includes(etag);

export function cachedResponse<T>(c: Context, cached: CachedAnswer<T>) {
  const { etag } = cached;
  c.header("ETag", etag);
  c.header("Cache-Control", "no-cache");
  if (clientHas(c, etag)) return c.body(null, 304);
  c.header("Vary", "Accept-Encoding");
  const gzip = /\bgzip\b/.test(c.req.header("Accept-Encoding") ?? "");
  const body = gzip ? cached.gzip() : cached.json;
  replayable(c, body, gzip ? "gzip" : "identity");
  const response = c.body(
    body,
    200,
    gzip ? { "Content-Type": "application/json", "Content-Encoding": "gzip" } : { "Content-Type": "application/json" },
  );
  // Typed as the JSON it is, for the web's client.
  return response as unknown as TypedResponse<JSONParsed<CachedAnswer<T>["answer"]>, 200, "json">;
}
