// Withdraw a token by name: requests presenting it get 401 from then on. Uploads keep the name.
import { eq, sql } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { execute } from "../db/query.ts";

/** False when no token has that name. */
export async function revokeToken(store: Store, name: string): Promise<boolean> {
  const { apiTokens } = store.tables;
  return (await execute(store, sql`delete from ${apiTokens} where ${eq(apiTokens.name, name)}`)) > 0;
}
