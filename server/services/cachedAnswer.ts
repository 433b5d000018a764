// An answer computed once per (data version, parameters): the figures change only when a write
// commits, and that bumps the data version. Its JSON is serialized once and gzip-compressed on
// first use, so a repeated request sends the same bytes; its ETag names the kind, the data
// version and a hash of the parameters, so any server on the same data gives the same one.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { databaseOf, type Store } from "../db/client.ts";
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
   * changes); by default the present one, read from the database.
   */
  versionOf?(params: P): number;
  /** The data version and the answer, read in one snapshot: one state of the data. */
  compute(store: Store, params: P): Promise<{ dataVersion: number; answer: T }>;
}

/** One budget of bytes per database a process has open, shared by its transactions and by what is made from its answers (the rendered page, pageRenderer.ts). */
const cachesByDatabase = new WeakMap<object, AnswerCache<Sized>>();

export function cacheOf(store: Store): AnswerCache<Sized> {
  const database = databaseOf(store);
  let cache = cachesByDatabase.get(database);
  if (!cache) {
    cache = answerCache<Sized>(store.cacheMaxBytes);
    cachesByDatabase.set(database, cache);
  }
  return cache;
}

const keyOf = (kind: { name: string }, version: number, paramsKey: string) => `${kind.name}|${version}|${paramsKey}`;

/** The ETag of an answer of `name` at a data version for its parameters (as JSON): alike on every server. */
export function answerTag(name: string, dataVersion: number, paramsKey: string): string {
  return `"${name}-${dataVersion}-${createHash("sha256").update(paramsKey).digest("base64url").slice(0, 16)}"`;
}

const versionFor = async <P, T>(store: Store, kind: AnswerKind<P, T>, params: P) =>
  kind.versionOf?.(params) ?? (await getDataVersion(store)).version;

/**
 * The answer if it is cached for its data version (the present one read from the database, so
 * every server on the same database keys the same state alike); no computation.
 */
export async function cached<P, T>(store: Store, kind: AnswerKind<P, T>, params: P): Promise<CachedAnswer<T> | undefined> {
  return cacheOf(store).get(keyOf(kind, await versionFor(store, kind, params), JSON.stringify(params))) as CachedAnswer<T> | undefined;
}

/** The answer, computed now if it is not cached. */
export async function answer<P, T>(store: Store, kind: AnswerKind<P, T>, params: P): Promise<CachedAnswer<T>> {
  const hit = await cached(store, kind, params);
  if (hit) return hit;
  const cache = cacheOf(store);
  const paramsKey = JSON.stringify(params);
  const { dataVersion, answer: computed } = await kind.compute(store, params);
  const key = keyOf(kind, dataVersion, paramsKey);
  const full = { dataVersion, ...computed };
  const json = new TextEncoder().encode(JSON.stringify(full));
  let gzipped: Uint8Array<ArrayBuffer> | undefined;
  const entry: CachedAnswer<T> = {
    etag: answerTag(kind.name, dataVersion, paramsKey),
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
  return (await cached(store, kind, params)) ?? computeInTurn(() => answer(store, kind, params));
}
