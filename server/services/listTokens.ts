// The tokens that can reach the API: names and roles, never the tokens themselves.
import { asc } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { apiTokens } from "../db/schema.ts";

export function listTokens({ db }: Store) {
  return db
    .select({ name: apiTokens.name, role: apiTokens.role, createdAt: apiTokens.createdAt })
    .from(apiTokens)
    .orderBy(asc(apiTokens.name))
    .all();
}
