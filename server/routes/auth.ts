// Bearer tokens (RFC 6750): writing needs an analyst token; reading needs any valid token only
// when READ_REQUIRES_TOKEN is set. The verified token's name is what uploads record.
import { createMiddleware } from "hono/factory";
import type { Store } from "../db/client.ts";
import { ForbiddenError, UnauthorizedError } from "../errors.ts";
import { verifyToken, type VerifiedToken } from "../services/verifyToken.ts";

export function requireToken(store: Store, role: "analyst" | "any") {
  return createMiddleware<{ Variables: { token: VerifiedToken } }>(async (c, next) => {
    const presented = /^Bearer +(\S+)$/i.exec(c.req.header("Authorization") ?? "")?.[1];
    if (!presented) throw new UnauthorizedError("Send a token as Authorization: Bearer TOKEN (npm run token -- create)");
    const token = verifyToken(store, presented);
    if (!token) throw new UnauthorizedError("The token is not valid");
    if (role === "analyst" && token.role !== "analyst") {
      throw new ForbiddenError(`The token "${token.name}" is a viewer token: changing the data needs an analyst token`);
    }
    c.set("token", token);
    await next();
  });
}
