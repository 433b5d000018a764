// The thesis for a set of parameters, computed once per (data version, parameters): the figures
// change only when an import commits, and that bumps the data version.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Store } from "../db/client.ts";
import { inputFilters } from "../domain/inputs.ts";
import { computeThesis, type Thesis, type ThesisParams } from "../domain/thesis.ts";
import { getDataVersion } from "./getDataVersion.ts";
import { listObservations } from "./listObservations.ts";

export interface ThesisResult extends Thesis {
  dataVersion: number;
}

export interface CachedThesis {
  etag: string;
  thesis: ThesisResult;
  /** The thesis as JSON bytes, serialized once: a repeated request sends them as they are. */
  json: Uint8Array<ArrayBuffer>;
  /** The same, gzip-compressed on first use: browsers ask for it on every request. */
  gzip(): Uint8Array<ArrayBuffer>;
}

const CACHE_SIZE = 64;
const cacheByStore = new WeakMap<Store, Map<string, CachedThesis>>();

/**
 * The data version and the observations the thesis reads, in one transaction: one consistent
 * snapshot. Only the thesis's inputs are loaded (by index), not the whole table.
 */
function snapshot(store: Store, params: ThesisParams) {
  return store.sqlite.transaction(() => ({
    dataVersion: getDataVersion(store).version,
    observations: inputFilters(params).flatMap((input) => listObservations(store, input)),
  }))();
}

export function getThesis(store: Store, params: ThesisParams): CachedThesis {
  const cache = cacheByStore.get(store) ?? new Map<string, CachedThesis>();
  cacheByStore.set(store, cache);
  const paramsKey = JSON.stringify(params);
  const version = getDataVersion(store).version;
  const key = `${version}|${paramsKey}`;
  const hit = cache.get(key);
  if (hit) return hit;

  const { dataVersion, observations } = snapshot(store, params);
  const paramsHash = createHash("sha256").update(paramsKey).digest("base64url").slice(0, 16);
  const thesis = { dataVersion, ...computeThesis(observations, params) };
  const json = new TextEncoder().encode(JSON.stringify(thesis));
  let gzipped: Uint8Array<ArrayBuffer> | undefined;
  const gzip = () => (gzipped ??= new Uint8Array(gzipSync(json)));
  const entry: CachedThesis = { etag: `"thesis-${dataVersion}-${paramsHash}"`, thesis, json, gzip };
  cache.set(`${dataVersion}|${paramsKey}`, entry);
  // Oldest first in a Map: drop the least recently added beyond the limit.
  if (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  return entry;
}
