// POST /api/uploads (dry run or commit) through XMLHttpRequest, the one browser API that reports
// how much of a request body has been sent; the path still comes from the typed client.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { ApiError, api } from "../../../lib/api.ts";
import { authorizationHeader } from "../../../lib/token.ts";

export type UploadReport = InferResponseType<typeof api.api.uploads.$post, 200>;
export type Problem = UploadReport["problems"][number];

export type UploadProgress = { phase: "sending"; sent: number; total: number } | { phase: "checking" };

/** A failed upload: the server's message, with the row problems when it rejected the file. */
export class UploadError extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly problems: Problem[],
  ) {
    super(status, message);
  }
}

export function sendUpload(file: File, dryRun: boolean, onProgress: (progress: UploadProgress) => void): Promise<UploadReport> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", api.api.uploads.$path({ query: dryRun ? { dryRun: "true" } : {} }));
    for (const [name, value] of Object.entries(authorizationHeader())) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => onProgress({ phase: "sending", sent: event.loaded, total: event.total || file.size });
    // The body is sent: the server is parsing and comparing.
    request.upload.onload = () => onProgress({ phase: "checking" });
    request.onload = () => {
      const body = JSON.parse(request.responseText || "null") as UploadReport | { error?: { message?: string; details?: unknown } } | null;
      if (request.status === 200) return resolve(body as UploadReport);
      const error = (body as { error?: { message?: string; details?: unknown } } | null)?.error;
      const problems = request.status === 422 && Array.isArray(error?.details) ? (error.details as Problem[]) : [];
      reject(new UploadError(request.status, error?.message ?? `The server answered ${request.status}`, problems));
    };
    request.onerror = () => reject(new UploadError(0, "The upload did not reach the server", []));
    const form = new FormData();
    form.append("file", file);
    request.send(form);
  });
}

export function useSendUpload() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun, onProgress }: { file: File; dryRun: boolean; onProgress: (progress: UploadProgress) => void }) =>
      sendUpload(file, dryRun, onProgress),
    // A commit can change any figure, the catalog and the history: every cached answer is stale.
    onSuccess: (report) => (report.uploadId === null ? undefined : queryClient.invalidateQueries()),
  });
}
