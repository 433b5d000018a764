// Slows down guessing of tokens. A client address that presents `limit` invalid tokens within
// `windowSeconds` gets 429 (with Retry-After) for every further invalid token until that window
// ends; a valid token is still admitted (auth.ts). Kept in memory per process: a restart forgets
// it, and each server behind a load balancer counts on its own (SECURITY.md).
export interface AuthFailureLimit {
  limit: number;
  windowSeconds: number;
}

export const DEFAULT_AUTH_FAILURE_LIMIT: AuthFailureLimit = { limit: 10, windowSeconds: 60 };

export type AuthFailures = ReturnType<typeof authFailures>;

/** The most addresses remembered at once. */
const MAX_ADDRESSES = 10_000;

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
      // Many addresses at once (IPv6 makes them cheap): forget the oldest rather than grow without bound.
      while (byAddress.size >= MAX_ADDRESSES) {
        const oldest = byAddress.keys().next();
        if (oldest.done) break;
        byAddress.delete(oldest.value);
      }
      const entry = byAddress.get(address) ?? { count: 0, windowEnds: time + windowSeconds * 1000 };
      entry.count++;
      byAddress.set(address, entry);
      if (entry.count === limit)
        console.warn(`auth: ${limit} invalid tokens from ${address} within ${windowSeconds} s: refusing it until the window ends`);
    },
  };
}
