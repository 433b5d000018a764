// A button that copies a link to the view (or one chart of it) and says so for a moment.
import { useEffect, useState } from "react";
import { copyText, viewLink } from "../lib/copyLink.ts";

interface Props {
  /** The part of the page the link opens at: a chart's id. */
  fragment?: string;
  label: string;
  /** A longer name for screen readers; it starts with the label. */
  name?: string;
  className?: string;
}

export function CopyLinkButton({ fragment, label, name, className }: Props) {
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    if (status === null) return;
    const timer = setTimeout(() => setStatus(null), 3000);
    return () => clearTimeout(timer);
  }, [status]);
  return (
    <span className="copy-link">
      <button
        type="button"
        className={className}
        aria-label={name}
        onClick={() =>
          copyText(viewLink(fragment)).then(
            () => setStatus("Link copied"),
            (error: Error) => setStatus(error.message),
          )
        }
      >
        {label}
      </button>
      <span className="copy-link__status" role="status">
        {status}
      </span>
    </span>
  );
}
