// The killer-app watch: has AI found its consumer killer app? The column's test: a service people
// use for enjoyment and lose time and money in without noticing, as they did Angry Birds,
// KakaoTalk, Instagram and YouTube. Each AI app is held against the apps that paid for earlier
// cycles at the same age (years since launch) on three tests: reach (active users), time (minutes a
// day) and money (consumers' spending a year). Every value carries the figures it came from.

import { formatPeriod, parseIsoDay } from "./periods.ts";
import type { ThesisObservation } from "./series.ts";

/** An app: an entity with a launch date. */
export interface App {
  id: string;
  name: string;
  group: string;
  launched: string;
}

/** The groups whose apps are tested, and those that set the bar (entities.csv). */
export const AI_APP_GROUPS: readonly string[] = ["ai_app", "ai_company"];
export const YARDSTICK_GROUPS: readonly string[] = ["earlier_killer_app"];

/** Active users, by the period they are counted over: never converted into one another. */
export const ACTIVE_USER_METRICS = {
  monthly_active_users: "monthly",
  weekly_active_users: "weekly",
  daily_active_users: "daily",
} as const;
export type ActiveUserMetric = keyof typeof ACTIVE_USER_METRICS;
/** Sign-ups, not active users: drawn, never tested. */
export const REGISTERED_USERS = "registered_users";
export const MINUTES_PER_DAY = "minutes_per_day";
/** A full year's money from consumers, in order of preference: what users spend, else the app's revenue. */
export const MONEY_METRICS = ["app_consumer_spending", "app_revenue"] as const;

/**
 * Who pays an app's revenue (data/README.md, "Apps are not companies"): advertising for Facebook,
 * Instagram and YouTube, users for Netflix and WhatsApp. App-store spending is always users'.
 */
const REVENUE_PAID_BY: Record<string, MoneyKind> = {
  FACEBOOK: "ad-funded",
  INSTAGRAM: "ad-funded",
  YOUTUBE: "ad-funded",
  NETFLIX: "paid by users",
  WHATSAPP: "paid by users",
};
export type MoneyKind = "paid by users" | "ad-funded" | "revenue, payer not stated";

export function moneyKind(app: string, metric: string): MoneyKind {
  return metric === "app_consumer_spending" ? "paid by users" : (REVENUE_PAID_BY[app] ?? "revenue, payer not stated");
}

const DAYS_A_YEAR = 365.25;
/** Beyond its first or last figure, a yardstick's nearest figure stands for it within this many years. */
const NEAREST_WITHIN_YEARS = 1;

/** Years from `launched` to `date` (both `YYYY-MM-DD`): days / 365.25. */
export function ageInYears(launched: string, date: string): number {
  const [from, to] = [parseIsoDay(launched), parseIsoDay(date)];
  if (from === null || to === null) throw new RangeError(`expected dates as YYYY-MM-DD, got ${launched} and ${date}`);
  return (to - from) / DAYS_A_YEAR;
}

/** A figure of an app, placed at its age. */
export interface AgedFigure {
  app: string;
  metric: string;
  period: string;
  periodEnd: string;
  age: number;
  value: number;
  basis: string;
  source: string | null;
}

/** A yardstick's value at an age, and how it was read off its figures. */
export interface ValueAtAge {
  app: string;
  value: number;
  how: "observed" | "interpolated" | "nearest";
  from: AgedFigure[];
}

/**
 * A series' value at `age`: observed there; else log-linear between the nearest figures before and
 * after (growth is compounding, so the log is linear); else, beyond the first or last figure, that
 * figure if it is within a year of the age ("nearest"); else none. Never extrapolated.
 */
export function valueAtAge(figures: readonly AgedFigure[], age: number): ValueAtAge | null {
  const sorted = [...figures].sort((a, b) => a.age - b.age);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return null;
  const exact = sorted.find((f) => f.age === age);
  if (exact) return { app: exact.app, value: exact.value, how: "observed", from: [exact] };
  if (age < first.age || age > last.age) {
    const nearest = age < first.age ? first : last;
    return Math.abs(nearest.age - age) <= NEAREST_WITHIN_YEARS
      ? { app: nearest.app, value: nearest.value, how: "nearest", from: [nearest] }
      : null;
  }
  const after = sorted.findIndex((f) => f.age > age);
  const [before, next] = [sorted[after - 1], sorted[after]];
  if (!before || !next || before.value <= 0 || next.value <= 0) return null;
  const share = (age - before.age) / (next.age - before.age);
  const value = Math.exp(Math.log(before.value) + share * (Math.log(next.value) - Math.log(before.value)));
  return { app: before.app, value, how: "interpolated", from: [before, next] };
}

/** The median of the values: the middle one, or the mean of the middle two. */
export function median(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

export type TestStatus = "pass" | "fail" | "unknown";
export type TestName = "reach" | "time" | "money";

/** The bar an app's figure is held against. */
export interface Bar {
  /** The median of the yardsticks' values at the app's age, or a fixed threshold. */
  value: number | null;
  /** Each yardstick's value at that age (empty for a threshold). */
  yardsticks: ValueAtAge[];
}

export interface AppTest {
  test: TestName;
  status: TestStatus;
  /** One sentence with the numbers. */
  sentence: string;
  /** The app's figure the test read, if any. */
  figure: AgedFigure | null;
  bar: Bar;
  /** The app's figure over the bar (1 is equal), when both are known. */
  ratio: number | null;
}

export interface AppVerdict {
  app: App;
  reach: AppTest;
  time: AppTest;
  money: AppTest;
  /** All three passed: a consumer killer app by the column's test. */
  killerApp: boolean;
  passed: TestName[];
}

export interface KillerAppParams {
  /** The AI apps tested; null for every app of AI_APP_GROUPS. */
  apps: readonly string[] | null;
  /** The earlier killer apps that set the bar; null for every app of YARDSTICK_GROUPS. */
  yardsticks: readonly string[] | null;
  /** Minutes a day the time test asks for (the yardsticks: TikTok 95, YouTube 84, Instagram 70, KakaoTalk 43). */
  minMinutes: number;
}

/** Fewer yardsticks than this with a value at the app's age leave a test unknown. */
export const MIN_YARDSTICKS = 2;

const millions = (value: number) => `${Math.round(value).toLocaleString("en-US")}M`;
const years = (age: number) => `${age.toFixed(1)} years`;
const dollars = (usdMillions: number) =>
  usdMillions >= 1000 ? `$${(usdMillions / 1000).toFixed(1)}B` : `$${usdMillions.toLocaleString("en-US", { maximumFractionDigits: 1 })}M`;

/** Every figure of an app's metric, placed at its age, in USD_m only for money (EUR is never converted). */
function aged(app: App, observations: readonly ThesisObservation[], metric: string): AgedFigure[] {
  return observations
    .filter((o) => o.entity === app.id && o.metric === metric && (!MONEY_METRICS.includes(metric as never) || o.unit === "USD_m"))
    .filter((o) => !MONEY_METRICS.includes(metric as never) || o.period.endsWith("-FY"))
    .map((o) => ({
      app: app.id,
      metric,
      period: o.period,
      periodEnd: o.periodEnd,
      age: ageInYears(app.launched, o.periodEnd),
      value: o.value,
      basis: o.basis,
      source: o.source,
    }));
}

const latest = (figures: readonly AgedFigure[]) => [...figures].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd)).at(-1) ?? null;

/** The median of the yardsticks' values of a series at an age; null with fewer than MIN_YARDSTICKS. */
function yardstickBar(yardsticks: readonly App[], seriesOf: (app: App) => AgedFigure[], age: number): Bar {
  const values = yardsticks.flatMap((y) => {
    const at = valueAtAge(seriesOf(y), age);
    return at ? [at] : [];
  });
  return { value: values.length >= MIN_YARDSTICKS ? median(values.map((v) => v.value)) : null, yardsticks: values };
}

function verdictOf(figure: number, bar: number | null): { status: TestStatus; ratio: number | null } {
  if (bar === null) return { status: "unknown", ratio: null };
  return { status: figure >= bar ? "pass" : "fail", ratio: bar === 0 ? null : figure / bar };
}

function reachTest(app: App, observations: readonly ThesisObservation[], yardsticks: readonly App[]): AppTest {
  const figure = latest(Object.keys(ACTIVE_USER_METRICS).flatMap((metric) => aged(app, observations, metric)));
  const none = { figure: null, bar: { value: null, yardsticks: [] }, ratio: null };
  if (!figure) return { test: "reach", status: "unknown", sentence: `${app.name}: no active-user figure`, ...none };
  const counted = ACTIVE_USER_METRICS[figure.metric as ActiveUserMetric];
  const bar = yardstickBar(yardsticks, (y) => aged(y, observations, "monthly_active_users"), figure.age);
  const { status, ratio } = verdictOf(figure.value, bar.value);
  const stricter = counted === "monthly" ? "" : ` (against monthly users: a stricter test for ${counted} users)`;
  const against =
    bar.value === null
      ? `fewer than ${MIN_YARDSTICKS} earlier killer apps have a monthly-user figure within a year of that age`
      : `the earlier killer apps had a median of ${millions(bar.value)} monthly users at that age${stricter}`;
  return {
    test: "reach",
    status,
    sentence: `${app.name}: ${millions(figure.value)} ${counted} users at ${years(figure.age)}; ${against}`,
    figure,
    bar,
    ratio,
  };
}

function timeTest(app: App, observations: readonly ThesisObservation[], minMinutes: number): AppTest {
  const figure = latest(aged(app, observations, MINUTES_PER_DAY));
  const bar = { value: minMinutes, yardsticks: [] };
  if (!figure)
    return { test: "time", status: "unknown", sentence: `${app.name}: no minutes-per-day figure`, figure: null, bar, ratio: null };
  const { status, ratio } = verdictOf(figure.value, minMinutes);
  return {
    test: "time",
    status,
    sentence: `${app.name}: ${figure.value} minutes a day (${formatPeriod(figure.period)}); the test asks for ${minMinutes}`,
    figure,
    bar,
    ratio,
  };
}

/** An app's full-year money: users' spending where any year has it, else the app's revenue. */
function moneyFigures(app: App, observations: readonly ThesisObservation[]): AgedFigure[] {
  for (const metric of MONEY_METRICS) {
    const figures = aged(app, observations, metric);
    if (figures.length > 0) return figures;
  }
  return [];
}

function moneyTest(app: App, observations: readonly ThesisObservation[], yardsticks: readonly App[]): AppTest {
  const figure = latest(moneyFigures(app, observations));
  const none = { figure: null, bar: { value: null, yardsticks: [] }, ratio: null };
  if (!figure) return { test: "money", status: "unknown", sentence: `${app.name}: no full-year consumer money in USD`, ...none };
  const bar = yardstickBar(yardsticks, (y) => moneyFigures(y, observations), figure.age);
  const { status, ratio } = verdictOf(figure.value, bar.value);
  const against =
    bar.value === null
      ? `fewer than ${MIN_YARDSTICKS} earlier killer apps have a full-year USD figure within a year of that age`
      : `the earlier killer apps had a median of ${dollars(bar.value)} a year at that age`;
  const what = figure.metric === "app_consumer_spending" ? "consumer spending" : "revenue";
  return {
    test: "money",
    status,
    sentence: `${app.name}: ${dollars(figure.value)} of ${what} in ${figure.period.slice(0, 4)} at ${years(figure.age)}; ${against}`,
    figure,
    bar,
    ratio,
  };
}

export interface KillerAppWatch {
  params: KillerAppParams;
  /** The AI apps tested, closest to passing first. */
  apps: AppVerdict[];
  yardsticks: App[];
  /** The AI apps that pass all three tests. */
  killerApps: string[];
  /** One sentence: whether any AI app is a killer app, who leads on which test, what is missing. */
  verdict: string;
  /** Per test, the AI app with the highest figure against its bar. */
  leaders: Record<TestName, { app: string; ratio: number } | null>;
}

const TESTS: readonly TestName[] = ["reach", "time", "money"];
const WORDS: Record<TestName, string> = { reach: "the reach", time: "the time", money: "the money" };

function names(apps: readonly AppVerdict[]): string {
  const list = apps.map((a) => a.app.name);
  return list.length <= 1 ? (list[0] ?? "") : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
}

/** The sentence of the verdict, from which apps pass which test. */
function verdictSentence(verdicts: readonly AppVerdict[]): string {
  const killers = verdicts.filter((v) => v.killerApp);
  if (killers.length > 0)
    return `${names(killers)} ${killers.length === 1 ? "passes" : "pass"} all three tests: a consumer killer app by the column's test.`;
  const parts = TESTS.flatMap((test) => {
    const passing = verdicts.filter((v) => v[test].status === "pass");
    if (passing.length === 0) return [];
    const detail = test === "time" && passing.length === 1 ? ` (${passing[0]?.time.figure?.value} minutes a day)` : "";
    return [`${names(passing)} ${passing.length === 1 ? "has" : "have"} ${WORDS[test]}${detail}`];
  });
  if (parts.length === 0) return "No AI app passes any of the three tests yet.";
  const best = Math.max(...verdicts.map((v) => v.passed.length));
  const closing =
    best >= 2
      ? `; ${names(verdicts.filter((v) => v.passed.length === best))} ${best === 2 ? "passes two" : "passes all"}, none all three`
      : parts.length === 2
        ? ", none has both"
        : parts.length === 3
          ? ", none has two of them"
          : "";
  return `No AI app passes all three: ${parts.join(", ")}${closing}.`;
}

/**
 * The watch for the apps and yardsticks of `params`: each AI app's three tests and the verdict.
 * `catalog` is every app (an entity with a launch date); observations are the apps' figures.
 */
export function killerAppWatch(
  observations: readonly ThesisObservation[],
  catalog: readonly App[],
  params: KillerAppParams,
): KillerAppWatch {
  const chosen = (ids: readonly string[] | null, groups: readonly string[]) =>
    catalog.filter((app) => (ids === null ? groups.includes(app.group) : ids.includes(app.id)));
  const yardsticks = chosen(params.yardsticks, YARDSTICK_GROUPS);
  const verdicts = chosen(params.apps, AI_APP_GROUPS).map((app): AppVerdict => {
    const tests = {
      reach: reachTest(app, observations, yardsticks),
      time: timeTest(app, observations, params.minMinutes),
      money: moneyTest(app, observations, yardsticks),
    };
    const passed = TESTS.filter((test) => tests[test].status === "pass");
    return { app, ...tests, killerApp: passed.length === TESTS.length, passed };
  });
  const closest = (a: AppVerdict, b: AppVerdict) => b.passed.length - a.passed.length || (b.reach.ratio ?? 0) - (a.reach.ratio ?? 0);
  const sorted = [...verdicts].sort(closest);
  const leaders = Object.fromEntries(
    TESTS.map((test) => {
      const best = verdicts
        .filter((v) => v[test].ratio !== null)
        .sort((a, b) => (b[test].ratio ?? 0) - (a[test].ratio ?? 0))
        .at(0);
      return [test, best ? { app: best.app.id, ratio: best[test].ratio ?? 0 } : null];
    }),
  ) as KillerAppWatch["leaders"];
  return {
    params,
    apps: sorted,
    yardsticks,
    killerApps: sorted.filter((v) => v.killerApp).map((v) => v.app.id),
    verdict: verdictSentence(sorted),
    leaders,
  };
}

/** The metrics the watch reads: active and registered users, minutes a day, a year's money. */
export const APP_METRICS: readonly string[] = [...Object.keys(ACTIVE_USER_METRICS), REGISTERED_USERS, MINUTES_PER_DAY, ...MONEY_METRICS];

/** A figure as the charts draw it: at its app's age, with the kind of money where it is money. */
export interface ChartedFigure extends AgedFigure {
  moneyKind: MoneyKind | null;
}

/** Every figure of the apps the charts draw (users of every kind, minutes, USD full-year money), by app and date. */
export function chartedFigures(observations: readonly ThesisObservation[], apps: readonly App[]): ChartedFigure[] {
  return apps
    .flatMap((app) =>
      APP_METRICS.flatMap((metric) =>
        aged(app, observations, metric).map((f) => ({
          ...f,
          moneyKind: (MONEY_METRICS as readonly string[]).includes(metric) ? moneyKind(app.id, metric) : null,
        })),
      ),
    )
    .sort((a, b) => a.app.localeCompare(b.app) || a.metric.localeCompare(b.metric) || a.periodEnd.localeCompare(b.periodEnd));
}
