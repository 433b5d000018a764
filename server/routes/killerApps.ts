import { Hono } from "hono";
import type { Store } from "../db/client.ts";
import { killerAppsInTurn } from "../services/getKillerApps.ts";
import { killerAppsAsOf } from "../services/getVintages.ts";
import { killerAppQuery } from "../services/parameterSchemas.ts";
import { cachedResponse } from "./cachedResponse.ts";
import { validate } from "./validate.ts";

export const killerAppRoutes = (store: Store) =>
  new Hono().get("/", validate("query", killerAppQuery(store)), async (c) => {
    const { params, asOf } = c.req.valid("query");
    return cachedResponse(c, await (asOf ? killerAppsAsOf(store, params, asOf) : killerAppsInTurn(store, params)));
  });
