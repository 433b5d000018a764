// An answer computed once per (data version, parameters): the figures change only when a write
// commits, and that bumps the data version. Its JSON is serialized once and gzip-compressed on
// first use, so a repeated request sends the same bytes; its ETag names the kind, the data
// version and a hash of the parameters, so any server on the same data gives the same one.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Store } from "../db/client.ts";
import { type AnswerCache, answerCache, type Sized } from "./answerCache.ts";
import { computeInTurn } from "./computeInTurn.ts";
import { getDataVersion } from "./getDataVersion.ts";

export interface CachedAnswer<T> extends Sized {
  etag: string;
  answer: T & { dataVersion: number };
  /** The answer as JSON bytes, serialized once. */
  json: Uint8Array<ArrayBuffer>;
  /** The same, gzip-compressed on first use: browsers ask for it on every request. */
  gzip(): Uint8Array<ArrayBuffer>;
}

/** How one kind of answer is made: its name (in keys and ETags) and its computation from one snapshot. */
export interface AnswerKind<P, T> {
  name: string;
  /**
   * The data version the answer is of, when the parameters fix it (an `asOf` answer never
   * changes); by default the present one.
   */
  versionOf?(params: P): number;
  /** The data version and the answer, read in one transaction: one state of the data. */
  compute(store: Store, params: P): { dataVersion: number; answer: T };
}

const cachesByStore = new WeakMap<Store, AnswerCache<Sized>>();

/** The store's one byte budget for answers, shared with what is made from them (the rendered page, pageRenderer.ts). */
export function cacheOf(store: Store): AnswerCache<Sized> {
  let cache = cachesByStore.get(store);
  if (!cache) {
    cache = answerCache<Sized>(store.cacheMaxBytes);
    cachesByStore.set(store, cache);
  }
  return cache;
}

const keyOf = (kind: { name: string }, version: number, paramsKey: string) => `${kind.name}|${version}|${paramsKey}`;

const versionFor = <P, T>(store: Store, kind: AnswerKind<P, T>, params: P) => kind.versionOf?.(params) ?? getDataVersion(store).version;

/** The answer if it is cached for its data version; no computation. */
export function cached<P, T>(store: Store, kind: AnswerKind<P, T>, params: P): CachedAnswer<T> | undefined {
  return cacheOf(store).get(keyOf(kind, versionFor(store, kind, params), JSON.stringify(params))) as CachedAnswer<T> | undefined;
}

/** The answer, computed now if it is not cached. */
export function answer<P, T>(store: Store, kind: AnswerKind<P, T>, params: P): CachedAnswer<T> {
  const hit = cached(store, kind, params);
  if (hit) return hit;
  const cache = cacheOf(store);
  const paramsKey = JSON.stringify(params);
  const { dataVersion, answer: computed } = kind.compute(store, params);
  const key = keyOf(kind, dataVersion, paramsKey);
  const paramsHash = createHash("sha256").update(paramsKey).digest("base64url").slice(0, 16);
  const full = { dataVersion, ...computed };
  const json = new TextEncoder().encode(JSON.stringify(full));
  let gzipped: Uint8Array<ArrayBuffer> | undefined;
  const entry: CachedAnswer<T> = {
    etag: `"${kind.name}-${dataVersion}-${paramsHash}"`,
    answer: full,
    json,
    gzip() {
      if (!gzipped) {
        gzipped = new Uint8Array(gzipSync(json));
        cache.resized(key);
      }
      return gzipped;
    },
    // Measured: an answer as objects takes about as many heap bytes as its JSON.
    bytes: () => 2 * json.byteLength + (gzipped?.byteLength ?? 0),
  };
  cache.set(key, entry);
  return entry;
}

/** The cached answer, or one computed in its turn (computeInTurn.ts): what a request should ask for. */
export async function answerInTurn<P, T>(store: Store, kind: AnswerKind<P, T>, params: P): Promise<CachedAnswer<T>> {
  return cached(store, kind, params) ?? computeInTurn(() => answer(store, kind, params));
}
