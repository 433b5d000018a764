// Bearer tokens (RFC 6750): writing needs an analyst token; reading needs any valid token only
// when READ_REQUIRES_TOKEN is set. The verified token's name is what uploads record. Invalid
// tokens are counted per client address (authFailures.ts); a valid token is always admitted, so
// no one can lock the analysts out by guessing wrong from their address (a proxy's, say).
import type { HttpBindings } from "@hono/node-server";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { Store } from "../db/client.ts";
import { ForbiddenError, TooManyRequestsError, UnauthorizedError } from "../errors.ts";
import { type VerifiedToken, verifyToken } from "../services/verifyToken.ts";
import type { AuthFailures } from "./authFailures.ts";

/** `any`: a viewer or an analyst token. */
export type RequiredRole = "analyst" | "any";

/** The longest Authorization header read: a token is 47 characters. */
const MAX_AUTHORIZATION_LENGTH = 256;

/**
 * The client's address: the TCP peer, or, when the peer is one of the trusted proxies, the
 * nearest address in X-Forwarded-For that is not a trusted proxy (each proxy appends the address
 * it saw, so only the right end can be believed). In-process requests (app.request in tests)
 * have no peer and share one address.
 */
export function clientAddress(c: Context, trustedProxies: ReadonlySet<string>): string {
  const peer = (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket.remoteAddress ?? "in-process";
  if (!trustedProxies.has(peer)) return peer;
  const forwarded = (c.req.header("X-Forwarded-For") ?? "")
    .slice(0, 1024)
    .split(",")
    .map((address) => address.trim());
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const address = forwarded[i];
    if (address && !trustedProxies.has(address)) return address;
  }
  return peer;
}

/** Middleware factory: `requireToken("analyst")` admits analyst tokens only. */
export function tokenGuard(store: Store, failures: AuthFailures, trustedProxies: ReadonlySet<string> = new Set()) {
  return (role: RequiredRole) =>
    createMiddleware<{ Variables: { token: VerifiedToken } }>(async (c, next) => {
      const header = c.req.header("Authorization") ?? "";
      const presented = header.length <= MAX_AUTHORIZATION_LENGTH ? /^Bearer +(\S+)$/i.exec(header)?.[1] : undefined;
      if (!presented) throw new UnauthorizedError("Send a token as Authorization: Bearer TOKEN (npm run token -- create)");
      const token = await verifyToken(store, presented);
      if (!token) {
        const address = clientAddress(c, trustedProxies);
        const wait = failures.retryAfter(address);
        if (wait > 0) throw new TooManyRequestsError(wait);
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
