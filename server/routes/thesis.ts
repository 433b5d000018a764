import { Hono } from "hono";
import { z } from "zod";
import { DEFAULT_THESIS_PARAMS, type ThesisParams } from "../domain/thesis.ts";
import type { Store } from "../db/client.ts";
import { getThesis } from "../services/getThesis.ts";
import { loadCatalog } from "../services/loadCatalog.ts";
import { idListParam, quarterParam, quarterRangeInOrder, validate } from "./validate.ts";

export const thesisRoutes = (store: Store) => {
  const entities = () => loadCatalog(store).entities;
  const query = z
    .object({
      companies: idListParam(entities, "entity").optional(),
      aiRevenue: idListParam(entities, "entity").optional(),
      from: quarterParam.optional(),
      to: quarterParam.optional(),
      carryForwardDays: z.coerce.number().int("expected a whole number of days").min(0).max(3660).optional(),
      lookback: z.coerce.number().int("expected a whole number of quarters").min(1).max(40).optional(),
      gpuShare: z.coerce.number().gt(0).max(1).optional(),
      margin: z.coerce.number().min(0).lt(1).optional(),
    })
    .strict()
    .refine(quarterRangeInOrder, { path: ["to"], message: "must not be before from" });

  return new Hono().get("/", validate("query", query), (c) => {
    const input = c.req.valid("query");
    const params: ThesisParams = {
      ...DEFAULT_THESIS_PARAMS,
      ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
    };
    const { etag, thesis } = getThesis(store, params);
    c.header("ETag", etag);
    c.header("Cache-Control", "no-cache");
    if (c.req.header("If-None-Match")?.split(/\s*,\s*/).includes(etag)) return c.body(null, 304);
    return c.json(thesis, 200);
  });
};
