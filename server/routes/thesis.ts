import { Hono } from "hono";
import type { Store } from "../db/client.ts";
import { getThesis } from "../services/getThesis.ts";
import { thesisQuery } from "./queries.ts";
import { validate } from "./validate.ts";

export const thesisRoutes = (store: Store) =>
  new Hono().get("/", validate("query", thesisQuery(store)), (c) => {
    const { etag, thesis } = getThesis(store, c.req.valid("query"));
    c.header("ETag", etag);
    c.header("Cache-Control", "no-cache");
    if (c.req.header("If-None-Match")?.split(/\s*,\s*/).includes(etag)) return c.body(null, 304);
    return c.json(thesis, 200);
  });
