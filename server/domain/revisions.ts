// A figure's state as a revision records it, and the rules for comparing two states.
import type { Basis, MetricKind, Unit } from "./catalog.ts";

/** What an observation says, apart from what identifies it. */
export interface Figure {
  period: string;
  periodEnd: string;
  fiscalLabel: string | null;
  value: number;
  unit: Unit;
  basis: Basis;
  source: string | null;
  note: string | null;
}

/** One observation's change: before is null when it is new, after is null when it is removed. */
export interface FigureChange {
  entity: string;
  metric: string;
  kind: MetricKind;
  /** Where an upload's row stands; a revert has no file. */
  file?: string;
  line?: number;
  before: Figure | null;
  after: Figure | null;
}

const FIGURE_FIELDS = ["period", "periodEnd", "fiscalLabel", "value", "unit", "basis", "source", "note"] as const;

/** The fields a file may leave out (no column for them): a stored figure keeps its own. */
export type UnstatedField = "periodEnd" | "fiscalLabel" | "basis" | "source" | "note";

/** `incoming` over the figure it replaces: what its file had no column for stays as `stored` has it. */
export function overStored<T extends Figure>(incoming: T, stored: Figure, unstated: readonly UnstatedField[]): T {
  if (unstated.length === 0) return incoming;
  return { ...incoming, ...Object.fromEntries(unstated.map((field) => [field, stored[field]])) };
}

/** The fields other than the value in which two states of a figure differ. */
export function otherChanges(before: Figure, after: Figure): Exclude<keyof Figure, "value">[] {
  return FIGURE_FIELDS.filter((field): field is Exclude<keyof Figure, "value"> => field !== "value" && before[field] !== after[field]);
}

export function figureOf({ period, periodEnd, fiscalLabel, value, unit, basis, source, note }: Figure): Figure {
  return { period, periodEnd, fiscalLabel, value, unit, basis, source, note };
}

export function sameFigure(a: Figure, b: Figure): boolean {
  return FIGURE_FIELDS.every((field) => a[field] === b[field]);
}

/** A revision this far from the figure it replaces is more often a unit or period slip (thousands
 * for millions, a year for a quarter) than news: worth a second look before committing. */
export const LARGE_REVISION = 0.5;

/** How far `next` is from `previous`, as a fraction of `previous`; Infinity from zero. */
export function revisionSize(previous: number, next: number): number {
  if (previous === next) return 0;
  return previous === 0 ? Infinity : Math.abs(next - previous) / Math.abs(previous);
}
