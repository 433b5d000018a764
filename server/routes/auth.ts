// Bearer tokens (RFC 6750): writing needs an analyst token; reading needs any valid token only
// when READ_REQUIRES_TOKEN is set. The verified token's name is what uploads record. Invalid
// tokens are counted per client address (authFailures.ts).
import type { HttpBindings } from "@hono/node-server";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { Store } from "../db/client.ts";
import { ForbiddenError, TooManyRequestsError, UnauthorizedError } from "../errors.ts";
import { type VerifiedToken, verifyToken } from "../services/verifyToken.ts";
import type { AuthFailures } from "./authFailures.ts";

/** `any`: a viewer or an analyst token. */
export type RequiredRole = "analyst" | "any";

/** The peer's address; in-process requests (app.request in tests) have none and share one. */
const clientAddress = (c: Context) => (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket.remoteAddress ?? "in-process";

/** Middleware factory: `requireToken("analyst")` admits analyst tokens only. */
export function tokenGuard(store: Store, failures: AuthFailures) {
  return (role: RequiredRole) =>
    createMiddleware<{ Variables: { token: VerifiedToken } }>(async (c, next) => {
      const presented = /^Bearer +(\S+)$/i.exec(c.req.header("Authorization") ?? "")?.[1];
      if (!presented) throw new UnauthorizedError("Send a token as Authorization: Bearer TOKEN (npm run token -- create)");
      const address = clientAddress(c);
      const wait = failures.retryAfter(address);
      if (wait > 0) throw new TooManyRequestsError(wait);
      const token = verifyToken(store, presented);
      if (!token) {
        failures.record(address);
        throw new UnauthorizedError("The token is not valid");
      }
      if (role === "analyst" && token.role !== "analyst") {
        throw new ForbiddenError(`The token "${token.name}" is a viewer token: changing the data needs an analyst token`);
      }
      c.set("token", token);
      await next();
    });
}

export type RequireToken = ReturnType<typeof tokenGuard>;
