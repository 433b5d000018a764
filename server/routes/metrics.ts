import { Hono } from "hono";
import type { Store } from "../db/client.ts";
import { loadCatalog } from "../services/loadCatalog.ts";

export const metricRoutes = (store: Store) => new Hono().get("/", (c) => c.json({ metrics: [...loadCatalog(store).metrics.values()] }));
