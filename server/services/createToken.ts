// A new API token: 32 random bytes, shown once; only its SHA-256 is stored, so a copy of the
// database gives nobody a usable token.
import { createHash, randomBytes } from "node:crypto";
import { eq, getTableColumns, sql } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { execute, selectOne, valuesOf, writeTransaction } from "../db/query.ts";
import type { TokenRole } from "../db/schema.ts";

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export function createToken(
  store: Store,
  { name, role }: { name: string; role: TokenRole },
): Promise<{ name: string; role: TokenRole; token: string }> {
  return writeTransaction(store, async (tx) => {
    const { apiTokens } = tx.tables;
    if (await selectOne(tx, { name: apiTokens.name }, sql`from ${apiTokens} where ${eq(apiTokens.name, name)}`)) {
      throw new Error(`A token named "${name}" already exists: revoke it first, or choose another name`);
    }
    const token = `acm_${randomBytes(32).toString("base64url")}`;
    const row = { name, role, tokenHash: hashToken(token), createdAt: new Date().toISOString() };
    await execute(tx, sql`insert into ${apiTokens} ${valuesOf(getTableColumns(apiTokens), row)}`);
    return { name, role, token };
  });
}
