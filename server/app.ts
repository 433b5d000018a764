// Builds the HTTP app: API routes, one error shape, and (when built) the dashboard's files, behind
// the protections SECURITY.md lists. It never listens, so tests call app.request() directly.

import { existsSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { DEFAULT_UPLOAD_MAX_BYTES } from "./config.ts";
import type { Store } from "./db/client.ts";
import { byteSize } from "./domain/format.ts";
import { AppError, NotFoundError, PayloadTooLargeError, ServiceUnavailableError, TooManyRequestsError } from "./errors.ts";
import { tokenGuard } from "./routes/auth.ts";
import { type AuthFailureLimit, authFailures, DEFAULT_AUTH_FAILURE_LIMIT } from "./routes/authFailures.ts";
import { entityRoutes } from "./routes/entities.ts";
import { exportRoutes } from "./routes/exports.ts";
import { healthRoutes } from "./routes/health.ts";
import { killerAppRoutes } from "./routes/killerApps.ts";
import { metricRoutes } from "./routes/metrics.ts";
import { observationRoutes } from "./routes/observations.ts";
import { pageHandler } from "./routes/page.ts";
import { replayResponses } from "./routes/replay.ts";
import { scenarioRoutes } from "./routes/scenarios.ts";
import { thesisRoutes } from "./routes/thesis.ts";
import { tokenRoutes } from "./routes/token.ts";
import { uploadRoutes } from "./routes/uploads.ts";
import { boundedQuery } from "./routes/validate.ts";
import { changeRoutes, changesCsvRoutes, feedRoutes, historyRoutes } from "./routes/vintages.ts";
import { oneVersionPerRequest } from "./services/getDataVersion.ts";
import { pageTemplate, warmPageRenderer } from "./services/pageRenderer.ts";

export interface AppOptions {
  store: Store;
  /** The built front end (web/dist); omitted in API-only tests. */
  staticDir?: string;
  /** READ_REQUIRES_TOKEN: reads need a valid token too (default false). */
  readRequiresToken?: boolean;
  /** UPLOAD_MAX_BYTES (default 10 MB): the largest body of any write. */
  uploadMaxBytes?: number;
  /** CORS_ORIGINS: origins whose pages may call the API; none by default. */
  corsOrigins?: string[];
  /** AUTH_FAILURE_LIMIT invalid tokens per AUTH_FAILURE_WINDOW_SECONDS from one address, then 429. */
  authFailureLimit?: AuthFailureLimit;
  /** TRUST_PROXY: the reverse proxies whose X-Forwarded-For names the client. */
  trustedProxies?: readonly string[];
  /** Render the dashboard's page on the server (default: when staticDir has a build). */
  renderPages?: boolean;
}

/**
 * The page loads only its own files: no inline script or style, no other origin. Images may be
 * data: URLs because a chart's PNG download draws its SVG through one.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The page is asked again each time (a new build names new assets); a hashed asset never changes. */
const PAGE_CACHE = "no-cache";
const ASSET_CACHE = "public, max-age=31536000, immutable";

function cacheControlOf(path: string): string {
  if (/[\\/]assets[\\/]/.test(path)) return ASSET_CACHE;
  return path.endsWith("index.html") ? PAGE_CACHE : "public, max-age=86400";
}

export interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

export function createApp({
  store,
  staticDir,
  readRequiresToken = false,
  uploadMaxBytes = DEFAULT_UPLOAD_MAX_BYTES,
  corsOrigins = [],
  authFailureLimit = DEFAULT_AUTH_FAILURE_LIMIT,
  trustedProxies = [],
  renderPages = true,
}: AppOptions) {
  const app = new Hono();
  // First, so that a replay skips the middleware below; a read that needs a token is never replayed.
  if (!readRequiresToken) app.use(replayResponses(store));
  app.use(secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY }));
  // Without configured origins no CORS header is sent, so browsers keep other sites' pages out.
  if (corsOrigins.length > 0) {
    app.use(
      "/api/*",
      cors({
        origin: corsOrigins,
        allowMethods: ["GET", "HEAD", "POST"],
        allowHeaders: ["Authorization", "Content-Type"],
        exposeHeaders: ["ETag", "Content-Disposition"],
      }),
    );
  }
  app.use(compress());
  const requireToken = tokenGuard(store, authFailures(authFailureLimit), new Set(trustedProxies));
  // Every write needs an analyst token before a byte of its body is read, and then its body is
  // limited: from Content-Length, or while it streams in.
  app.on(
    ["POST", "PUT", "PATCH", "DELETE"],
    "/api/*",
    requireToken("analyst"),
    bodyLimit({
      maxSize: uploadMaxBytes,
      onError: () => {
        throw new PayloadTooLargeError(
          `The file is larger than the ${byteSize(uploadMaxBytes)} (${uploadMaxBytes} bytes) an upload may be: split it into several files`,
        );
      },
    }),
  );
  if (readRequiresToken) app.on(["GET", "HEAD"], "/api/*", requireToken("any"));
  // Naming a token's owner needs the token, whatever READ_REQUIRES_TOKEN says.
  else app.on(["GET", "HEAD"], "/api/token", requireToken("any"));
  app.use("/api/*", boundedQuery);
  // A read of the data version costs a round trip on PostgreSQL: each request makes one.
  app.use("/api/*", (_c, next) => (store.dialect === "postgres" ? oneVersionPerRequest(next) : next()));
  const api = app
    .route("/api/health", healthRoutes(store, { uploadMaxBytes }))
    .route("/api/entities", entityRoutes(store))
    .route("/api/metrics", metricRoutes(store))
    .route("/api/observations", observationRoutes(store))
    .route("/api/thesis", thesisRoutes(store))
    .route("/api/killer-apps", killerAppRoutes(store))
    .route("/api/history", historyRoutes(store))
    .route("/api/changes", changeRoutes(store))
    .route("/api/export/changes.csv", changesCsvRoutes(store))
    .route("/api/scenarios", scenarioRoutes(store))
    .route("/api/export", exportRoutes(store))
    .route("/api/uploads", uploadRoutes(store))
    .route("/api/token", tokenRoutes());

  app.route("/feed.atom", feedRoutes(store));
  app.all("/api/*", (c) => {
    throw new NotFoundError(`No API endpoint ${c.req.method} ${c.req.path}`);
  });
  if (staticDir && existsSync(join(staticDir, "index.html"))) {
    if (renderPages) {
      // The page of any view, rendered from the API's own answers, read in-process.
      const template = pageTemplate(staticDir);
      const fetchApi = async (path: string) => app.request(path);
      app.get("*", pageHandler(store, template, fetchApi));
      warmPageRenderer(store, template, fetchApi);
    }
    app.use("/*", serveStatic({ root: staticDir, onFound: (path, c) => c.header("Cache-Control", cacheControlOf(path)) }));
    // Client-side views (/uploads/3) all load the one page; a missing file (/favicon.png) is a
    // 404, not the page with a 200.
    app.get("*", async (c, next) => {
      if (/\.[a-z0-9]+$/i.test(c.req.path)) return next();
      c.header("Cache-Control", PAGE_CACHE);
      return serveStatic({ root: staticDir, path: "index.html" })(c, next);
    });
  }

  app.notFound((c) => c.json<ErrorBody>({ error: { code: "not_found", message: `Nothing at ${c.req.path}`, details: null } }, 404));
  app.onError((error, c) => {
    if (error instanceof AppError) {
      if (error.status === 401) c.header("WWW-Authenticate", 'Bearer realm="AI Capex Monitor"');
      if (error instanceof TooManyRequestsError || error instanceof ServiceUnavailableError) {
        c.header("Retry-After", String(error.retryAfterSeconds));
      }
      return c.json<ErrorBody>({ error: { code: error.code, message: error.message, details: error.details } }, error.status);
    }
    // A client that went away mid-request is not a fault of the server: one line, no stack.
    if (clientWentAway(error, c.req.raw.signal)) {
      console.warn(`request: ${c.req.method} ${c.req.path} aborted by the client`);
      return c.body(null, 400);
    }
    // The cause goes to the server log only: a response never carries a stack trace or a path.
    console.error(error);
    return c.json<ErrorBody>({ error: { code: "internal", message: "Internal server error", details: null } }, 500);
  });
  return api;
}

/** Whether a failure is the client closing the connection (the request's signal, or the socket's error). */
function clientWentAway(error: Error, signal: AbortSignal): boolean {
  const code = (error as { code?: unknown }).code;
  return signal.aborted || error.name === "AbortError" || code === "ECONNRESET" || code === "ERR_STREAM_PREMATURE_CLOSE";
}

export type AppType = ReturnType<typeof createApp>;
