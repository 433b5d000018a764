// Builds the HTTP app: API routes, one error shape, and (when built) the dashboard's files.
// It never listens, so tests call app.request() directly.
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_UPLOAD_MAX_BYTES } from "./config.ts";
import type { Store } from "./db/client.ts";
import { AppError, NotFoundError } from "./errors.ts";
import { requireToken } from "./routes/auth.ts";
import { entityRoutes } from "./routes/entities.ts";
import { exportRoutes } from "./routes/exports.ts";
import { healthRoutes } from "./routes/health.ts";
import { metricRoutes } from "./routes/metrics.ts";
import { observationRoutes } from "./routes/observations.ts";
import { thesisRoutes } from "./routes/thesis.ts";
import { uploadRoutes } from "./routes/uploads.ts";

export interface AppOptions {
  store: Store;
  /** The built front end (web/dist); omitted in API-only tests. */
  staticDir?: string;
  /** READ_REQUIRES_TOKEN: reads need a valid token too (default false). */
  readRequiresToken?: boolean;
  /** UPLOAD_MAX_BYTES (default 10 MB). */
  uploadMaxBytes?: number;
}

export interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

export function createApp({ store, staticDir, readRequiresToken = false, uploadMaxBytes = DEFAULT_UPLOAD_MAX_BYTES }: AppOptions) {
  const app = new Hono();
  app.use(compress());
  // Writes check their own (analyst) token in their routes.
  if (readRequiresToken) app.on(["GET", "HEAD"], "/api/*", requireToken(store, "any"));
  const api = app
    .route("/api/health", healthRoutes(store))
    .route("/api/entities", entityRoutes(store))
    .route("/api/metrics", metricRoutes(store))
    .route("/api/observations", observationRoutes(store))
    .route("/api/thesis", thesisRoutes(store))
    .route("/api/export", exportRoutes(store))
    .route("/api/uploads", uploadRoutes(store, { maxBytes: uploadMaxBytes }));

  app.all("/api/*", (c) => {
    throw new NotFoundError(`No API endpoint ${c.req.method} ${c.req.path}`);
  });
  if (staticDir && existsSync(join(staticDir, "index.html"))) {
    app.use("/*", serveStatic({ root: staticDir }));
    // Client-side views all load the one page.
    app.get("*", serveStatic({ root: staticDir, path: "index.html" }));
  }

  app.notFound((c) => c.json<ErrorBody>({ error: { code: "not_found", message: `Nothing at ${c.req.path}`, details: null } }, 404));
  app.onError((error, c) => {
    if (error instanceof AppError) {
      if (error.status === 401) c.header("WWW-Authenticate", 'Bearer realm="AI Capex Monitor"');
      return c.json<ErrorBody>({ error: { code: error.code, message: error.message, details: error.details } }, error.status);
    }
    // The cause goes to the server log only: a response never carries a stack trace or a path.
    console.error(error);
    return c.json<ErrorBody>({ error: { code: "internal", message: "Internal server error", details: null } }, 500);
  });
  return api;
}

export type AppType = ReturnType<typeof createApp>;
