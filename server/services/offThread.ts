// Runs a write (an upload or a revert) on the writer thread (writerThread.ts) and answers with its
// result, or its AppError as the same status and details. One thread for the process, started on
// the first write, with its own connection to the same store: the SQLite file, or the PostgreSQL
// database (its own small pool), so parsing and checking a large file never holds up readers.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Store, StoreLocation } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { UploadDetail } from "./getUpload.ts";
import type { CsvFile, ImportOptions, ImportReport } from "./importObservations.ts";

type WriteJob =
  | { op: "import"; files: CsvFile[]; options: ImportOptions }
  | { op: "revert"; uploadId: number; options: { tokenName: string } };

export type WriteRequest = WriteJob & { id: number; location: StoreLocation };

type WriteResult = { op: "import"; report: ImportReport } | { op: "revert"; detail: UploadDetail };

export type WriteResponse = { id: number } & (
  | { result: WriteResult; appError?: undefined; failure?: undefined }
  | { appError: { status: AppError["status"]; code: string; message: string; details: unknown }; result?: undefined; failure?: undefined }
  | { failure: string; result?: undefined; appError?: undefined }
);

/**
 * A worker running a TypeScript module: tsx's loader registered inside the worker before the
 * module is imported (Node 20 does not apply --import hooks to a worker's own entry).
 */
export function typeScriptWorker(entry: URL): Worker {
  const tsx = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const api = pathToFileURL(join(tsx, "dist/esm/api/index.mjs")).href;
  const code = `const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(entry.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
}

let writer: { worker: Worker; pending: Map<number, (response: WriteResponse) => void> } | null = null;
let nextId = 1;

function writerThread() {
  if (writer) return writer;
  const worker = typeScriptWorker(new URL("./writerThread.ts", import.meta.url));
  const pending = new Map<number, (response: WriteResponse) => void>();
  worker.on("message", (response: WriteResponse) => {
    pending.get(response.id)?.(response);
    pending.delete(response.id);
  });
  const fail = (failure: string) => {
    for (const [id, settle] of pending) settle({ id, failure });
    pending.clear();
    writer = null;
  };
  worker.on("error", (error) => fail(error.stack ?? error.message));
  worker.on("exit", (code) => fail(`the writer thread exited with code ${code}`));
  // Idle, it does not keep the process alive.
  worker.unref();
  writer = { worker, pending };
  return writer;
}

async function offThread(store: Store, job: WriteJob): Promise<WriteResult> {
  const { worker, pending } = writerThread();
  const id = nextId++;
  const response = await new Promise<WriteResponse>((resolve) => {
    pending.set(id, resolve);
    worker.ref();
    const request: WriteRequest = { ...job, id, location: store.location };
    worker.postMessage(request);
  }).finally(() => {
    if (pending.size === 0) worker.unref();
  });
  if (response.appError) {
    const { status, code, message, details } = response.appError;
    throw new AppError(status, code, message, details);
  }
  if (response.result === undefined) throw new Error(`the write failed on the writer thread: ${response.failure}`);
  return response.result;
}

/** importObservations on the writer thread. */
export async function importOffThread(store: Store, files: CsvFile[], options: ImportOptions): Promise<ImportReport> {
  const result = await offThread(store, { op: "import", files, options });
  if (result.op !== "import") throw new Error("the writer thread answered an import with a revert");
  return result.report;
}

/** revertUpload on the writer thread. */
export async function revertOffThread(store: Store, uploadId: number, options: { tokenName: string }): Promise<UploadDetail> {
  const result = await offThread(store, { op: "revert", uploadId, options });
  if (result.op !== "revert") throw new Error("the writer thread answered a revert with an import");
  return result.detail;
}
