// The Export menu: each table of the current view as CSV, XLSX or JSON, straight from /api/export
// (the server names the file after the table and the data version).
import { useEffect, useRef } from "react";
import { EXPORT_FORMATS, TABLE_NAMES, type TableName } from "../../../../../server/domain/exportTables.ts";
import { exportHref } from "../exportLinks.ts";
import "./ExportMenu.css";

const TABLE_LABELS: Record<TableName, string> = {
  thesis: "Thesis, quarter by quarter",
  companies: "Companies, latest quarter",
  observations: "Raw figures with sources",
  "killer-apps": "Killer-app tests, by app",
  scenarios: "Scenarios: depreciation and projections",
};

/** The header's tables: the thesis view's. The Scenarios section and the killer-app page offer their own, with their inputs. */
const THESIS_TABLES = TABLE_NAMES.filter((table) => table !== "scenarios" && table !== "killer-apps");

export interface ExportMenuProps {
  /** The view's query parameters of these tables (/api/thesis's, or /api/scenarios'); omitted ones take their defaults. */
  params: Record<string, string>;
  tables?: readonly TableName[];
}

export function ExportMenu({ params, tables = THESIS_TABLES }: ExportMenuProps) {
  const menu = useRef<HTMLDetailsElement>(null);
  // A menu closes on Escape (focus back on its button) and on a click or tap anywhere else.
  useEffect(() => {
    const close = (event: Event) => {
      const element = menu.current;
      if (!element?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        element.open = false;
        element.querySelector("summary")?.focus();
      } else if (!element.contains(event.target as Node)) {
        element.open = false;
      }
    };
    document.addEventListener("keydown", close);
    document.addEventListener("pointerdown", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("pointerdown", close);
    };
  }, []);
  return (
    <details className="export-menu" ref={menu}>
      <summary>Export</summary>
      <ul className="export-menu__tables">
        {tables.map((table) => (
          <li key={table}>
            <span className="export-menu__table">{TABLE_LABELS[table]}</span>
            {EXPORT_FORMATS.map((format) => (
              <a key={format} href={exportHref(table, format, params)} download>
                {format.toUpperCase()}
              </a>
            ))}
          </li>
        ))}
      </ul>
    </details>
  );
}
