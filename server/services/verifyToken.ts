// Which token, if any, a request presents. The hashes are compared in constant time, and every one
// of them, so the answer's timing says nothing about how close a guess came.
import { timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { select } from "../db/query.ts";
import type { TokenRole } from "../db/schema.ts";
import { hashToken } from "./createToken.ts";

export interface VerifiedToken {
  name: string;
  role: TokenRole;
}

export async function verifyToken(store: Store, token: string): Promise<VerifiedToken | null> {
  const { apiTokens } = store.tables;
  const presented = Buffer.from(hashToken(token), "hex");
  let found: VerifiedToken | null = null;
  const rows = await select(store, { name: apiTokens.name, role: apiTokens.role, tokenHash: apiTokens.tokenHash }, sql`from ${apiTokens}`);
  for (const row of rows) {
    if (timingSafeEqual(presented, Buffer.from(row.tokenHash, "hex"))) found = { name: row.name, role: row.role };
  }
  return found;
}
