// A cached answer over HTTP: its ETag, 304 for a client that has it, else its bytes, gzip when
// asked for, typed as the JSON they are for the web's client.
import type { Context, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import type { JsonAnswer } from "../services/jsonAnswer.ts";

export function sendAnswer<T>(c: Context, cached: JsonAnswer) {
  const { etag } = cached;
  c.header("ETag", etag);
  c.header("Cache-Control", "no-cache");
  if (
    c.req
      .header("If-None-Match")
      ?.split(/\s*,\s*/)
      .includes(etag)
  )
    return c.body(null, 304);
  c.header("Vary", "Accept-Encoding");
  const gzip = /\bgzip\b/.test(c.req.header("Accept-Encoding") ?? "");
  const response = gzip
    ? c.body(cached.gzip(), 200, { "Content-Type": "application/json", "Content-Encoding": "gzip" })
    : c.body(cached.json, 200, { "Content-Type": "application/json" });
  return response as unknown as TypedResponse<JSONParsed<T>, 200, "json">;
}
