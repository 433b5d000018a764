// The one numeric input of the dashboard: it shows exactly what is typed, hands a value on only
// when the parameter's own schema (server/domain/parameters.ts, the API's) accepts it, and says
// why beside the field when it does not. A controlled number input that snapped back to the last
// accepted value turned `0.3` into 0.53, one keystroke at a time.
import { useEffect, useId, useState } from "react";
import type { Parameter } from "../../../server/domain/parameters.ts";

/** How long typing must pause before the value is used: one request per value, not per keystroke. */
const SETTLE_MS = 300;

/** The value a draft stands for, or why it stands for none. */
export function readNumber(parameter: Parameter<number>, draft: string): { value: number } | { problem: string } {
  if (draft.trim() === "") return { problem: "expected a number" };
  const parsed = parameter.schema.safeParse(draft.trim());
  return parsed.success ? { value: parsed.data } : { problem: parsed.error.issues[0]?.message ?? "not accepted" };
}

interface Props {
  label: string;
  name: string;
  value: number;
  parameter: Parameter<number>;
  onChange: (value: number) => void;
}

export function NumberField({ label, name, value, parameter, onChange }: Props) {
  const [draft, setDraft] = useState(() => parameter.format(value));
  // A value changed elsewhere (back, forward, Reset view) replaces the draft; the field's own does not.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    const read = readNumber(parameter, draft);
    if (!("value" in read) || read.value !== value) setDraft(parameter.format(value));
  }
  const read = readNumber(parameter, draft);
  const problemId = useId();

  const commit = () => {
    if ("value" in read && read.value !== value) onChange(read.value);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the pause restarts with each new draft only
  useEffect(() => {
    const timer = setTimeout(commit, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  return (
    <label className="number-field">
      {label}{" "}
      <input
        type="text"
        inputMode="decimal"
        name={name}
        autoComplete="off"
        spellCheck={false}
        value={draft}
        aria-invalid={"problem" in read}
        aria-describedby={"problem" in read ? problemId : undefined}
        onChange={(event) => setDraft(event.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
        }}
      />
      <span id={problemId} className="number-field__problem" aria-live="polite">
        {"problem" in read ? `${label}: ${read.problem}` : ""}
      </span>
    </label>
  );
}
