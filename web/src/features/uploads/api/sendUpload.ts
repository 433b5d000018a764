// POST /api/uploads (dry run or commit) through XMLHttpRequest, the one browser API that reports
// how much of a request body has been sent; the path still comes from the typed client.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api.ts";
import { authorizationHeader } from "../../../lib/token.ts";
import { readUploadResponse, UploadError, type UploadReport } from "./readUploadResponse.ts";

export type UploadProgress = { phase: "sending"; sent: number; total: number } | { phase: "checking" };

export interface UploadRequest {
  file: File;
  dryRun: boolean;
  /** Unknown metric ids the analyst confirms as new. */
  newMetrics: readonly string[];
  onProgress: (progress: UploadProgress) => void;
}

export function sendUpload({ file, dryRun, newMetrics, onProgress }: UploadRequest): Promise<UploadReport> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    const query = {
      ...(dryRun ? { dryRun: "true" as const } : {}),
      ...(newMetrics.length > 0 ? { newMetrics: newMetrics.join(",") } : {}),
    };
    request.open("POST", api.api.uploads.$path({ query }));
    for (const [name, value] of Object.entries(authorizationHeader())) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => onProgress({ phase: "sending", sent: event.loaded, total: event.total || file.size });
    // The body is sent: the server is parsing and comparing.
    request.upload.onload = () => onProgress({ phase: "checking" });
    // Every way the request ends settles the promise, so the form is never left busy.
    request.onload = () => {
      try {
        resolve(readUploadResponse(request.status, request.getResponseHeader("Content-Type"), request.responseText));
      } catch (error) {
        reject(error);
      }
    };
    request.onerror = () => reject(new UploadError(0, "The upload did not reach the server", []));
    request.onabort = () => reject(new UploadError(0, "The upload was cancelled", []));
    const form = new FormData();
    form.append("file", file);
    request.send(form);
  });
}

export function useSendUpload() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendUpload,
    // A commit can change any figure, the catalog and the history: every cached answer is stale.
    onSuccess: (report) => (report.uploadId === null ? undefined : queryClient.invalidateQueries()),
  });
}
