// Slows down guessing of tokens. A client address that presents `limit` invalid tokens within
// `windowSeconds` is refused (429 with Retry-After) until that window ends, even with a valid
// token. Kept in memory per process: a restart forgets it, which suits one server; behind a
// reverse proxy every client shares the proxy's address (SECURITY.md).
export interface AuthFailureLimit {
  limit: number;
  windowSeconds: number;
}

export const DEFAULT_AUTH_FAILURE_LIMIT: AuthFailureLimit = { limit: 10, windowSeconds: 60 };

export type AuthFailures = ReturnType<typeof authFailures>;

export function authFailures({ limit, windowSeconds }: AuthFailureLimit, now = Date.now) {
  const byAddress = new Map<string, { count: number; windowEnds: number }>();
  return {
    /** Seconds until `address` may present a token again; 0 when it may now. */
    retryAfter(address: string): number {
      const entry = byAddress.get(address);
      if (!entry || entry.count < limit || entry.windowEnds <= now()) return 0;
      return Math.ceil((entry.windowEnds - now()) / 1000);
    },
    record(address: string): void {
      const time = now();
      // Only addresses that failed within their window are kept: the map does not grow with time.
      for (const [key, entry] of byAddress) if (entry.windowEnds <= time) byAddress.delete(key);
      const entry = byAddress.get(address) ?? { count: 0, windowEnds: time + windowSeconds * 1000 };
      entry.count++;
      byAddress.set(address, entry);
      if (entry.count === limit)
        console.warn(`auth: ${limit} invalid tokens from ${address} within ${windowSeconds} s: refusing it until the window ends`);
    },
  };
}
