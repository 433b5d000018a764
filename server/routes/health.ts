import { Hono } from "hono";
import type { Store } from "../db/client.ts";
import { getHealth } from "../services/getHealth.ts";

export const healthRoutes = (store: Store) => new Hono().get("/", (c) => c.json(getHealth(store)));
