// A new API token: 32 random bytes, shown once; only its SHA-256 is stored, so a copy of the
// database gives nobody a usable token.
import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { apiTokens, type TokenRole } from "../db/schema.ts";

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export function createToken(
  { db }: Store,
  { name, role }: { name: string; role: TokenRole },
): { name: string; role: TokenRole; token: string } {
  if (db.select().from(apiTokens).where(eq(apiTokens.name, name)).get()) {
    throw new Error(`A token named "${name}" already exists: revoke it first, or choose another name`);
  }
  const token = `acm_${randomBytes(32).toString("base64url")}`;
  db.insert(apiTokens)
    .values({ name, role, tokenHash: hashToken(token), createdAt: new Date().toISOString() })
    .run();
  return { name, role, token };
}
