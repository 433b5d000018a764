import { Hono } from "hono";
import type { Store } from "../db/client.ts";
import { getHealth } from "../services/getHealth.ts";

export const healthRoutes = (store: Store) => new Hono().get("/", async (c) => c.json(await getHealth(store)));
