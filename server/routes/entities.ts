import { Hono } from "hono";
import type { Store } from "../db/client.ts";
import { loadCatalog } from "../services/loadCatalog.ts";

export const entityRoutes = (store: Store) =>
  new Hono().get("/", async (c) => c.json({ entities: [...(await loadCatalog(store)).entities.values()] }));
