// The analyst's page, loaded only when /uploads is opened: the token (asked once, kept for the
// tab), a file upload with its report, and the history; /uploads/:id shows one upload with Revert.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { followLink, usePathname } from "../../lib/navigation.ts";
import { forgetToken, readToken, saveToken } from "../../lib/token.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { TokenForm } from "./components/TokenForm.tsx";
import { UploadDetail } from "./components/UploadDetail.tsx";
import { UploadForm } from "./components/UploadForm.tsx";
import { UploadHistory } from "./components/UploadHistory.tsx";
import "./uploads.css";

export default function UploadsPage() {
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const [token, setToken] = useState(readToken);
  const [notice, setNotice] = useState<string | null>(null);
  const uploadId = /^\/uploads\/(\d+)\/?$/.exec(pathname)?.[1];
  useDocumentTitle(uploadId ? `Upload #${uploadId}` : "Upload data");

  const acceptToken = (entered: string) => {
    saveToken(entered);
    setToken(entered);
    setNotice(null);
    // Reads that failed for want of a token (READ_REQUIRES_TOKEN) can now succeed.
    void queryClient.invalidateQueries();
  };
  const rejectToken = (message: string) => {
    forgetToken();
    setToken(null);
    setNotice(`The server did not accept the token: ${message}`);
  };

  return (
    <>
      <header className="masthead">
        <p className="uploads__nav">
          <a href="/" onClick={followLink}>
            ← Dashboard
          </a>
          {uploadId && (
            <>
              {" · "}
              <a href="/uploads" onClick={followLink}>
                All uploads
              </a>
            </>
          )}
        </p>
        <h1>Upload data</h1>
        <p className="masthead__thesis">
          New quarters and corrections, checked row by row before anything is written; every change is kept as a revision and every upload
          can be reverted.
        </p>
        {token && (
          <p className="freshness">
            Using the token kept for this tab.{" "}
            <button
              type="button"
              className="uploads__link-button"
              onClick={() => {
                forgetToken();
                setToken(null);
              }}
            >
              Forget it
            </button>
          </p>
        )}
      </header>
      <main className="uploads">
        {!token && <TokenForm onSave={acceptToken} notice={notice} />}
        {uploadId ? (
          <UploadDetail id={Number(uploadId)} canWrite={token !== null} onUnauthorized={rejectToken} />
        ) : (
          <>
            <UploadForm canWrite={token !== null} onUnauthorized={rejectToken} />
            <UploadHistory />
          </>
        )}
      </main>
    </>
  );
}
