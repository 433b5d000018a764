// Typos of catalog ids: "capexx" for capex, "msft" for MSFT. An id close to a known one is far
// more often a slip than a new series, so the upload asks "did you mean ...?" instead of quietly
// adding a metric no chart reads.

/** The edit distance of a and b (insertions, deletions, substitutions) if it is at most `limit`, else limit + 1. */
export function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // One row of the dynamic programme at a time, only within `limit` of the diagonal: O(length x limit).
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(limit + 1);
    current[0] = i;
    let best = current[0];
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    for (let j = from; j <= to; j++) {
      const substitution = (previous[j - 1] ?? limit + 1) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const deletion = (previous[j] ?? limit + 1) + 1;
      const insertion = (current[j - 1] ?? limit + 1) + 1;
      const cell = Math.min(substitution, deletion, insertion);
      current[j] = cell;
      best = Math.min(best, cell);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return Math.min(previous[b.length] ?? limit + 1, limit + 1);
}

/** How many edits still count as a slip: one for ids of up to four characters, two for longer ones. */
const slipLimit = (id: string) => (id.length <= 4 ? 1 : 2);

/** Known ids by lower case, so a case variant is found in one look-up. */
export interface IdIndex {
  has(id: string): boolean;
  add(id: string): void;
  /** The known id that differs from `id` only in case, if there is one. */
  caseVariant(id: string): string | undefined;
  /** The closest known id within a slip of `id` (case aside), if there is one. */
  nearMiss(id: string): string | undefined;
}

export function idIndex(ids: Iterable<string>): IdIndex {
  const exact = new Set<string>();
  const byLower = new Map<string, string>();
  const add = (id: string) => {
    exact.add(id);
    if (!byLower.has(id.toLowerCase())) byLower.set(id.toLowerCase(), id);
  };
  for (const id of ids) add(id);
  return {
    has: (id) => exact.has(id),
    add,
    caseVariant(id) {
      if (exact.has(id)) return undefined;
      return byLower.get(id.toLowerCase());
    },
    nearMiss(id) {
      const lower = id.toLowerCase();
      const limit = slipLimit(id);
      let best: { id: string; distance: number } | undefined;
      for (const [candidate, known] of byLower) {
        if (known === id) continue;
        const distance = boundedDistance(lower, candidate, limit);
        if (distance <= limit && (!best || distance < best.distance)) best = { id: known, distance };
      }
      return best?.id;
    },
  };
}
