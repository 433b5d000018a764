// The server entry: read configuration, open and migrate the database (the SQLite file, or the
// PostgreSQL database DATABASE_URL names), seed it on first start, and listen; on SIGTERM or
// SIGINT stop taking connections, finish the requests in flight, close the database and exit.
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { readConfig } from "./config.ts";
import { limitConnectionsPerAddress } from "./connections.ts";
import { closeStore, describeLocation, openStore, storeLocation } from "./db/client.ts";
import { seedDefaultData } from "./services/seedDefaultData.ts";

const config = readConfig();
const location = storeLocation(config);
const store = await openStore(location, { cacheMaxBytes: config.CACHE_MAX_MB * 1024 * 1024 });
const seeded = await seedDefaultData(store, config.DATA_DIR);
if (seeded) console.log(`Seeded ${seeded.inserted} observations from ${config.DATA_DIR} into ${describeLocation(location)}`);

const app = createApp({
  store,
  staticDir: config.STATIC_DIR,
  readRequiresToken: config.READ_REQUIRES_TOKEN,
  uploadMaxBytes: config.UPLOAD_MAX_BYTES,
  corsOrigins: config.CORS_ORIGINS,
  authFailureLimit: { limit: config.AUTH_FAILURE_LIMIT, windowSeconds: config.AUTH_FAILURE_WINDOW_SECONDS },
  trustedProxies: config.TRUST_PROXY,
});
const server = serve(
  {
    fetch: app.fetch,
    port: config.PORT,
    hostname: config.HOST,
    // Slow clients cannot hold connections for ever: headers, the whole request and idle
    // keep-alive each have a deadline (node closes the socket when one passes).
    serverOptions: {
      headersTimeout: config.HEADERS_TIMEOUT_SECONDS * 1000,
      requestTimeout: config.REQUEST_TIMEOUT_SECONDS * 1000,
      keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
    },
  },
  (info) => {
    console.log(`AI Capex Monitor listening on http://localhost:${info.port} (${location.dialect})`);
  },
);
// Beyond this many open connections node refuses new ones, so file descriptors and memory last;
// and no one address may hold more than its share, so a slow client cannot take them all.
server.maxConnections = config.MAX_CONNECTIONS;
limitConnectionsPerAddress(server, config.MAX_CONNECTIONS_PER_ADDRESS, new Set(config.TRUST_PROXY));

let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  // No new connections; idle keep-alive ones close now, busy ones after their response. An
  // upload in flight finishes (and commits) first; after the timeout, whatever is left is cut
  // off, and an uncommitted write rolls back.
  server.close(() => {
    void closeStore(store).finally(() => process.exit(0));
  });
  setTimeout(() => {
    console.error(`Stopping: requests still in flight after ${config.SHUTDOWN_TIMEOUT_SECONDS} s; exiting`);
    process.exit(1);
  }, config.SHUTDOWN_TIMEOUT_SECONDS * 1000).unref();
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
