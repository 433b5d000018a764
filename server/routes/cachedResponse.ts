// A cached answer as a response: its ETag (304 when the client has it), no-cache so every use is
// revalidated, and its bytes as they were serialized, gzip-compressed when the client takes it.
import type { Context, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import type { CachedAnswer } from "../services/cachedAnswer.ts";
import { keptBytes } from "./replay.ts";

/** Whether the request's If-None-Match names `etag`: the client has this answer. */
export const clientHas = (c: Context, etag: string) => (c.req.header("If-None-Match")?.split(/\s*,\s*/) ?? []).includes(etag);

export function cachedResponse<T>(c: Context, cached: CachedAnswer<T>) {
  const { etag } = cached;
  c.header("ETag", etag);
  c.header("Cache-Control", "no-cache");
  if (clientHas(c, etag)) return c.body(null, 304);
  c.header("Vary", "Accept-Encoding");
  const response = keptBytes(c, "application/json", cached.json, () => cached.gzip());
  // Typed as the JSON it is, for the web's client.
  return response as unknown as TypedResponse<JSONParsed<CachedAnswer<T>["answer"]>, 200, "json">;
}
