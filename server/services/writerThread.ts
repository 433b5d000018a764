// The thread that writes: uploads (and their dry runs) and reverts run here, on a connection of
// its own, so the server's event loop keeps answering readers from the last committed state
// while a large file is parsed, checked and written (SQLite's WAL, PostgreSQL's snapshots, let
// both proceed). Writes run one at a time, in the order they came.
import { parentPort } from "node:worker_threads";
import { openStore, type Store, type StoreLocation } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { importObservations } from "./importObservations.ts";
import type { WriteRequest, WriteResponse } from "./offThread.ts";
import { revertUpload } from "./revertUpload.ts";

/** Writes run one at a time on this thread: PostgreSQL's need no more than this pool. */
const POOL_SIZE = 2;
const stores = new Map<string, Promise<Store>>();

function storeAt(location: StoreLocation): Promise<Store> {
  const key = JSON.stringify(location);
  let store = stores.get(key);
  if (!store) {
    // The server that started this thread has migrated the store already.
    store = openStore(location, { migrate: false, poolSize: POOL_SIZE });
    // One that failed to open is tried again by the next write.
    store.catch(() => stores.delete(key));
    stores.set(key, store);
  }
  return store;
}

async function run(request: WriteRequest): Promise<NonNullable<WriteResponse["result"]>> {
  const store = await storeAt(request.location);
  if (request.op === "import") return { op: "import", report: await importObservations(store, request.files, request.options) };
  return { op: "revert", detail: await revertUpload(store, request.uploadId, request.options) };
}

async function answer(request: WriteRequest): Promise<WriteResponse> {
  try {
    return { id: request.id, result: await run(request) };
  } catch (error) {
    return error instanceof AppError
      ? { id: request.id, appError: { status: error.status, code: error.code, message: error.message, details: error.details } }
      : { id: request.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

let turn = Promise.resolve();
parentPort?.on("message", (request: WriteRequest) => {
  turn = turn.then(async () => parentPort?.postMessage(await answer(request)));
});
