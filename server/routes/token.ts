import { Hono } from "hono";
import type { VerifiedToken } from "../services/verifyToken.ts";

/**
 * Whose token a request presents: app.ts's guard has verified it (any role) before this runs, so
 * the Upload page can check a token when it is entered, not at the first upload.
 */
export const tokenRoutes = () =>
  new Hono<{ Variables: { token: VerifiedToken } }>().get("/", (c) => {
    const { name, role } = c.get("token");
    return c.json({ name, role }, 200);
  });
