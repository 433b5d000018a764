import { Hono } from "hono";
import type { Store } from "../db/client.ts";
import { scenariosInTurn } from "../services/getScenarios.ts";
import { scenariosAsOf } from "../services/getVintages.ts";
import { scenarioQuery } from "../services/parameterSchemas.ts";
import { cachedResponse } from "./cachedResponse.ts";
import { validate } from "./validate.ts";

export const scenarioRoutes = (store: Store) =>
  new Hono().get("/", validate("query", scenarioQuery(store)), async (c) => {
    const { params, asOf } = c.req.valid("query");
    return cachedResponse(c, await (asOf ? scenariosAsOf(store, params, asOf) : scenariosInTurn(store, params)));
  });
