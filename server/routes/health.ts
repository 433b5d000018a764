import { Hono } from "hono";
import type { Store } from "../db/client.ts";
import { getHealth } from "../services/getHealth.ts";

/** `uploadMaxBytes`: the dashboard refuses a larger file before sending it (app.ts answers it 413). */
export const healthRoutes = (store: Store, { uploadMaxBytes }: { uploadMaxBytes: number }) =>
  new Hono().get("/", async (c) => c.json({ ...(await getHealth(store)), uploadMaxBytes }));
