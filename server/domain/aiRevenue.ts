// AI revenue, annualized: each AI company's revenue run-rate on a quarter's last day, read from the
// dated run-rates it or the press stated. A run-rate is a point in time (USD_m_annualized), so it is
// never added to a flow; consumer app spending (a quarterly flow) is kept beside it, never in it.

import { type Computed, isKnown, known, missing, reasonsOf } from "./computed.ts";
import { readsFigure, THESIS_INPUTS } from "./inputs.ts";
import { isoDayToString, parseIsoDay, quarterFromIndex } from "./periods.ts";
import {
  type FlowSeries,
  flowSeries,
  memoized,
  quarterLastDay,
  quarterOf,
  quarterOfDay,
  type Series,
  type ThesisObservation,
} from "./series.ts";

const RUN_RATE = THESIS_INPUTS.aiRevenueRunRate;
const CONSUMER_SPENDING = THESIS_INPUTS.consumerAppSpending;

export type RunRateMethod = "observed" | "interpolated" | "carried forward";

/** A stated run-rate, with what the UI needs to cite it. */
export interface RunRatePoint {
  periodEnd: string;
  value: number;
  basis: string;
  source: string | null;
}

export interface EntityRunRate {
  entity: string;
  value: Computed;
  /** How the value was obtained; null exactly when value is missing. */
  how: RunRateMethod | null;
  /** The observations the value came from: one (observed, carried forward), two (interpolated) or none. */
  from: RunRatePoint[];
}

/** A stated consumer app spending figure for the quarter (USD_m, a flow), shown beside AI revenue. */
export interface ConsumerSpending {
  entity: string;
  /** consumer_ai_app_spending (the market's estimate) or app_consumer_spending (one AI app's). */
  metric: string;
  value: Computed;
  source: string | null;
}

/** A run-rate with its date as days since 1970-01-01, for ordering and interpolation. */
export type DatedPoint = RunRatePoint & { day: number };

/**
 * An entity's `ai_revenue_run_rate` observations in USD_m_annualized, oldest first. Identity is by
 * date, so when two share a date the later row wins.
 */
export function runRatePoints(observations: readonly ThesisObservation[], entity: string): DatedPoint[] {
  const byDay = new Map<number, DatedPoint>();
  for (const o of observations) {
    const day = parseIsoDay(o.periodEnd);
    const usable = o.entity === entity && o.metric === RUN_RATE.metric && o.unit === RUN_RATE.unit;
    if (usable && day !== null && quarterOf(o.period) !== null) {
      byDay.set(day, { periodEnd: o.periodEnd, value: o.value, basis: o.basis, source: o.source, day });
    }
  }
  return [...byDay.values()].sort((a, b) => a.day - b.day);
}

function cited({ periodEnd, value, basis, source }: DatedPoint): RunRatePoint {
  return { periodEnd, value, basis, source };
}

/**
 * The run-rate on `day`: the observation of that day; else linear in days between the nearest
 * observations before and after; else the last one held flat for at most `carryForwardDays`.
 * Before the first observation or beyond the carry-forward window it is missing: no extrapolation.
 */
export function runRateAt(entity: string, points: readonly DatedPoint[], day: number, carryForwardDays: number): EntityRunRate {
  const first = points[0];
  const date = isoDayToString(day);
  const quarters = [quarterFromIndex(quarterOfDay(day))];
  const none = (kind: "no_observations" | "outside_observed_range", message: string): EntityRunRate => ({
    entity,
    value: missing({ kind, message, entity, metric: RUN_RATE.metric, quarters }),
    how: null,
    from: [],
  });
  if (!first) return none("no_observations", `${entity} has no run-rate observations`);
  const exact = points.find((p) => p.day === day);
  if (exact) return { entity, value: known(exact.value), how: "observed", from: [cited(exact)] };
  const before = points.findLast((p) => p.day < day);
  if (!before)
    return none("outside_observed_range", `outside observed range: ${entity} run-rate starts ${first.periodEnd} (asked for ${date})`);
  const next = points.find((p) => p.day > day);
  if (!next) {
    // Past the last observation, which is `before`.
    const age = day - before.day;
    if (age <= carryForwardDays) return { entity, value: known(before.value), how: "carried forward", from: [cited(before)] };
    return none(
      "outside_observed_range",
      `outside observed range: ${entity} run-rate last observed ${before.periodEnd}, ${age} days before ${date} (carry-forward limit ${carryForwardDays} days)`,
    );
  }
  const value = before.value + ((next.value - before.value) * (day - before.day)) / (next.day - before.day);
  return { entity, value: known(value), how: "interpolated", from: [cited(before), cited(next)] };
}

export interface AiRevenue {
  /** Each selected entity's run-rate on quarter q's last day. */
  byEntity(q: number): EntityRunRate[];
  /** The sum over the selected entities; missing, naming the entity, when any is missing. */
  total: Series;
  /** The quarter holding the latest observation of any selected entity; null when there is none. */
  lastObservedQuarter: number | null;
}

export function aiRevenue(observations: readonly ThesisObservation[], entities: readonly string[], carryForwardDays: number): AiRevenue {
  const pointsByEntity = entities.map((entity) => ({ entity, points: runRatePoints(observations, entity) }));
  const byEntity = (q: number) =>
    pointsByEntity.map(({ entity, points }) => runRateAt(entity, points, quarterLastDay(q), carryForwardDays));
  // Each entity's points are sorted: its last is its latest.
  const lastDay = pointsByEntity.reduce<number | null>((latest, { points }) => {
    const day = points.at(-1)?.day;
    return day === undefined || (latest !== null && latest >= day) ? latest : day;
  }, null);
  return {
    byEntity,
    total: memoized({
      name: "AI revenue annualized",
      at(q) {
        if (entities.length === 0) return missing({ kind: "nothing_selected", message: "no AI revenue entity selected" });
        const values = byEntity(q).map((rate) => rate.value);
        if (!values.every(isKnown)) return missing(...reasonsOf(values));
        return known(values.reduce((total, v) => total + v.value, 0));
      },
    }),
    lastObservedQuarter: lastDay === null ? null : quarterOfDay(lastDay),
  };
}

/**
 * Every quarterly series of consumers' spending on AI apps in USD_m: the market's (any entity
 * reporting it) and each selected AI app's, by metric and entity id.
 */
export function consumerSpendingSeries(observations: readonly ThesisObservation[], aiApps: readonly string[]): FlowSeries[] {
  const market = CONSUMER_SPENDING;
  const apps = THESIS_INPUTS.aiAppSpending;
  const keys = new Set(
    observations
      .filter(
        (o) =>
          quarterOf(o.period) !== null &&
          (readsFigure(market, { companies: [], aiRevenue: [], aiApps }, o) ||
            readsFigure(apps, { companies: [], aiRevenue: [], aiApps }, o)),
      )
      .map((o) => `${o.metric}|${o.entity}`),
  );
  return [...keys].sort().flatMap((key) => {
    const [metric = "", entity = ""] = key.split("|");
    return [flowSeries(observations, entity, metric)];
  });
}

export function consumerSpendingAt(series: readonly FlowSeries[], q: number): ConsumerSpending[] {
  return series.map((s) => ({
    entity: s.entity,
    metric: s.metric,
    value: s.at(q),
    source: s.observations.get(q)?.source ?? null,
  }));
}
