// The thread that writes: uploads (and their dry runs) and reverts run here, on a connection of
// its own, so the server's event loop keeps answering readers from the last committed state
// while a large file is parsed, checked and written (SQLite's WAL lets both proceed).
import { parentPort } from "node:worker_threads";
import { openStore, type Store } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { importObservations } from "./importObservations.ts";
import type { WriteRequest, WriteResponse } from "./offThread.ts";
import { revertUpload } from "./revertUpload.ts";

const stores = new Map<string, Store>();

function storeAt(path: string): Store {
  let store = stores.get(path);
  if (!store) {
    store = openStore(path);
    stores.set(path, store);
  }
  return store;
}

function run(request: WriteRequest): NonNullable<WriteResponse["result"]> {
  const store = storeAt(request.path);
  if (request.op === "import") return { op: "import", report: importObservations(store, request.files, request.options) };
  return { op: "revert", detail: revertUpload(store, request.uploadId, request.options) };
}

parentPort?.on("message", (request: WriteRequest) => {
  let response: WriteResponse;
  try {
    response = { id: request.id, result: run(request) };
  } catch (error) {
    response =
      error instanceof AppError
        ? { id: request.id, appError: { status: error.status, code: error.code, message: error.message, details: error.details } }
        : { id: request.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(response);
});
