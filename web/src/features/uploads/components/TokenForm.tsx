// Asks for the analyst's token once; it is kept for this browser tab only.
import { type FormEvent, useState } from "react";

export function TokenForm({ onSave, notice }: { onSave: (token: string) => void; notice: string | null }) {
  const [token, setToken] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) onSave(token.trim());
  };
  return (
    <form className="uploads__panel uploads__token" onSubmit={submit}>
      <h2>Your token</h2>
      <p>
        Uploading and reverting need an analyst token (<code>npm run token -- create --name NAME --role analyst</code>). It is kept for this
        browser tab only.
      </p>
      {notice && (
        <p className="uploads__error" role="alert">
          {notice}
        </p>
      )}
      <label>
        Token{" "}
        <input type="password" autoComplete="off" value={token} onChange={(event) => setToken(event.target.value)} spellCheck={false} />
      </label>{" "}
      <button type="submit">Use this token</button>
    </form>
  );
}
