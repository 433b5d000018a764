import { Hono } from "hono";
import type { Store } from "../db/client.ts";
import { thesisInTurn } from "../services/getThesis.ts";
import { thesisAsOf } from "../services/getVintages.ts";
import { thesisQuery } from "../services/parameterSchemas.ts";
import { cachedResponse } from "./cachedResponse.ts";
import { validate } from "./validate.ts";

export const thesisRoutes = (store: Store) =>
  new Hono().get("/", validate("query", thesisQuery(store)), async (c) => {
    const { params, asOf } = c.req.valid("query");
    return cachedResponse(c, await (asOf ? thesisAsOf(store, params, asOf) : thesisInTurn(store, params)));
  });
