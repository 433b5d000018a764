// The Table view of a chart: the same numbers, aligned right with one decimal, each linked to its
// source where it has one, its basis or missing reason in the cell's title.
import { useNames } from "../features/catalog/api/useNames.ts";
import { cellNote, formatCell, type Table } from "../lib/chartTable.ts";

export function DataTable({ table, caption }: { table: Table; caption: string }) {
  const names = useNames();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column, index) => (
              <th key={column.key} scope="col" className={index > 0 && column.kind !== "text" ? "num" : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, rowIndex) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own and are only ever replaced whole
            <tr key={rowIndex}>
              {table.columns.map((column, index) => {
                const cell = row[column.key];
                const text = formatCell(column.kind, cell?.value ?? null);
                const note = cellNote(cell, names);
                const mark = cell?.basis && cell.basis !== "reported" && cell.value !== null ? cell.basis[0] : undefined;
                const content = (
                  <>
                    {cell?.href ? (
                      <a href={cell.href} target="_blank" rel="noreferrer">
                        {text}
                      </a>
                    ) : (
                      text
                    )}
                    {mark && <sup className="basis-mark">{mark}</sup>}
                  </>
                );
                return index === 0 ? (
                  <th key={column.key} scope="row" title={note}>
                    {content}
                  </th>
                ) : (
                  <td
                    key={column.key}
                    className={`${column.kind !== "text" ? "num" : ""}${cell?.value === null ? " missing" : ""}`}
                    title={note}
                    data-column={column.key}
                  >
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
