// Asks for the analyst's token once and checks it with the server as it is entered (a wrong or a
// viewer token used to be accepted here and fail only at the first upload); it is kept for this
// browser tab only.
import { type FormEvent, useState } from "react";
import { ApiError } from "../../../lib/api.ts";
import { checkToken } from "../api/checkToken.ts";

/** What a refused token means for the analyst, in the server's words where they say it. */
function refusal(error: unknown): string {
  if (!(error instanceof ApiError)) return `The token could not be checked: ${error instanceof Error ? error.message : String(error)}`;
  if (error.status === 401) return "The server does not know this token: check that it was copied whole, or ask for a new one.";
  return error.message;
}

export function TokenForm({ onSave, notice }: { onSave: (token: string) => void; notice: string | null }) {
  const [token, setToken] = useState("");
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const entered = token.trim();
    if (!entered) return;
    setChecking(true);
    try {
      const owner = await checkToken(entered);
      if (owner.role === "analyst") onSave(entered);
      else
        setProblem(`This is ${owner.name}'s viewer token: it can read the data, not upload or revert. Uploading needs an analyst token.`);
    } catch (error) {
      setProblem(refusal(error));
    } finally {
      setChecking(false);
    }
  };
  const shown = problem ?? notice;
  return (
    <form className="uploads__panel uploads__token" onSubmit={(event) => void submit(event)}>
      <h2>Your token</h2>
      <p>
        Uploading and reverting need an analyst token (<code>npm run token -- create --name NAME --role analyst</code>). It is kept for this
        browser tab only.
      </p>
      {shown && (
        <p className="uploads__error" role="alert">
          {shown}
        </p>
      )}
      <label>
        Token{" "}
        <input
          type="password"
          autoComplete="off"
          value={token}
          onChange={(event) => {
            setToken(event.target.value);
            setProblem(null);
          }}
          spellCheck={false}
        />
      </label>{" "}
      <button type="submit" disabled={checking}>
        {checking ? "Checking…" : "Use this token"}
      </button>
    </form>
  );
}
