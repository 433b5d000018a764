// What the dashboard said then: GET /api/history (every version's verdict, each quarter's flag as
// first published and now), GET /api/changes (and .csv: what changed between two versions), and
// GET /feed.atom (one entry per version).
import { Hono } from "hono";
import type { Store } from "../db/client.ts";
import { CHANGES_PARAMETERS, querySchema } from "../domain/parameters.ts";
import { DEFAULT_THESIS_PARAMS } from "../domain/thesis.ts";
import { versionFeed } from "../domain/vintageTables.ts";
import { changesCsv, changesInTurn, historyInTurn } from "../services/getVintages.ts";
import { cachedResponse } from "./cachedResponse.ts";
import { validate } from "./validate.ts";

const changesQuery = querySchema(CHANGES_PARAMETERS);

export const historyRoutes = (store: Store) =>
  new Hono().get("/", validate("query", querySchema({})), async (c) =>
    cachedResponse(c, await historyInTurn(store, DEFAULT_THESIS_PARAMS)),
  );

export const changeRoutes = (store: Store) =>
  new Hono().get("/", validate("query", changesQuery), async (c) =>
    cachedResponse(c, await changesInTurn(store, DEFAULT_THESIS_PARAMS, c.req.valid("query"))),
  );

/** GET /api/export/changes.csv: the same figures as a file. */
export const changesCsvRoutes = (store: Store) =>
  new Hono().get("/", validate("query", changesQuery), async (c) => {
    const { fileName, body } = await changesCsv(store, DEFAULT_THESIS_PARAMS, c.req.valid("query"));
    return c.body(body, 200, {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${fileName}"`,
    });
  });

export const feedRoutes = (store: Store) =>
  new Hono().get("/", async (c) => {
    const { answer, etag } = await historyInTurn(store, DEFAULT_THESIS_PARAMS);
    c.header("ETag", etag);
    c.header("Cache-Control", "no-cache");
    if (
      c.req
        .header("If-None-Match")
        ?.split(/\s*,\s*/)
        .includes(etag)
    )
      return c.body(null, 304);
    const origin = new URL(c.req.url).origin;
    return c.body(versionFeed(answer, origin), 200, { "Content-Type": "application/atom+xml; charset=utf-8" });
  });
