// An upload's report as tables: problems (which block the commit), warnings, then the changes.
import type { ReportProblem, ReportView } from "../uploadReport.ts";
import { TableHead } from "./TableHead.tsx";

function ProblemTable({ caption, rows, className }: { caption: string; rows: ReportProblem[]; className: string }) {
  return (
    <div className="table-scroll">
      <table className={`data-table ${className}`}>
        <caption>{caption}</caption>
        <TableHead columns={["File", { numeric: "Line" }, "Column", "Value", "What is expected"]} />
        <tbody>
          {rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a report's rows are only ever replaced whole
            <tr key={index}>
              {/* data-label: on a phone each row is a card, every cell labelled (uploads.css). */}
              <td data-label="File">{row.file}</td>
              <td className="num" data-label="Line">
                {row.line}
              </td>
              <td data-label="Column">{row.column || "—"}</td>
              <td className="uploads__value" data-label="Value">
                {row.value}
              </td>
              <td className="uploads__message" data-label="What is expected">
                {row.message}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReportTables({ view }: { view: ReportView }) {
  return (
    <>
      {view.problems.length > 0 && (
        <ProblemTable
          className="uploads__problems"
          caption={`${view.problems.length} problem${view.problems.length === 1 ? "" : "s"}: nothing can be committed until the file is fixed`}
          rows={view.problems}
        />
      )}
      {view.warnings.length > 0 && (
        <ProblemTable
          className="uploads__warnings"
          caption={`${view.warnings.length} warning${view.warnings.length === 1 ? "" : "s"}: worth a look, not blocking`}
          rows={view.warnings}
        />
      )}
      {view.changes.length > 0 && (
        <div className="table-scroll">
          <table className="data-table uploads__changes">
            <caption>Changes, old → new value (millions of the unit)</caption>
            <TableHead
              columns={[
                { numeric: "Line" },
                "Entity",
                "Metric",
                "Period",
                { numeric: "Old" },
                { numeric: "New" },
                { numeric: "Change" },
                "Unit",
                "Also changed",
              ]}
            />
            <tbody>
              {view.changes.map((row) => (
                <tr key={row.key} data-entity={row.entity} data-metric={row.metric}>
                  <td className="num">{row.line ?? "—"}</td>
                  <td>{row.entity}</td>
                  <td>{row.metric}</td>
                  <td>{row.when}</td>
                  <td className="num">{row.before}</td>
                  <td className="num">{row.after}</td>
                  <td className="num">{row.move}</td>
                  <td>{row.unit}</td>
                  <td className="uploads__message">{row.alsoChanged.join("; ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {view.moreChanges > 0 && (
            <p className="table-legend">and {view.moreChanges.toLocaleString("en-US")} more changes, not listed here</p>
          )}
        </div>
      )}
    </>
  );
}
