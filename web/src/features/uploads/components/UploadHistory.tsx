// Every upload, newest first: who committed which file when, how much it changed, what undid it.

import { formatTime } from "../../../lib/format.ts";
import { followLink } from "../../../lib/navigation.ts";
import { useUploads } from "../api/useUploads.ts";
import { TableHead } from "./TableHead.tsx";

export function UploadHistory() {
  const uploads = useUploads();
  return (
    <section className="uploads__panel" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {uploads.isPending && <div className="skeleton skeleton--subtitle" />}
      {uploads.isError && <p className="uploads__error">The history could not be loaded: {uploads.error.message}</p>}
      {uploads.data && (
        <div className="table-scroll">
          <table className="data-table">
            <caption>Every commit and revert; open one for its changes</caption>
            <TableHead
              columns={["Upload", "When", "Who", "File", { numeric: "New" }, { numeric: "Changed" }, { numeric: "Removed" }, "Status"]}
            />
            <tbody>
              {uploads.data.uploads.map((upload) => (
                <tr key={upload.id}>
                  <th scope="row">
                    <a href={`/uploads/${upload.id}`} onClick={followLink}>
                      #{upload.id}
                    </a>
                  </th>
                  <td>{formatTime(upload.createdAt)}</td>
                  <td>{upload.tokenName}</td>
                  <td className="uploads__message" title={upload.sha256 ?? undefined}>
                    {upload.kind === "revert" ? `revert of #${upload.revertsUploadId}` : upload.fileName}
                  </td>
                  <td className="num">{upload.inserted}</td>
                  <td className="num">{upload.updated}</td>
                  <td className="num">{upload.deleted}</td>
                  <td>{upload.revertedByUploadId === null ? "" : `reverted by #${upload.revertedByUploadId}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
