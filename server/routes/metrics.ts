import { Hono } from "hono";
import type { Store } from "../db/client.ts";
import { loadCatalog } from "../services/loadCatalog.ts";

export const metricRoutes = (store: Store) =>
  new Hono().get("/", async (c) => c.json({ metrics: [...(await loadCatalog(store)).metrics.values()] }));
