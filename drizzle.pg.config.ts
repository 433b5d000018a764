import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./server/db/pgSchema.ts",
  out: "./server/db/pg-migrations",
});
