import { Hono } from "hono";
import type { Store } from "../db/client.ts";
import { type ScenariosResult, scenariosInTurn } from "../services/getScenarios.ts";
import { scenarioQuery } from "../services/parameterSchemas.ts";
import { sendAnswer } from "./sendAnswer.ts";
import { validate } from "./validate.ts";

export const scenarioRoutes = (store: Store) =>
  new Hono().get("/", validate("query", scenarioQuery(store)), async (c) =>
    sendAnswer<ScenariosResult>(c, await scenariosInTurn(store, c.req.valid("query"))),
  );
