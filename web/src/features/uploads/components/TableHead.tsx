/** A table's header row; numeric columns align right like their figures. */
export function TableHead({ columns }: { columns: (string | { numeric: string })[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) =>
          typeof column === "string" ? (
            <th key={column} scope="col">
              {column}
            </th>
          ) : (
            <th key={column.numeric} scope="col" className="num">
              {column.numeric}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
