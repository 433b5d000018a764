// Quarterly series built from observations, and the transforms the thesis is made of: trailing
// twelve months, year-over-year growth, sums across companies, ratios, differences and the highest
// earlier value. Each transform returns a value or a named reason for every quarter.

import { type Computed, isKnown, known, missing, noPriorYear, type Reason, reasonsOf } from "./computed.ts";
import { isoDayToString, parsePeriod, periodCalendarRange, quarterFromIndex, quarterIndex } from "./periods.ts";

/** One row of the data set (data/README.md), as the thesis reads it. */
export interface ThesisObservation {
  entity: string;
  metric: string;
  /** `YYYY-Qn` or `YYYY-FY`. */
  period: string;
  /** `YYYY-MM-DD`. */
  periodEnd: string;
  value: number;
  unit: string;
  basis: string;
  source: string | null;
}

/** The quarter index of a `YYYY-Qn` period; null for a fiscal year or anything else. */
export function quarterOf(period: string): number | null {
  const parsed = parsePeriod(period);
  return parsed?.kind === "quarter" ? quarterIndex(parsed.year, parsed.quarter) : null;
}

/** The quarter index of a `YYYY-Qn` text that was validated before; a RangeError if it is not one. */
export function requireQuarter(period: string): number {
  const q = quarterOf(period);
  if (q === null) throw new RangeError(`expected a quarter as YYYY-Qn, got "${period}"`);
  return q;
}

/** The lowest and highest of the numbers (a loop: spreading many into Math.min overflows the stack). */
export function extent(values: Iterable<number>): { first: number; last: number } | null {
  let range: { first: number; last: number } | null = null;
  for (const value of values) {
    if (range === null) range = { first: value, last: value };
    else if (value < range.first) range.first = value;
    else if (value > range.last) range.last = value;
  }
  return range;
}

/** The last calendar day of quarter q, in days since 1970-01-01. */
export function quarterLastDay(q: number): number {
  const quarter = ((q % 4) + 1) as 1 | 2 | 3 | 4;
  return periodCalendarRange({ kind: "quarter", year: Math.floor(q / 4), quarter }).last;
}

/** The quarter holding a day (days since 1970-01-01). */
export function quarterOfDay(day: number): number {
  const date = isoDayToString(day);
  return quarterIndex(Number(date.slice(0, 4)), Math.ceil(Number(date.slice(5, 7)) / 3));
}

/** A value or reason for every quarter index; reasons refer to the series by `name`. */
export interface Series {
  name: string;
  at(q: number): Computed;
}

/**
 * The same series, each quarter computed once: derived series are read many times (earlier peaks
 * look back over every quarter, flags compare with q - lookback), and a chain of TTMs, sums and
 * ratios would otherwise be recomputed at every read.
 */
export function memoized(series: Series): Series {
  const cache = new Map<number, Computed>();
  return {
    name: series.name,
    at(q) {
      let value = cache.get(q);
      if (value === undefined) {
        value = series.at(q);
        cache.set(q, value);
      }
      return value;
    },
  };
}

/** Adds `item` to the list under `key`, starting the list with it. */
function append<K, V>(groups: Map<K, V[]>, key: K, item: V): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}

/** Observations grouped once by entity and metric, so each series reads only its own rows. */
export function indexObservations(observations: readonly ThesisObservation[]) {
  const byKey = new Map<string, ThesisObservation[]>();
  const byMetric = new Map<string, ThesisObservation[]>();
  for (const o of observations) {
    append(byKey, `${o.entity}|${o.metric}`, o);
    append(byMetric, o.metric, o);
  }
  return {
    of: (entity: string, metric: string): readonly ThesisObservation[] => byKey.get(`${entity}|${metric}`) ?? [],
    ofMetric: (metric: string): readonly ThesisObservation[] => byMetric.get(metric) ?? [],
  };
}

export type ObservationIndex = ReturnType<typeof indexObservations>;

/** A flow as reported: one observation per quarter, so its sources can be cited. */
export interface FlowSeries<O extends ThesisObservation = ThesisObservation> extends Series {
  entity: string;
  metric: string;
  observations: ReadonlyMap<number, O>;
}

/** `capex` reads "capex", `cloud_revenue` reads "cloud revenue" in reasons. */
export function metricLabel(metric: string): string {
  return metric.replaceAll("_", " ");
}

/**
 * The quarterly flow of one entity's metric. Only USD_m rows of calendar quarters count: a
 * fiscal-year row overlaps its quarters, another currency is never converted and a run-rate is not a
 * flow. Identity is (entity, metric, period), so a later row for the same quarter replaces an earlier one.
 */
export function flowSeries<O extends ThesisObservation>(observations: readonly O[], entity: string, metric: string): FlowSeries<O> {
  const byQuarter = new Map<number, O>();
  for (const o of observations) {
    const q = quarterOf(o.period);
    if (o.entity === entity && o.metric === metric && o.unit === "USD_m" && q !== null) byQuarter.set(q, o);
  }
  const name = `${entity} ${metricLabel(metric)}`;
  return {
    name,
    entity,
    metric,
    observations: byQuarter,
    at(q) {
      const o = byQuarter.get(q);
      return o ? known(o.value) : missing(missingQuarters({ name, entity, metric }, [q]));
    },
  };
}

export const NO_COMPANY_SELECTED: Reason = { kind: "nothing_selected", message: "no company selected" };

/** A flow's figures that no source gave, naming the quarters. */
function missingQuarters(flow: Pick<FlowSeries, "name" | "entity" | "metric">, absent: readonly number[]): Reason {
  const quarters = absent.map(quarterFromIndex);
  return {
    kind: "missing_quarter",
    message: `${flow.name} missing for ${quarters.join(", ")}`,
    entity: flow.entity,
    metric: flow.metric,
    quarters,
  };
}

function divideByZero(denominator: Series, q: number): Reason {
  const quarter = quarterFromIndex(q);
  return { kind: "divide_by_zero", message: `divide by zero: ${denominator.name} for ${quarter} is 0`, quarters: [quarter] };
}

/** TTM(x, q): the sum over q and the three quarters before it; missing, naming every absent quarter. */
export function ttm(flow: FlowSeries): Series {
  return memoized({
    name: `${flow.name} TTM`,
    at(q) {
      let total = 0;
      const absent: number[] = [];
      for (const i of [q - 3, q - 2, q - 1, q]) {
        const o = flow.observations.get(i);
        if (o) total += o.value;
        else absent.push(i);
      }
      if (absent.length > 0) return missing(missingQuarters(flow, absent));
      return known(total);
    },
  });
}

/** YoY(x, q) = x(q) / x(q-4) - 1; missing when either side is missing or the year-earlier value is 0. */
export function yoy(series: Series): Series {
  return memoized({
    name: `${series.name} YoY`,
    at(q) {
      const current = series.at(q);
      const prior = series.at(q - 4);
      if (!isKnown(current)) return current;
      if (!isKnown(prior)) return missing(...noPriorYear(prior.reasons));
      if (prior.value === 0) return missing(divideByZero(series, q - 4));
      return known(current.value / prior.value - 1);
    },
  });
}

/** The sum of all parts, or missing naming each missing part: never a partial sum. */
export function sumSeries(name: string, parts: readonly Series[], noParts: Reason): Series {
  return memoized({
    name,
    at(q) {
      if (parts.length === 0) return missing(noParts);
      const values = parts.map((part) => part.at(q));
      if (!values.every(isKnown)) return missing(...reasonsOf(values));
      return known(values.reduce((total, v) => total + v.value, 0));
    },
  });
}

/** numerator / denominator; missing when either is missing or the denominator is 0. */
export function ratioSeries(name: string, numerator: Series, denominator: Series): Series {
  return memoized({
    name,
    at(q) {
      const [top, bottom] = [numerator.at(q), denominator.at(q)];
      if (!isKnown(top) || !isKnown(bottom)) return missing(...reasonsOf([top, bottom]));
      if (bottom.value === 0) return missing(divideByZero(denominator, q));
      return known(top.value / bottom.value);
    },
  });
}

/** minuend - subtrahend; missing when either is missing. */
export function differenceSeries(name: string, minuend: Series, subtrahend: Series): Series {
  return memoized({
    name,
    at(q) {
      const [a, b] = [minuend.at(q), subtrahend.at(q)];
      if (!isKnown(a) || !isKnown(b)) return missing(...reasonsOf([a, b]));
      return known(a.value - b.value);
    },
  });
}

export interface EarlierPeak {
  /** The highest known value strictly before the quarter. */
  earlierPeak: Computed;
  /** The quarter of that peak (the first, on a tie); null exactly when earlierPeak is missing. */
  earlierPeakQuarter: string | null;
  /** Whether the quarter's value is strictly above the earlier peak. */
  aboveEarlierPeak: Computed<boolean>;
}

/** The highest value over quarters first .. q-1, and whether q exceeds it. */
export function earlierPeak(series: Series, first: number, q: number): EarlierPeak {
  let peak: { value: number; quarter: number } | null = null;
  for (let i = first; i < q; i++) {
    const value = series.at(i).value;
    if (value !== null && (peak === null || value > peak.value)) peak = { value, quarter: i };
  }
  const current = series.at(q);
  if (peak === null) {
    const reason: Reason = {
      kind: "no_earlier_value",
      message: `no quarter before ${quarterFromIndex(q)} has a known ${series.name}`,
      quarters: [quarterFromIndex(q)],
    };
    return { earlierPeak: missing(reason), earlierPeakQuarter: null, aboveEarlierPeak: missing(reason) };
  }
  return {
    earlierPeak: known(peak.value),
    earlierPeakQuarter: quarterFromIndex(peak.quarter),
    aboveEarlierPeak: isKnown(current) ? known(current.value > peak.value) : current,
  };
}
