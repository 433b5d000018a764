import { Hono } from "hono";
import type { Store } from "../db/client.ts";
import { type ThesisResult, thesisInTurn } from "../services/getThesis.ts";
import { thesisQuery } from "../services/parameterSchemas.ts";
import { sendAnswer } from "./sendAnswer.ts";
import { validate } from "./validate.ts";

export const thesisRoutes = (store: Store) =>
  new Hono().get("/", validate("query", thesisQuery(store)), async (c) =>
    sendAnswer<ThesisResult>(c, await thesisInTurn(store, c.req.valid("query"))),
  );
