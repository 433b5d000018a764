// What an upload report shows, with no markup: problems first (they block the commit), then
// warnings, then every change with its old and new value, in the file's order.
import type { FigureChange } from "../../../../server/domain/revisions.ts";
import { formatPeriod } from "../../lib/format.ts";

export interface ReportProblem {
  file: string;
  line: number;
  column: string;
  value: string;
  message: string;
}

export interface ReportInput {
  problems?: ReportProblem[];
  warnings: ReportProblem[];
  changes: FigureChange[];
  /** Changes the server counted but did not list (a very large file). */
  changesOmitted?: number;
}

export interface ChangeRow {
  key: string;
  line: number | null;
  entity: string;
  metric: string;
  /** The quarter or year of a flow; the date of a point-in-time figure. */
  when: string;
  unit: string;
  before: string;
  after: string;
  /** How the value moved: a signed percentage, "new" or "removed". */
  move: string;
  /** The other fields that changed, as "basis: reported → restated". */
  alsoChanged: string[];
}

export interface ReportView {
  problems: ReportProblem[];
  warnings: ReportProblem[];
  changes: ChangeRow[];
  /** Changes beyond the first MAX_CHANGE_ROWS, counted rather than drawn. */
  moreChanges: number;
}

export const MAX_CHANGE_ROWS = 500;

const millions = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });
const percent = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, signDisplay: "exceptZero" });
const OTHER_FIELDS = ["basis", "source", "note", "fiscalLabel", "periodEnd", "unit"] as const;
const SHOWN_CHARACTERS = 60;

const shorten = (text: string | number | null) => {
  const shown = text === null ? "empty" : String(text);
  return shown.length > SHOWN_CHARACTERS ? `${shown.slice(0, SHOWN_CHARACTERS - 1)}…` : shown;
};

const byLine = (a: ReportProblem, b: ReportProblem) => a.file.localeCompare(b.file) || a.line - b.line;

function changeRow(change: FigureChange, index: number): ChangeRow {
  const { before, after } = change;
  const figure = after ?? before;
  if (!figure) throw new Error(`a change to ${change.entity} ${change.metric} has neither a figure before nor after`);
  const move =
    before === null
      ? "new"
      : after === null
        ? "removed"
        : before.value === 0
          ? "from 0"
          : `${percent.format(((after.value - before.value) / Math.abs(before.value)) * 100)}%`;
  const alsoChanged =
    before && after
      ? OTHER_FIELDS.filter((field) => before[field] !== after[field]).map(
          (field) => `${field}: ${shorten(before[field])} → ${shorten(after[field])}`,
        )
      : [];
  return {
    key: `${index}`,
    line: change.line ?? null,
    entity: change.entity,
    metric: change.metric,
    when: change.kind === "flow" ? formatPeriod(figure.period) : figure.periodEnd,
    unit: figure.unit,
    before: before ? millions.format(before.value) : "—",
    after: after ? millions.format(after.value) : "—",
    move,
    alsoChanged,
  };
}

export function buildReportView(report: ReportInput): ReportView {
  return {
    problems: [...(report.problems ?? [])].sort(byLine),
    warnings: [...report.warnings].sort(byLine),
    changes: report.changes.slice(0, MAX_CHANGE_ROWS).map(changeRow),
    moreChanges: Math.max(0, report.changes.length - MAX_CHANGE_ROWS) + (report.changesOmitted ?? 0),
  };
}
