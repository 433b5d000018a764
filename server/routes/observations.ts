import { Hono } from "hono";
import { z } from "zod";
import type { Store } from "../db/client.ts";
import { getDataVersion } from "../services/getDataVersion.ts";
import { listObservations } from "../services/listObservations.ts";
import { loadCatalog } from "../services/loadCatalog.ts";
import { idListParam, quarterParam, quarterRangeInOrder, validate } from "./validate.ts";

export const observationRoutes = (store: Store) => {
  const query = z
    .object({
      entity: idListParam(() => loadCatalog(store).entities, "entity").optional(),
      metric: idListParam(() => loadCatalog(store).metrics, "metric").optional(),
      from: quarterParam.optional(),
      to: quarterParam.optional(),
    })
    .strict()
    .refine(quarterRangeInOrder, { path: ["to"], message: "must not be before from" });

  return new Hono().get("/", validate("query", query), (c) => {
    const { entity, metric, from, to } = c.req.valid("query");
    const observations = listObservations(store, { entities: entity, metrics: metric, from, to });
    return c.json({ dataVersion: getDataVersion(store).version, count: observations.length, observations });
  });
};
