// The environment, read once and checked, failing with a list of everything that is wrong.
import { fileURLToPath } from "node:url";
import { z } from "zod";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));

export const DEFAULT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_PATH: z.string().min(1).default("./var/capex.db"),
  DATA_DIR: z.string().min(1).default(`${projectRoot}data`),
  STATIC_DIR: z.string().min(1).default(`${projectRoot}web/dist`),
  READ_REQUIRES_TOKEN: z
    .enum(["true", "false"], { error: "expected true or false" })
    .default("false")
    .transform((text) => text === "true"),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(DEFAULT_UPLOAD_MAX_BYTES),
});

export type Config = z.infer<typeof envSchema>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
