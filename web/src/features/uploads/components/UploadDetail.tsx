// One upload: its file, who and when, what it changed, and the way back.
import { useMemo, useState } from "react";
import { z } from "zod";
import { ApiError } from "../../../lib/api.ts";
import { formatPeriod, formatTime } from "../../../lib/format.ts";
import { followLink } from "../../../lib/navigation.ts";
import { useNames } from "../../catalog/api/useNames.ts";
import { useRevertUpload } from "../api/useRevertUpload.ts";
import { type UploadDetail as Upload, useUpload } from "../api/useUpload.ts";
import { buildReportView } from "../uploadReport.ts";
import { ReportTables } from "./ReportTables.tsx";

const uploadLink = (id: number) => (
  <a href={`/uploads/${id}`} onClick={followLink}>
    #{id}
  </a>
);

export function UploadDetail({
  id,
  canWrite,
  onUnauthorized,
}: {
  id: number;
  canWrite: boolean;
  onUnauthorized: (message: string) => void;
}) {
  const upload = useUpload(id);
  const view = useMemo(() => (upload.data ? buildReportView(upload.data.report) : null), [upload.data]);

  if (upload.isPending) return <section className="uploads__panel skeleton skeleton--chart" aria-busy="true" />;
  if (upload.isError) {
    return (
      <section className="uploads__panel" role="alert">
        <h2>Upload #{id}</h2>
        <p className="uploads__error">{upload.error.message}</p>
      </section>
    );
  }
  const entry = upload.data;
  return (
    <section className="uploads__panel" aria-labelledby="upload-detail-heading">
      <h2 id="upload-detail-heading">
        {entry.kind === "revert" ? "Revert" : "Upload"} #{entry.id}
      </h2>
      <dl className="uploads__facts">
        {/* Only a revert names an entry it reverts (revertUpload.ts). */}
        {entry.revertsUploadId === null ? (
          <>
            <dt>File</dt>
            <dd>{entry.fileName}</dd>
          </>
        ) : (
          <>
            <dt>Reverts</dt>
            <dd>{uploadLink(entry.revertsUploadId)}</dd>
          </>
        )}
        {entry.sha256 && (
          <>
            <dt>SHA-256</dt>
            <dd className="uploads__value">{entry.sha256}</dd>
          </>
        )}
        <dt>By</dt>
        <dd>{entry.tokenName}</dd>
        <dt>When</dt>
        <dd>{formatTime(entry.createdAt)}</dd>
        <dt>Figures</dt>
        <dd>
          {entry.inserted} new, {entry.updated} changed, {entry.deleted} removed, {entry.unchanged} unchanged
        </dd>
      </dl>
      {entry.revertedByUploadId === null ? (
        <RevertControl entry={entry} canWrite={canWrite} onUnauthorized={onUnauthorized} />
      ) : (
        <p className="uploads__done">Reverted by {uploadLink(entry.revertedByUploadId)}.</p>
      )}
      {view && <ReportTables view={view} />}
    </section>
  );
}

function RevertControl({
  entry,
  canWrite,
  onUnauthorized,
}: {
  entry: Upload;
  canWrite: boolean;
  onUnauthorized: (message: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const revert = useRevertUpload();
  const figures = entry.inserted + entry.updated + entry.deleted;
  if (!canWrite) return <p className="uploads__hint">Enter an analyst token above to revert this {entry.kind}.</p>;
  return (
    <div className="uploads__commit">
      {confirming ? (
        <p>
          Every one of its {figures} figures goes back to what it was before; the revert is recorded and can itself be reverted.{" "}
          <button
            type="button"
            className="uploads__button"
            disabled={revert.isPending}
            onClick={() =>
              revert.mutate(entry.id, {
                onError: (error) => {
                  if (error instanceof ApiError && error.status === 401) onUnauthorized(error.message);
                },
              })
            }
          >
            Confirm revert
          </button>{" "}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </p>
      ) : (
        <button type="button" className="uploads__button" onClick={() => setConfirming(true)}>
          Revert this {entry.kind}
        </button>
      )}
      {revert.error && <RevertRefused error={revert.error} uploadId={entry.id} />}
    </div>
  );
}

/** The figures a 409 names (server/services/revertUpload.ts), each with the later upload that changed it. */
const conflicts = z.array(
  z.object({ entity: z.string(), metric: z.string(), period: z.string(), changedByUploadId: z.number().nullable() }),
);

/** A refused revert: the server's reason, and every figure in the way with a link to the upload to revert first. */
function RevertRefused({ error, uploadId }: { error: Error; uploadId: number }) {
  const names = useNames();
  const figures = error instanceof ApiError && error.status === 409 ? conflicts.safeParse(error.details) : null;
  if (!figures?.success || figures.data.length === 0) {
    return (
      <p className="uploads__error" role="alert">
        {error.message}
      </p>
    );
  }
  const later = [...new Set(figures.data.flatMap((f) => (f.changedByUploadId === null ? [] : [f.changedByUploadId])))];
  return (
    <div className="uploads__error" role="alert">
      <p>
        Not reverted: {figures.data.length} figure{figures.data.length === 1 ? "" : "s"} of upload #{uploadId}{" "}
        {figures.data.length === 1 ? "was" : "were"} changed again later. Revert {later.length === 1 ? "that upload" : "those uploads"}{" "}
        first:{" "}
        {later.map((id, i) => (
          <span key={id}>
            {i > 0 && ", "}
            {uploadLink(id)}
          </span>
        ))}
        .
      </p>
      <ul className="uploads__conflicts">
        {figures.data.map((f) => (
          <li key={`${f.entity}-${f.metric}-${f.period}`}>
            {names.entity(f.entity)}, {names.metric(f.metric)}, {formatPeriod(f.period)}
            {f.changedByUploadId !== null && <>: changed by {uploadLink(f.changedByUploadId)}</>}
          </li>
        ))}
      </ul>
    </div>
  );
}
