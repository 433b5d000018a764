// Which token, if any, a request presents. The hashes are compared in constant time, and every one
// of them, so the answer's timing says nothing about how close a guess came.
import { timingSafeEqual } from "node:crypto";
import type { Store } from "../db/client.ts";
import { apiTokens, type TokenRole } from "../db/schema.ts";
import { hashToken } from "./createToken.ts";

export interface VerifiedToken {
  name: string;
  role: TokenRole;
}

export function verifyToken({ db }: Store, token: string): VerifiedToken | null {
  const presented = Buffer.from(hashToken(token), "hex");
  let found: VerifiedToken | null = null;
  for (const row of db.select().from(apiTokens).all()) {
    if (timingSafeEqual(presented, Buffer.from(row.tokenHash, "hex"))) found = { name: row.name, role: row.role };
  }
  return found;
}
