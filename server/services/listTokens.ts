// The tokens that can reach the API: names and roles, never the tokens themselves.
import { sql } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { select } from "../db/query.ts";

export function listTokens(store: Store) {
  const { apiTokens } = store.tables;
  return select(
    store,
    { name: apiTokens.name, role: apiTokens.role, createdAt: apiTokens.createdAt },
    sql`from ${apiTokens} order by ${apiTokens.name}`,
  );
}
