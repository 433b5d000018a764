// The one table `npm run bench` prints: each figure, its ratio to its baseline, and its budget.
export interface Row {
  what: string;
  value: string;
  ratio: string;
  budget: string;
}

export function renderTable(rows: Row[]): string {
  const header: Row = { what: "measure", value: "value", ratio: "ratio", budget: "budget" };
  const lines = [header, ...rows].map((row) => `| ${row.what} | ${row.value} | ${row.ratio} | ${row.budget} |`);
  lines.splice(1, 0, "| --- | ---: | ---: | --- |");
  return lines.join("\n");
}
