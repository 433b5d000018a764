// Computed answers kept per (store, key) until they take more than a byte budget, least recently
// used first out: an answer is a pure function of the data version and its parameters, so any
// number of distinct requests costs at most the budget, never the heap.

/** What a cached answer costs: its bytes, counted by its owner. */
export interface Sized {
  bytes(): number;
}

export interface AnswerCache<V extends Sized> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  /** Recount an entry whose size grew (a compressed copy made on first use). */
  resized(key: string): void;
  readonly bytes: number;
  readonly size: number;
}

export function answerCache<V extends Sized>(maxBytes: number): AnswerCache<V> {
  const entries = new Map<string, { value: V; bytes: number }>();
  let total = 0;
  const evict = () => {
    // A Map iterates oldest first; get() moves an entry to the end.
    for (const [key, entry] of entries) {
      if (total <= maxBytes) break;
      entries.delete(key);
      total -= entry.bytes;
    }
  };
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      const old = entries.get(key);
      if (old) total -= old.bytes;
      entries.delete(key);
      const bytes = value.bytes();
      // An answer larger than the whole budget is served once and not kept.
      if (bytes > maxBytes) return;
      entries.set(key, { value, bytes });
      total += bytes;
      evict();
    },
    resized(key) {
      const entry = entries.get(key);
      if (!entry) return;
      total += entry.value.bytes() - entry.bytes;
      entry.bytes = entry.value.bytes();
      evict();
    },
    get bytes() {
      return total;
    },
    get size() {
      return entries.size;
    },
  };
}
