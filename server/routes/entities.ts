import { Hono } from "hono";
import type { Store } from "../db/client.ts";
import { loadCatalog } from "../services/loadCatalog.ts";

export const entityRoutes = (store: Store) => new Hono().get("/", (c) => c.json({ entities: [...loadCatalog(store).entities.values()] }));
