// A chart's table as a CSV download in the browser, written by the same code as the server's
// exports: the same columns, quoting and formula neutralisation.
import { writeCsv } from "../../../../server/csv/writeCsv.ts";
import type { Column, Row } from "../../../../server/domain/exportTables.ts";

export function downloadCsv(fileName: string, columns: readonly Column[], rows: readonly Row[]): void {
  const url = URL.createObjectURL(new Blob([writeCsv(columns, rows)], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked once the click has started the download: revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
