// /changes?from=N&to=M: what changed between two data versions: the uploads between them, every
// figure added, revised or removed, and the scorecard's numbers and the flags that moved because of
// them. Below, every version with its verdict, each a link to the dashboard as it stood then.
import { CHANGES_PARAMETERS, changesRangeProblem, readQuery } from "../../../../server/domain/parameters.ts";
import { changesTable } from "../../../../server/domain/vintageTables.ts";
import { DataTable } from "../../components/DataTable.tsx";
import type { ChangesResponse, DataVersion } from "../../lib/api.ts";
import { formatCell } from "../../lib/chartTable.ts";
import { formatPeriod, formatTime } from "../../lib/format.ts";
import { followLink, navigate, useSearch } from "../../lib/navigation.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { useChanges } from "./api/useChanges.ts";
import { useHistory } from "./api/useHistory.ts";
import { versionLabel } from "./components/AsOfControl.tsx";
import "./history.css";

/** Rows a phone draws at once; the CSV has every one. */
const FIGURES_SHOWN = 500;

/** The range asked for, or the last version's own changes; a range the API would refuse is said with its reason, not asked. */
function rangeOf(search: string, latest: number) {
  const asked = readQuery(CHANGES_PARAMETERS, new URLSearchParams(search));
  const given = new URLSearchParams(search).has("from");
  const to = asked.to ?? latest;
  const from = given ? asked.from : Math.max(0, to - 1);
  const problem = changesRangeProblem({ from, to }, latest);
  return { from, to, problem: problem && `"to" ${problem}` };
}

function NumberChanges({ numbers }: { numbers: ChangesResponse["numbers"] }) {
  if (numbers.length === 0) return <p>No number of the scorecard and no quarter's flag changed.</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Numbers and flags that changed">
      <table className="data-table">
        <caption>The scorecard's numbers and the quarters' coverage flags that changed (default settings)</caption>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col" className="num">
              Before
            </th>
            <th scope="col" className="num">
              After
            </th>
          </tr>
        </thead>
        <tbody>
          {numbers.map((n) => (
            <tr key={n.what} data-number={n.what}>
              <th scope="row">{n.what}</th>
              <td className="num">{formatCell(n.kind, n.before.value)}</td>
              <td className="num">{formatCell(n.kind, n.after.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function VersionSelect(props: { name: string; label: string; value: number; versions: readonly DataVersion[]; withNone: boolean }) {
  const { name, label, value, versions, withNone } = props;
  return (
    <label>
      {label}{" "}
      <select name={name} defaultValue={String(value)}>
        {withNone && <option value="0">before any data (version 0)</option>}
        {versions.map((v) => (
          <option key={v.version} value={String(v.version)}>
            {versionLabel(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

function Changes({ from, to }: { from: number; to: number }) {
  const changes = useChanges(from, to, true);
  if (changes.isPending) return <p aria-busy="true">Loading what changed...</p>;
  if (changes.isError) return <p role="alert">What changed could not be loaded: {changes.error.message}</p>;
  const { figures, numbers, uploads } = changes.data;
  const count = (kind: string) => figures.filter((f) => f.change === kind).length;
  return (
    <>
      <p className="changes__summary" data-figures={figures.length} data-numbers={numbers.length}>
        From version {from} to version {to}: {count("added")} figures added, {count("revised")} revised, {count("removed")} removed;{" "}
        {numbers.length} derived number{numbers.length === 1 ? "" : "s"} changed.{" "}
        <a href={`/api/export/changes.csv?from=${from}&to=${to}`} download>
          Download the figures as CSV
        </a>
      </p>
      <h2>The uploads</h2>
      <ul>
        {uploads.map((u) => (
          <li key={u.version}>
            {versionLabel(u)}: {u.inserted} added, {u.updated} updated, {u.deleted} removed.{" "}
            <a href={`/uploads/${u.uploadId}`} onClick={followLink}>
              Its report
            </a>
          </li>
        ))}
      </ul>
      <h2>What it changed on the dashboard</h2>
      <NumberChanges numbers={numbers} />
      <h2>Every figure that changed</h2>
      {figures.length === 0 ? (
        <p>No figure differs between the two versions.</p>
      ) : (
        <>
          <DataTable
            table={changesTable({ figures: figures.slice(0, FIGURES_SHOWN), numbers })}
            caption="Figures added, revised or removed, with their values, bases and sources"
          />
          {figures.length > FIGURES_SHOWN && (
            <p className="table-legend">
              The first {FIGURES_SHOWN} of {figures.length.toLocaleString("en-US")} figures, by entity, metric and period; the CSV has every
              one.
            </p>
          )}
        </>
      )}
      <p className="changes__links">
        <a href={`/?asOf=${from}`} onClick={followLink} hidden={from === 0}>
          The dashboard as of version {from}
        </a>{" "}
        <a href={`/?asOf=${to}`} onClick={followLink}>
          The dashboard as of version {to}
        </a>
      </p>
    </>
  );
}

function Versions({ versions }: { versions: readonly DataVersion[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Every data version">
      <table className="data-table">
        <caption>Every data version and what the dashboard said right after it (default settings)</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Committed</th>
            <th scope="col">Upload</th>
            <th scope="col">Coverage flag</th>
            <th scope="col" className="num">
              Coverage
            </th>
            <th scope="col">Killer-app watch</th>
            <th scope="col">Links</th>
          </tr>
        </thead>
        <tbody>
          {[...versions].reverse().map((v) => (
            <tr key={v.version} data-version={v.version}>
              <th scope="row">{v.version}</th>
              <td>{formatTime(v.createdAt)}</td>
              <td>
                {v.kind === "revert" ? "a revert" : (v.fileName ?? "an upload")} by {v.tokenName}: {v.inserted} added, {v.updated} updated,{" "}
                {v.deleted} removed
              </td>
              <td>{v.flag.quarter ? `${v.flag.status} in ${formatPeriod(v.flag.quarter)}, ${v.flag.streak} in a row` : v.flag.status}</td>
              <td className="num">{formatCell("percent", v.headline?.coverage.value ?? null)}</td>
              <td>{v.killerApps.killerApps.length > 0 ? v.killerApps.killerApps.join(", ") : "none yet"}</td>
              <td>
                <a href={`/?asOf=${v.version}`} onClick={followLink}>
                  Dashboard then
                </a>{" "}
                <a href={`/changes?from=${v.version - 1}&to=${v.version}`} onClick={followLink}>
                  What it changed
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ChangesPage() {
  const search = useSearch();
  const history = useHistory();
  useDocumentTitle("What changed");
  const versions = history.data?.versions ?? [];
  const latest = versions.at(-1)?.version ?? 0;
  const range = history.data ? rangeOf(search, latest) : null;
  return (
    <>
      <header className="masthead">
        <p className="uploads__nav">
          <a href="/" onClick={followLink}>
            ← Dashboard
          </a>
        </p>
        <h1>What changed</h1>
        <p className="masthead__thesis">
          Every upload and revert is a data version; the dashboard of any version can be opened as it stood then. Follow new versions in a
          feed reader: <a href="/feed.atom">the Atom feed</a>.
        </p>
      </header>
      <main className="changes">
        {history.isError && <p role="alert">The data versions could not be loaded: {history.error.message}</p>}
        {range && (
          <form
            className="changes__range"
            aria-label="Versions to compare"
            key={`${range.from}-${range.to}`}
            onSubmit={(event) => {
              event.preventDefault();
              const form = new FormData(event.currentTarget);
              navigate(`/changes?from=${form.get("from")}&to=${form.get("to")}`);
            }}
          >
            <VersionSelect name="from" label="From" value={range.from} versions={versions} withNone />
            <VersionSelect name="to" label="to" value={range.to} versions={versions} withNone={false} />
            <button type="submit">Compare</button>
          </form>
        )}
        {range?.problem && <p role="alert">These versions cannot be compared: {range.problem}.</p>}
        {range && !range.problem && <Changes from={range.from} to={range.to} />}
        {history.data && (
          <>
            <h2>Every version</h2>
            <Versions versions={versions} />
          </>
        )}
      </main>
    </>
  );
}
