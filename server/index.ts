// The server entry: read configuration, open and migrate the database, seed it on first start,
// and listen.
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { readConfig } from "./config.ts";
import { openStore } from "./db/client.ts";
import { seedDefaultData } from "./services/seedDefaultData.ts";

const config = readConfig();
const store = openStore(config.DATABASE_PATH);
const seeded = seedDefaultData(store, config.DATA_DIR);
if (seeded) console.log(`Seeded ${seeded.inserted} observations from ${config.DATA_DIR} into ${config.DATABASE_PATH}`);

const app = createApp({
  store,
  staticDir: config.STATIC_DIR,
  readRequiresToken: config.READ_REQUIRES_TOKEN,
  uploadMaxBytes: config.UPLOAD_MAX_BYTES,
  corsOrigins: config.CORS_ORIGINS,
  authFailureLimit: { limit: config.AUTH_FAILURE_LIMIT, windowSeconds: config.AUTH_FAILURE_WINDOW_SECONDS },
});
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  console.log(`AI Capex Monitor listening on http://localhost:${info.port}`);
});

const shutdown = () => {
  server.close();
  store.sqlite.close();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
