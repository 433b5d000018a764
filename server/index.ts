// The server entry: read configuration, open and migrate the database, seed it on first start,
// and listen.
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { readConfig } from "./config.ts";
import { limitConnectionsPerAddress } from "./connections.ts";
import { openStore } from "./db/client.ts";
import { seedDefaultData } from "./services/seedDefaultData.ts";

const config = readConfig();
const store = openStore(config.DATABASE_PATH, { cacheMaxBytes: config.CACHE_MAX_MB * 1024 * 1024 });
const seeded = seedDefaultData(store, config.DATA_DIR);
if (seeded) console.log(`Seeded ${seeded.inserted} observations from ${config.DATA_DIR} into ${config.DATABASE_PATH}`);

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
    console.log(`AI Capex Monitor listening on http://localhost:${info.port}`);
  },
);
// Beyond this many open connections node refuses new ones, so file descriptors and memory last;
// and no one address may hold more than its share, so a slow client cannot take them all.
server.maxConnections = config.MAX_CONNECTIONS;
limitConnectionsPerAddress(server, config.MAX_CONNECTIONS_PER_ADDRESS, new Set(config.TRUST_PROXY));

const shutdown = () => {
  server.close();
  store.sqlite.close();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
