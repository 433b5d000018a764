// A computed answer as it is sent: its JSON bytes serialized once, gzip made on first use, and an
// ETag naming the data version and a hash of the parameters, so a repeated request costs no work.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Sized } from "./answerCache.ts";

export interface JsonAnswer extends Sized {
  etag: string;
  /** The answer as JSON bytes: a repeated request sends them as they are. */
  json: Uint8Array<ArrayBuffer>;
  /** The same, gzip-compressed on first use: browsers ask for it on every request. */
  gzip(): Uint8Array<ArrayBuffer>;
}

/** `"thesis-3-<hash>"` for the thesis at data version 3; `resized` is told when the gzip copy is made. */
export function jsonAnswer(name: string, dataVersion: number, paramsKey: string, value: unknown, resized: () => void): JsonAnswer {
  const paramsHash = createHash("sha256").update(paramsKey).digest("base64url").slice(0, 16);
  const json = new TextEncoder().encode(JSON.stringify(value));
  let gzipped: Uint8Array<ArrayBuffer> | undefined;
  return {
    etag: `"${name}-${dataVersion}-${paramsHash}"`,
    json,
    gzip() {
      if (!gzipped) {
        gzipped = new Uint8Array(gzipSync(json));
        resized();
      }
      return gzipped;
    },
    // Measured on the thesis: the answer as objects takes about as many heap bytes as its JSON.
    bytes: () => 2 * json.byteLength + (gzipped?.byteLength ?? 0),
  };
}
