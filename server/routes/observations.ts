import { Hono } from "hono";
import { z } from "zod";
import type { Store } from "../db/client.ts";
import { ID_PATTERN } from "../domain/catalog.ts";
import { getObservationHistory } from "../services/getObservationHistory.ts";
import { observationsAsOf } from "../services/getVintages.ts";
import { observationsInTurn } from "../services/listObservations.ts";
import { observationQuery } from "../services/parameterSchemas.ts";
import { cachedResponse } from "./cachedResponse.ts";
import { validate } from "./validate.ts";

export const observationRoutes = (store: Store) => {
  // Ids are not checked against the catalog: a reverted upload's new entity is gone from it, its history is not.
  const historyQuery = z
    .object({
      entity: z.string().regex(ID_PATTERN, "expected an entity id"),
      metric: z.string().regex(ID_PATTERN, "expected a metric id"),
      period: z.string().regex(/^\d{4}-(Q[1-4]|FY)$/, "expected a period as YYYY-Qn or YYYY-FY"),
    })
    .strict();

  return new Hono()
    .get("/", validate("query", observationQuery(store)), async (c) => {
      const { filter, asOf } = c.req.valid("query");
      return cachedResponse(c, await (asOf ? observationsAsOf(store, filter, asOf) : observationsInTurn(store, filter)));
    })
    .get("/history", validate("query", historyQuery), (c) => c.json(getObservationHistory(store, c.req.valid("query")), 200));
};
