import { Hono } from "hono";
import type { Store } from "../db/client.ts";
import { getDataVersion } from "../services/getDataVersion.ts";
import { listObservations } from "../services/listObservations.ts";
import { observationQuery } from "./queries.ts";
import { validate } from "./validate.ts";

export const observationRoutes = (store: Store) =>
  new Hono().get("/", validate("query", observationQuery(store)), (c) => {
    const observations = listObservations(store, c.req.valid("query"));
    return c.json({ dataVersion: getDataVersion(store).version, count: observations.length, observations });
  });
