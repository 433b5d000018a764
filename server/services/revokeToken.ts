// Withdraw a token by name: requests presenting it get 401 from then on. Uploads keep the name.
import { eq } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { apiTokens } from "../db/schema.ts";

/** False when no token has that name. */
export function revokeToken({ db }: Store, name: string): boolean {
  return db.delete(apiTokens).where(eq(apiTokens.name, name)).run().changes > 0;
}
