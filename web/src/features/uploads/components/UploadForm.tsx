// Drop or choose a file: it is sent and checked (a dry run) at once, the report is shown, and
// Commit sends it again for real, only when the check found no problem. A file over the server's
// limit is refused before a byte is sent; a file chosen without a token (or when the token was
// refused) is kept and checked as soon as a token is accepted. An unknown metric is a problem until
// the analyst confirms it as new: the file is checked again with it, and Commit sends the same list.
import { type DragEvent, useEffect, useMemo, useState } from "react";
import { byteSize } from "../../../../../server/domain/format.ts";
import { ApiError } from "../../../lib/api.ts";
import { followLink } from "../../../lib/navigation.ts";
import { useHealth } from "../../freshness/api/useHealth.ts";
import { UploadError, type UploadReport } from "../api/readUploadResponse.ts";
import { type UploadProgress, useSendUpload } from "../api/sendUpload.ts";
import { buildReportView } from "../uploadReport.ts";
import { ReportTables } from "./ReportTables.tsx";

/** Why a file cannot be sent, in the words of the server's 413 (app.ts), or null. */
export function sizeProblem(file: { name: string; size: number }, maxBytes: number | undefined): string | null {
  if (maxBytes === undefined || file.size <= maxBytes) return null;
  return `${file.name} is ${byteSize(file.size)}, larger than the ${byteSize(maxBytes)} an upload may be: split it into several files`;
}

export function UploadForm({ canWrite, onUnauthorized }: { canWrite: boolean; onUnauthorized: (message: string) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const maxBytes = useHealth().data?.uploadMaxBytes;
  const tooLarge = file ? sizeProblem(file, maxBytes) : null;
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [dragging, setDragging] = useState(false);
  const check = useSendUpload();
  const commit = useSendUpload();
  const report = check.data;
  const view = useMemo(() => (report ? buildReportView(report) : null), [report]);
  const rejectedOnCommit = commit.error instanceof UploadError ? commit.error.problems : [];

  // The metrics the shown check confirmed; Commit sends exactly these.
  const confirmed = check.variables?.newMetrics ?? [];
  // The boxes show the analyst's choice at once; the check with it answers a moment later.
  const [chosenMetrics, setChosenMetrics] = useState<readonly string[]>([]);

  const send = (mutation: typeof check, chosen: File, dryRun: boolean, newMetrics: readonly string[]) =>
    mutation.mutate(
      { file: chosen, dryRun, newMetrics, onProgress: setProgress },
      {
        onSettled: () => setProgress(null),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 401) onUnauthorized(error.message);
        },
      },
    );
  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    setChosenMetrics([]);
    commit.reset();
    check.reset();
    if (canWrite && !sizeProblem(chosen, maxBytes)) send(check, chosen, true, []);
  };
  // A token accepted after the file was chosen: check the file now.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a newly accepted token starts a check
  useEffect(() => {
    if (canWrite && file && !tooLarge && !check.data && !check.isPending) send(check, file, true, confirmed);
  }, [canWrite]);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  };
  const busy = check.isPending || commit.isPending;

  return (
    <section className="uploads__panel" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload a file</h2>
      <label
        className={`uploads__drop${dragging ? " uploads__drop--over" : ""}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <span>Drop a CSV file here, or choose one.</span>
        <span className="uploads__hint">
          Long rows (entity, metric, period, value, unit, …) or the wide layout (entity, metric, unit, basis, source, note, then one column
          per period such as 2025-Q3); comma, semicolon, tab or pipe separated; UTF-8 (in Excel: Save As, CSV UTF-8).
        </span>
        <input
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain"
          disabled={busy}
          onChange={(event) => {
            choose(event.target.files?.[0]);
            event.target.value = "";
          }}
        />
      </label>

      {file && !canWrite && !tooLarge && (
        <p className="uploads__hint" role="status">
          {file.name} is kept: it is checked as soon as a token is accepted above.
        </p>
      )}
      {tooLarge && (
        <p className="uploads__error" role="alert">
          {tooLarge}. Nothing was sent.
        </p>
      )}
      {progress && <ProgressBar progress={progress} />}
      {check.error && !(check.error instanceof ApiError && check.error.status === 401) && (
        <p className="uploads__error" role="alert">
          {check.error.message}
        </p>
      )}

      {file && report && view && (
        <section className="uploads__report" aria-label="Upload report">
          <p className="uploads__summary">
            <strong>{file.name}</strong>: {describeFile(report)}. <Counts report={report} />
          </p>
          <NewMetrics
            unconfirmed={report.unconfirmedMetrics}
            confirmed={chosenMetrics}
            busy={busy || commit.isSuccess}
            onChange={(newMetrics) => {
              setChosenMetrics(newMetrics);
              commit.reset();
              send(check, file, true, newMetrics);
            }}
          />
          <ReportTables view={view} />
          {commit.isSuccess ? (
            <p className="uploads__done" role="status">
              {commit.data.uploadId === null ? (
                "Nothing changed: every figure in the file is already in the data."
              ) : (
                <>
                  Committed as{" "}
                  <a href={`/uploads/${commit.data.uploadId}`} onClick={followLink}>
                    upload #{commit.data.uploadId}
                  </a>
                  : {commit.data.inserted} new and {commit.data.updated} changed figures are on the dashboard. Open the upload to revert it.
                </>
              )}
            </p>
          ) : (
            <CommitButton report={report} busy={busy} onCommit={() => send(commit, file, false, confirmed)} />
          )}
          {commit.error && !(commit.error instanceof ApiError && commit.error.status === 401) && (
            <div className="uploads__error" role="alert">
              <p>{commit.error.message}</p>
              {rejectedOnCommit.length > 0 && (
                <ReportTables view={buildReportView({ problems: rejectedOnCommit, warnings: [], changes: [] })} />
              )}
            </div>
          )}
        </section>
      )}
    </section>
  );
}

/**
 * Each unknown metric the check found, and each one already confirmed, with a box to confirm it:
 * a new metric enters the catalog named by its id, so a typo would become a series of its own.
 */
function NewMetrics({
  unconfirmed,
  confirmed,
  busy,
  onChange,
}: {
  unconfirmed: readonly string[];
  confirmed: readonly string[];
  busy: boolean;
  onChange: (confirmed: string[]) => void;
}) {
  const ids = [...new Set([...confirmed, ...unconfirmed])];
  if (ids.length === 0) return null;
  return (
    <fieldset className="uploads__new-metrics">
      <legend>New metrics</legend>
      <p className="uploads__hint">
        These metrics are not in the catalog. Confirm each one that is meant to be new (the file is checked again); fix the file for any
        that is a misspelling.
      </p>
      {ids.map((id) => (
        <label key={id}>
          <input
            type="checkbox"
            checked={confirmed.includes(id)}
            disabled={busy}
            onChange={(event) => onChange(event.target.checked ? [...confirmed, id] : confirmed.filter((other) => other !== id))}
          />{" "}
          Add <code>{id}</code> to the catalog as a new metric
        </label>
      ))}
    </fieldset>
  );
}

function ProgressBar({ progress }: { progress: UploadProgress }) {
  if (progress.phase === "checking") {
    return (
      <p className="uploads__progress">
        <progress aria-label="Checking the file" /> Checking every row…
      </p>
    );
  }
  const percent = progress.total > 0 ? Math.round((progress.sent / progress.total) * 100) : 0;
  return (
    <p className="uploads__progress">
      <progress aria-label="Sending the file" value={progress.sent} max={progress.total} /> Sending… {percent}%
    </p>
  );
}

function describeFile(report: UploadReport): string {
  const file = report.files[0];
  if (!file) return "no rows";
  return `${file.layout} layout, ${file.delimiter}-separated, ${file.rows} row${file.rows === 1 ? "" : "s"}`;
}

function Counts({ report }: { report: UploadReport }) {
  return (
    <span className="uploads__counts">
      {report.inserted} new, {report.updated} changed, {report.unchanged} unchanged, {report.rejected} rejected
    </span>
  );
}

function CommitButton({ report, busy, onCommit }: { report: UploadReport; busy: boolean; onCommit: () => void }) {
  const changes = report.inserted + report.updated;
  const reason =
    report.problems.length > 0
      ? "Fix the problems above and upload the file again."
      : changes === 0
        ? "Nothing to commit: every figure is already in the data."
        : null;
  return (
    <p className="uploads__commit">
      <button type="button" className="uploads__button" disabled={busy || reason !== null} onClick={onCommit}>
        Commit {changes} change{changes === 1 ? "" : "s"}
      </button>{" "}
      {reason && <span className="uploads__hint">{reason}</span>}
    </p>
  );
}
