// Said at the top while an earlier vintage is shown: which version, what made it, how to get back,
// and what changed since.
import type { DataVersion } from "../../../lib/api.ts";
import { formatTime } from "../../../lib/format.ts";
import { followLink } from "../../../lib/navigation.ts";

interface Props {
  /** The version the answers are of (the thesis's dataVersion), once known. */
  version: number | undefined;
  versions: readonly DataVersion[] | undefined;
  /** Why the server refused the version asked for (asOf=99 when there are 3), if it did. */
  refused: string | null;
  onLatest: () => void;
}

export function AsOfBanner({ version, versions, refused, onLatest }: Props) {
  const shown = versions?.find((v) => v.version === version);
  const latest = versions?.at(-1)?.version;
  return (
    <section className="as-of" role="status" aria-label="Data as of an earlier version" data-as-of-version={version}>
      <p>
        <strong>As it stood then:</strong>{" "}
        {refused !== null
          ? `this version cannot be shown: ${refused}.`
          : version === undefined
            ? "loading the data as of the version chosen..."
            : `the data as of version ${version}${latest ? ` of ${latest}` : ""}${
                shown ? `, committed ${formatTime(shown.createdAt)} (${shown.fileName ?? shown.kind}, by ${shown.tokenName})` : ""
              }. Figures uploaded or revised after it are not shown; names and launch dates are today's.`}
      </p>
      <p className="as-of__actions">
        <button type="button" className="controls__reset" onClick={onLatest}>
          Back to the latest data
        </button>
        {version !== undefined && latest !== undefined && version < latest && (
          <a href={`/changes?from=${version}&to=${latest}`} onClick={followLink}>
            What changed since version {version}
          </a>
        )}
      </p>
    </section>
  );
}
