// Axes a reader can read at a glance, with no pixels: "nice" value ticks (1, 2, 2.5 or 5 times a
// power of ten) labelled with the decimals their step needs, so a label never disagrees with its
// grid line; quarter ticks at the same quarter of regular years; and the rows a chart has data for.
import type { ColumnKind, Row } from "./chartTable.ts";
import { formatPeriod } from "./format.ts";

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/** The smallest nice step that covers `span` in at most `intervals` steps. */
function niceStep(span: number, intervals: number): number {
  const raw = span / Math.max(1, intervals);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const factor = NICE_STEPS.find((step) => step * power >= raw * (1 - 1e-9)) ?? 10;
  return factor * power;
}

const round = (value: number, step: number) => Number((Math.round(value / step) * step).toPrecision(12));

export interface ValueTicks {
  domain: [number, number];
  ticks: number[];
  step: number;
}

/** Ticks from zero (or below it, for a negative value) to the largest value, at most `intervals` steps. */
export function linearTicks(values: readonly number[], intervals: number): ValueTicks {
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  const step = niceStep(high - low || 1, intervals);
  const [first, last] = [Math.floor(low / step + 1e-9) * step, Math.ceil(high / step - 1e-9) * step || step];
  const ticks: number[] = [];
  for (let tick = first; tick <= last + step / 2; tick += step) ticks.push(round(tick, step));
  return { domain: [round(first, step), round(last, step)], ticks, step };
}

/** A second axis with the same number of steps as the first, so both share its grid lines. */
export function alignedTicks(values: readonly number[], like: ValueTicks): ValueTicks {
  const intervals = like.ticks.length - 1;
  const zeroAt = like.ticks.indexOf(0);
  // Keep zero on the same grid line as the first axis's zero.
  const below = Math.max(zeroAt, 0);
  const above = intervals - below;
  const high = Math.max(0, ...values);
  const low = Math.min(0, ...values);
  const step = niceStep(Math.max(above > 0 ? high / above : 0, below > 0 ? -low / below : 0) || 1, 1);
  const ticks = like.ticks.map((_, i) => round((i - below) * step, step));
  return { domain: [ticks[0] ?? 0, ticks.at(-1) ?? step], ticks, step };
}

/** Powers of ten, with 2 and 5 between them when the data span less than two decades. */
export function logTicks(values: readonly number[]): ValueTicks {
  const positive = values.filter((v) => v > 0);
  const low = Math.min(...positive);
  const high = Math.max(...positive);
  if (positive.length === 0) return { domain: [1, 10], ticks: [1, 10], step: 1 };
  const [from, to] = [Math.floor(Math.log10(low)), Math.ceil(Math.log10(high))];
  const factors = to - from <= 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let power = from; power <= to; power++) for (const f of factors) ticks.push(Number((f * 10 ** power).toPrecision(12)));
  const inside = ticks.filter((_, i) => (ticks[i + 1] ?? Infinity) > low && (ticks[i - 1] ?? 0) < high);
  return { domain: [inside[0] ?? low, inside.at(-1) ?? high], ticks: inside, step: 0 };
}

/** Decimals a number needs to show `step` exactly (0.025 needs 3). */
function decimalsOf(step: number): number {
  if (step <= 0) return 0;
  for (let decimals = 0; decimals < 6; decimals++)
    if (Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) < 1e-6) return decimals;
  return 6;
}

const fixed = (value: number, decimals: number) =>
  value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/**
 * A value tick's label with the decimals its step needs: a 2.5% step reads 0%, 2.5%, 5.0%; a
 * $150B step reads $0B, $150B, $300B. A log axis (step 0) labels each tick by its own value.
 */
export function valueTickLabel(kind: ColumnKind, step: number): (value: number) => string {
  return (value) => {
    const scaled = kind === "percent" || kind === "growth" ? value * 100 : kind === "usd_m" ? value / 1000 : value;
    const stepScaled = kind === "percent" || kind === "growth" ? step * 100 : kind === "usd_m" ? step / 1000 : step;
    const decimals = decimalsOf(stepScaled || Math.abs(scaled));
    const text = fixed(Math.abs(scaled), decimals);
    const sign = value < 0 ? "-" : "";
    if (kind === "usd_m") return `${sign}$${text}B`;
    if (kind === "percent" || kind === "growth") return `${sign}${text}%`;
    if (kind === "multiple") return `${sign}${text}x`;
    return `${sign}${text}`;
  };
}

export interface QuarterTicks {
  ticks: string[];
  label: (quarter: string) => string;
}

const YEAR_STEPS = [1, 2, 3, 5, 10, 20];

/**
 * Ticks on a quarter axis that fit `maxTicks`: every quarter (or every other) for a short span,
 * labelled `2025 Q3`; otherwise the first quarter of every first, second, third, fifth ... year,
 * labelled by its year, so the ticks fall at the same point of each year.
 */
export function quarterTicks(quarters: readonly string[], maxTicks: number): QuarterTicks {
  const fit = Math.max(2, maxTicks);
  for (const every of [1, 2]) {
    const ticks = quarters.filter((_, i) => i % every === 0);
    if (ticks.length <= fit) return { ticks, label: formatPeriod };
  }
  const firsts = quarters.filter((q) => q.endsWith("-Q1"));
  const step = YEAR_STEPS.find((years) => firsts.filter((q) => Number(q.slice(0, 4)) % years === 0).length <= fit) ?? 50;
  return { ticks: firsts.filter((q) => Number(q.slice(0, 4)) % step === 0), label: (q) => q.slice(0, 4) };
}

const WHOLE_STEPS = [1, 2, 5, 10, 20, 50];

/** Whole-number ticks from 0 to `max` at a nice step, for an axis of years. */
export function yearTicks(max: number, maxTicks: number): number[] {
  const step = WHOLE_STEPS.find((s) => Math.floor(max / s) + 1 <= Math.max(2, maxTicks)) ?? 100;
  const ticks: number[] = [];
  for (let year = 0; year <= max + 1e-9; year += step) ticks.push(year);
  return ticks;
}

/** The rows from the first to the last that has a number in any of `keys`: an axis fitted to the data. */
export function fitRows(rows: readonly Row[], keys: readonly string[]): Row[] {
  const has = (row: Row) => keys.some((key) => typeof row[key]?.value === "number");
  const first = rows.findIndex(has);
  if (first === -1) return [];
  const last = rows.findLastIndex(has);
  return rows.slice(first, last + 1);
}

/** The quarters a chart draws: those of its fitted rows (fitRows), by their `quarter` cells. */
export function drawnQuarters(rows: readonly Row[], keys: readonly string[]): string[] {
  return fitRows(rows, keys).map((row) => String(row.quarter?.value));
}
