// "As of": the dashboard as the data stood at an earlier version (ALFRED's vintages). The choice
// goes to the URL like every setting, so a copied link opens the same vintage.
import { AS_OF_PARAMETERS, type AsOf } from "../../../../../server/domain/parameters.ts";
import type { DataVersion } from "../../../lib/api.ts";
import { formatTime } from "../../../lib/format.ts";

/** A version as the select names it: its number, time and what made it. */
export const versionLabel = (v: Pick<DataVersion, "version" | "createdAt" | "kind" | "fileName" | "tokenName">) =>
  `Version ${v.version}, ${formatTime(v.createdAt)}: ${v.kind === "revert" ? "a revert" : (v.fileName ?? "an upload")} (${v.tokenName})`;

interface Props {
  asOf: AsOf | null;
  versions: readonly DataVersion[];
  onChange: (asOf: AsOf | null) => void;
}

export function AsOfControl({ asOf, versions, onChange }: Props) {
  const latest = versions.at(-1);
  const value = asOf === null ? "" : AS_OF_PARAMETERS.asOf.format(asOf);
  const newestFirst = [...versions].reverse();
  return (
    <fieldset className="as-of-control">
      <legend>Data as of</legend>
      <label>
        Show the data as it stood at{" "}
        <select
          name="asOf"
          value={value}
          onChange={(event) => {
            const parsed = AS_OF_PARAMETERS.asOf.schema.safeParse(event.currentTarget.value);
            onChange(event.currentTarget.value && parsed.success ? parsed.data : null);
          }}
        >
          <option value="">{latest ? `the latest data (version ${latest.version})` : "the latest data"}</option>
          {asOf !== null && "date" in asOf && <option value={asOf.date}>the last version by the end of {asOf.date}</option>}
          {newestFirst.slice(latest ? 1 : 0).map((v) => (
            <option key={v.version} value={String(v.version)}>
              {versionLabel(v)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
