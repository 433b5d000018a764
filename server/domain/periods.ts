// Periods as data/README.md defines them: `YYYY-Qn` is the calendar quarter holding most of a
// fiscal quarter, `YYYY-FY` a whole fiscal year named by the calendar year holding most of it.
// Dates are ISO `YYYY-MM-DD` strings compared as UTC days, so no time zone can shift a quarter.

export type Period = { kind: "quarter"; year: number; quarter: 1 | 2 | 3 | 4 } | { kind: "fiscalYear"; year: number };

export const MIN_YEAR = 1980;
export const MAX_YEAR = 2100;

/** Group 2 is the quarter's digit, absent for a fiscal year. */
const PERIOD_PATTERN = /^(\d{4})-(?:Q([1-4])|FY)$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** A flow's period_end may differ from its calendar quarter's end by this much (a fiscal quarter
 * is assigned to the calendar quarter holding most of its days). */
export const QUARTER_END_TOLERANCE_DAYS = 45;
/** A fiscal year is named by the calendar year holding most of it: within half a year of 31 Dec. */
export const FISCAL_YEAR_END_TOLERANCE_DAYS = 183;

/**
 * Periods and dates repeat across a file's rows (every company reports the same quarters), so each
 * distinct text is parsed once. Only valid texts are kept, and no more than CACHE_LIMIT of each, so
 * a file of odd dates cannot grow the cache without bound.
 */
const CACHE_LIMIT = 100_000;

function cachedParser<T>(read: (text: string) => T | null): (text: string) => T | null {
  const parsed = new Map<string, T>();
  return (text) => {
    const known = parsed.get(text);
    if (known !== undefined) return known;
    const value = read(text);
    if (value !== null && parsed.size < CACHE_LIMIT) parsed.set(text, value);
    return value;
  };
}

export const parsePeriod = cachedParser(readPeriod);

function readPeriod(text: string): Period | null {
  const match = PERIOD_PATTERN.exec(text);
  if (!match) return null;
  const [, year, quarter] = match;
  if (quarter === undefined) return { kind: "fiscalYear", year: Number(year) };
  return { kind: "quarter", year: Number(year), quarter: Number(quarter) as 1 | 2 | 3 | 4 };
}

export function isPlausibleYear(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** Days since 1970-01-01 for a real calendar date, or null (rejects 2025-02-30). */
export const parseIsoDay = cachedParser(readIsoDay);

function readIsoDay(text: string): number | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return ms / DAY_MS;
}

export function isoDayToString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function utcDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** First and last calendar day of a period (a fiscal year spans its calendar year). */
export function periodCalendarRange(period: Period): { first: number; last: number } {
  if (period.kind === "fiscalYear") {
    return { first: utcDay(period.year, 1, 1), last: utcDay(period.year, 12, 31) };
  }
  const firstMonth = (period.quarter - 1) * 3 + 1;
  return { first: utcDay(period.year, firstMonth, 1), last: utcDay(period.year, firstMonth + 3, 1) - 1 };
}

/** The period_end a flow gets when the row leaves it empty: the calendar period's last day. */
export function defaultPeriodEnd(period: Period): string {
  return isoDayToString(periodCalendarRange(period).last);
}

/**
 * Why a period_end does not fit its period, or null when it does. Flows end near their calendar
 * period's last day (fiscal calendars drift); a point-in-time value lies inside its period.
 */
export function periodEndMismatch(period: Period, periodEndDay: number, kind: "flow" | "point"): string | null {
  const { first, last } = periodCalendarRange(period);
  if (kind === "point") {
    if (periodEndDay < first || periodEndDay > last) {
      return `a point-in-time value's date must lie inside its period (${isoDayToString(first)} to ${isoDayToString(last)})`;
    }
    return null;
  }
  const tolerance = period.kind === "fiscalYear" ? FISCAL_YEAR_END_TOLERANCE_DAYS : QUARTER_END_TOLERANCE_DAYS;
  if (Math.abs(periodEndDay - last) > tolerance) {
    return `a flow's period end must lie within ${tolerance} days of ${isoDayToString(last)}, the last day of its calendar period`;
  }
  return null;
}

/** Quarters as consecutive integers, so q - 4 is the same quarter a year earlier. */
export function quarterIndex(year: number, quarter: number): number {
  return year * 4 + (quarter - 1);
}

export function quarterFromIndex(index: number): string {
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** `2025-Q3` as analysts write it: `2025 Q3`; `2024-FY` as `FY 2024`. */
export function formatPeriod(text: string): string {
  const period = parsePeriod(text);
  if (!period) return text;
  return period.kind === "fiscalYear" ? `FY ${period.year}` : `${period.year} Q${period.quarter}`;
}
