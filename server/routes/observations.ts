import { Hono } from "hono";
import { z } from "zod";
import type { Store } from "../db/client.ts";
import { getDataVersion } from "../services/getDataVersion.ts";
import { listObservations } from "../services/listObservations.ts";
import { loadCatalog } from "../services/loadCatalog.ts";
import { validate } from "./validate.ts";

const QUARTER = /^\d{4}-Q[1-4]$/;

/** `a,b` or repeated parameters -> list of ids, each checked against the catalog. */
const idList = (known: () => Set<string>, what: string) =>
  z
    .string()
    .transform((text) => text.split(",").map((id) => id.trim()).filter(Boolean))
    .superRefine((ids, ctx) => {
      const unknown = ids.filter((id) => !known().has(id));
      if (unknown.length > 0) ctx.addIssue({ code: "custom", message: `unknown ${what}: ${unknown.join(", ")}` });
    })
    .optional();

export const observationRoutes = (store: Store) => {
  const query = z
    .object({
      entity: idList(() => new Set(loadCatalog(store).entities.keys()), "entity"),
      metric: idList(() => new Set(loadCatalog(store).metrics.keys()), "metric"),
      from: z.string().regex(QUARTER, "expected a quarter as YYYY-Qn").optional(),
      to: z.string().regex(QUARTER, "expected a quarter as YYYY-Qn").optional(),
    })
    .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "must not be before from" });

  return new Hono().get("/", validate("query", query), (c) => {
    const { entity, metric, from, to } = c.req.valid("query");
    const observations = listObservations(store, { entities: entity, metrics: metric, from, to });
    return c.json({ dataVersion: getDataVersion(store).version, count: observations.length, observations });
  });
};
