import { Hono, type TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import type { Store } from "../db/client.ts";
import { type ThesisResult, thesisInTurn } from "../services/getThesis.ts";
import { thesisQuery } from "../services/parameterSchemas.ts";
import { validate } from "./validate.ts";

export const thesisRoutes = (store: Store) =>
  new Hono().get("/", validate("query", thesisQuery(store)), async (c) => {
    const cached = await thesisInTurn(store, c.req.valid("query"));
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
    // The cached bytes (compressed once, when asked for), typed as the JSON they are for the web's client.
    const response = gzip
      ? c.body(cached.gzip(), 200, { "Content-Type": "application/json", "Content-Encoding": "gzip" })
      : c.body(cached.json, 200, { "Content-Type": "application/json" });
    return response as unknown as TypedResponse<JSONParsed<ThesisResult>, 200, "json">;
  });
