// companyfacts -> observations in the row format (data/README.md), every figure traceable to its
// filings (README "Figures from the SEC"):
// - a fact is placed by its own start and end, never by the filing's fy/fp: a quarter in the
//   calendar quarter holding most of its days, a fiscal year in the calendar year holding most;
// - a quarter is a 3-month fact where one was filed, otherwise the difference of two
//   year-to-date facts with the same start (Q4 = full year minus nine months);
// - per period, the fact filed latest (`latest`, whatever its tag) or first (`original`).
import type { Basis } from "../catalog.ts";
import { exactMillions } from "../format.ts";
import { isoDayToString, parseIsoDay, parsePeriod, quarterIndex } from "../periods.ts";
import { filingFolderUrl, SEC_METRICS, type SecCompany, type SecMetric } from "./companies.ts";
import { type CompanyFacts, type Fact, tagsOf } from "./companyFacts.ts";

export const VINTAGES = ["latest", "original"] as const;
export type Vintage = (typeof VINTAGES)[number];

export interface SecObservation {
  entity: string;
  metric: SecMetric;
  period: string;
  periodEnd: string;
  fiscalLabel: string | null;
  /** USD millions, exact: the facts' dollars divided by a million, never rounded. */
  value: number;
  basis: Extract<Basis, "reported" | "derived" | "restated">;
  /** The folder on sec.gov of the latest filing behind the figure. */
  source: string;
  note: string;
  /** The date of that filing. */
  filed: string;
  /** The tags the figure was read from (two after a tag switch). */
  tags: string[];
}

/** A flow's identity (data/README.md): entity, metric and period. */
export const secKey = (o: { entity: string; metric: string; period: string }) => `${o.entity}|${o.metric}|${o.period}`;

/** Every SEC note starts with this and the latest filing's date, so the date can be read back. */
export const SEC_NOTE_PREFIX = "SEC XBRL, latest filing ";

/** The date of the latest filing behind an SEC-cited figure, read from its note; null for any other note. */
export function filingDateOfNote(note: string | null): string | null {
  if (!note?.startsWith(SEC_NOTE_PREFIX)) return null;
  const date = note.slice(SEC_NOTE_PREFIX.length, SEC_NOTE_PREFIX.length + "YYYY-MM-DD".length);
  return parseIsoDay(date) === null ? null : date;
}

const QUARTER_DAYS = { min: 80, max: 100 };
const YEAR_DAYS = { min: 350, max: 380 };
/** A 52/53-week fiscal year ends up to a week after its month's last day. */
const WEEK_YEAR_DRIFT_DAYS = 7;

/** A fact's date, which companyFacts() validated: a RangeError if it is not one. */
function day(date: string): number {
  const parsed = parseIsoDay(date);
  if (parsed === null) throw new RangeError(`expected a date as YYYY-MM-DD, got "${date}"`);
  return parsed;
}

/** The first and last of a period's facts (oldest filing first); a period has at least one. */
function ends(facts: readonly Fact[]): { first: Fact; last: Fact } {
  const [first] = facts;
  const last = facts.at(-1);
  if (first === undefined || last === undefined) throw new RangeError("a period without facts");
  return { first, last };
}
const daysOf = (start: string, end: string) => day(end) - day(start) + 1;
const within = (days: number, range: { min: number; max: number }) => days >= range.min && days <= range.max;

/** Every filing's fact of one period (start to end), oldest filing first. */
interface PeriodFacts {
  start: string;
  end: string;
  facts: Fact[];
}

/** A fact picked for a period, and the period's first and last filings where their values differ from it. */
interface Chosen {
  fact: Fact;
  others: { word: "first filed" | "last filed"; fact: Fact }[];
}

/** A candidate period's figure: the fact chosen for it, less the earlier year-to-date fact if any. */
interface Reading {
  start: string;
  end: string;
  plus: Chosen;
  minus: Chosen | null;
  /** Why the difference's facts are not each period's own pick, when they are not. */
  basisNote: string | null;
}

/** Every metric's observations from `from` (a quarter; a fiscal year counts at its Q4) on. */
export function companyObservations(facts: CompanyFacts, { vintage, from }: { vintage: Vintage; from?: string }): SecObservation[] {
  return SEC_METRICS.flatMap((metric) => secObservations(facts, metric, { vintage })).filter(
    (observation) => from === undefined || sortIndex(observation.period) >= sortIndex(from),
  );
}

function sortIndex(text: string): number {
  const period = parsePeriod(text);
  if (period === null) throw new RangeError(`expected a period as YYYY-Qn or YYYY-FY, got "${text}"`);
  return quarterIndex(period.year, period.kind === "quarter" ? period.quarter : 4);
}

/** The observations of one company and metric the facts give (quarters and fiscal years), oldest first. */
export function secObservations(
  { company, facts }: CompanyFacts,
  metric: SecMetric,
  { vintage, tag }: { vintage: Vintage; tag?: string },
): SecObservation[] {
  const tags = tagsOf(company, metric).filter((known) => tag === undefined || known === tag);
  const periods = periodsOf(
    facts.filter((fact) => tags.includes(fact.tag)),
    tags,
  );
  const observe = (reading: Reading) => observationOf(company, metric, reading, vintage);
  const years: SecObservation[] = [];
  const quarters = new Map<string, { observation: SecObservation; direct: boolean }>();
  const consider = (observation: SecObservation, direct: boolean) => {
    const known = quarters.get(observation.period);
    // A 3-month fact beats a difference; otherwise the later-ending period, for a deterministic pick.
    if (!known || (direct && !known.direct) || (direct === known.direct && observation.periodEnd > known.observation.periodEnd)) {
      quarters.set(observation.period, { observation, direct });
    }
  };

  const byStart = new Map<string, PeriodFacts[]>();
  for (const period of periods) {
    const days = daysOf(period.start, period.end);
    if (within(days, YEAR_DAYS)) years.push(observe(single(period, vintage)));
    if (within(days, QUARTER_DAYS)) consider(observe(single(period, vintage)), true);
    byStart.set(period.start, [...(byStart.get(period.start) ?? []), period]);
  }
  // The year-to-date facts of one fiscal year share its start: each, less the one a quarter before.
  for (const sameStart of byStart.values()) {
    sameStart.sort((a, b) => a.end.localeCompare(b.end));
    sameStart.forEach((later, index) => {
      const earlier = sameStart[index - 1];
      if (!earlier || daysOf(later.start, later.end) > YEAR_DAYS.max) return;
      if (within(day(later.end) - day(earlier.end), QUARTER_DAYS)) consider(observe(difference(later, earlier, vintage)), false);
    });
  }
  return [...years, ...[...quarters.values()].map(({ observation }) => observation)].sort(
    (a, b) => a.periodEnd.localeCompare(b.periodEnd) || a.period.localeCompare(b.period),
  );
}

function periodsOf(facts: Fact[], tags: readonly string[]): PeriodFacts[] {
  const periods = new Map<string, PeriodFacts>();
  for (const fact of facts) {
    const key = `${fact.start}/${fact.end}`;
    const period = periods.get(key) ?? { start: fact.start, end: fact.end, facts: [] };
    period.facts.push(fact);
    periods.set(key, period);
  }
  // Oldest filing first; within one filing the tag listed first in the table counts as the later.
  for (const period of periods.values()) {
    period.facts.sort((a, b) => a.filed.localeCompare(b.filed) || tags.indexOf(b.tag) - tags.indexOf(a.tag));
  }
  return [...periods.values()];
}

/**
 * The last (or first) filing's fact; where that value is only another filing's rounded (NVIDIA
 * reported in thousands until 2016, in millions after), the more precise one, since a figure is
 * never rounded away.
 */
function pick(facts: Fact[], vintage: Vintage): Fact {
  const { first, last } = ends(facts);
  const picked = vintage === "latest" ? last : first;
  return (vintage === "latest" ? facts.toReversed() : facts).find((fact) => isRounded(picked.val, fact.val)) ?? picked;
}

/** Whether `rounded` is `precise` rounded to whole thousands or millions of dollars. */
const isRounded = (rounded: number, precise: number) =>
  rounded !== precise && [1_000_000, 1_000].some((unit) => rounded % unit === 0 && Math.abs(precise - rounded) <= unit / 2);

const sameValue = (a: Fact, b: Fact) => a.val === b.val || isRounded(a.val, b.val) || isRounded(b.val, a.val);

function chosen(period: PeriodFacts, fact: Fact): Chosen {
  const others = [
    { word: "first filed" as const, fact: ends(period.facts).first },
    { word: "last filed" as const, fact: ends(period.facts).last },
  ].filter((other) => !sameValue(other.fact, fact));
  return { fact, others };
}

function single(period: PeriodFacts, vintage: Vintage): Reading {
  return { start: period.start, end: period.end, plus: chosen(period, pick(period.facts, vintage)), minus: null, basisNote: null };
}

/**
 * A later year-to-date fact less an earlier one, both from filings made the same number of whole
 * years after their periods ended: the most years both have (`latest`) or the fewest (`original`),
 * each fact's last (or first) filing within them. A company re-states a period in the filings of
 * the year after it, all on one basis; a 10-K that re-files a full year two years on has no nine
 * months beside it, and that year less the nine months of two years before is no quarter.
 */
function difference(later: PeriodFacts, earlier: PeriodFacts, vintage: Vintage): Reading {
  const earlierLags = new Set(earlier.facts.map(lagOf));
  const common = [...new Set(later.facts.map(lagOf))].filter((lag) => earlierLags.has(lag)).sort((a, b) => a - b);
  const lag = vintage === "latest" ? common.at(-1) : common[0];
  const factsOf = (period: PeriodFacts) => (lag === undefined ? period.facts : period.facts.filter((fact) => lagOf(fact) === lag));
  const own = { plus: pick(later.facts, vintage), minus: pick(earlier.facts, vintage) };
  const lagged = { plus: pick(factsOf(later), vintage), minus: pick(factsOf(earlier), vintage) };
  // Where both give the same values (or one only rounds the other), each period's own pick stands.
  const ownPicks = sameValue(own.plus, lagged.plus) && sameValue(own.minus, lagged.minus);
  const { plus, minus } = ownPicks ? own : lagged;
  return {
    start: isoDayToString(day(earlier.end) + 1),
    end: later.end,
    plus: chosen(later, plus),
    minus: chosen(earlier, minus),
    basisNote:
      lag === undefined
        ? "No filings as many years after each period give both, so they may be on different bases."
        : ownPicks
          ? null
          : `Both as filed ${lag === 0 ? "within a year" : `${lag} year${lag === 1 ? "" : "s"}`} after their periods, so that they are on one basis.`,
  };
}

/** Whole years from a period's end to the filing: 0 for the first report, 1 for next year's comparatives. */
const lagOf = (fact: Fact) => Math.floor((day(fact.filed) - day(fact.end)) / 365.25);

function observationOf(company: SecCompany, metric: SecMetric, reading: Reading, vintage: Vintage): SecObservation {
  const plus = reading.plus.fact;
  const minus = reading.minus?.fact ?? null;
  const latest = minus && minus.filed > plus.filed ? minus : plus;
  const year = daysOf(reading.start, reading.end) >= YEAR_DAYS.min;
  const dollars = plus.val - (minus?.val ?? 0);
  const sameTag = minus === null || minus.tag === plus.tag;
  const term = ({ fact, others }: Chosen) =>
    `${sameTag ? "" : `us-gaap:${fact.tag} `}${describe(fact)} ${fact.start} to ${fact.end} ${millions(fact.val)} (${filing(fact)}${others
      .map(
        (other) =>
          `; ${other.word} at ${millions(other.fact.val)}${other.fact.tag === fact.tag ? "" : ` as us-gaap:${other.fact.tag}`} in ${filing(other.fact)}`,
      )
      .join("")})`;
  const arithmetic = `${sameTag ? `us-gaap:${plus.tag}: ` : ""}${term(reading.plus)}${
    reading.minus ? ` minus ${term(reading.minus)} = ${millions(dollars)}` : ""
  }.`;
  // One fact whose first filing said otherwise is a later filing's recast figure.
  const basis = minus ? "derived" : vintage === "latest" && reading.plus.others.length > 0 ? "restated" : "reported";
  return {
    entity: company.entity,
    metric,
    period: year ? `${calendarYearOf(reading.start, reading.end)}-FY` : calendarQuarterOf(reading.start, reading.end),
    periodEnd: reading.end,
    fiscalLabel: year ? `FY${fiscalYearOf(company, reading.end)}` : fiscalQuarterLabel(company, reading.end),
    value: dollars / 1_000_000,
    basis,
    source: filingFolderUrl(company.cik, latest.accn),
    note: `${SEC_NOTE_PREFIX}${latest.filed}: ${arithmetic}${reading.basisNote ? ` ${reading.basisNote}` : ""}`,
    filed: latest.filed,
    tags: [...new Set([plus.tag, ...(minus ? [minus.tag] : [])])],
  };
}

/** "3 months", "9 months", "12 months": a fact's length as filings name it. */
function describe(fact: Fact): string {
  return `${Math.round(daysOf(fact.start, fact.end) / 30.44)} months`;
}

const filing = (fact: Fact) => `${fact.form} ${fact.accn} filed ${fact.filed}`;

const millions = (dollars: number) => exactMillions(dollars / 1_000_000);

/** The calendar quarter holding most of the days from start to end (the later one on a tie). */
export function calendarQuarterOf(start: string, end: string): string {
  return mostDays(start, end, (date) => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`);
}

function calendarYearOf(start: string, end: string): number {
  return Number(mostDays(start, end, (date) => date.slice(0, 4)));
}

function mostDays(start: string, end: string, bucket: (date: string) => string): string {
  const counts = new Map<string, number>();
  for (let d = day(start); d <= day(end); d++) {
    const key = bucket(isoDayToString(d));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // Keys arrive in date order, so `>=` keeps the later of two equal counts.
  let best = "";
  let bestCount = 0;
  for (const [key, count] of counts) {
    if (count >= bestCount) [best, bestCount] = [key, count];
  }
  return best;
}

/** The fiscal year a day falls in, named by the calendar year the fiscal year ends in (NVIDIA's fiscal 2025 ended 2025-01-26). */
function fiscalYearOf(company: SecCompany, date: string): number {
  const year = Number(date.slice(0, 4));
  // Day 0 of the next month is the last day of this one.
  const nominalEnd = Date.UTC(year, company.fiscalYearEndMonth, 0) / 86_400_000;
  return day(date) <= nominalEnd + WEEK_YEAR_DRIFT_DAYS ? year : year + 1;
}

/** "FY2025 Q1" (Microsoft's July to September 2024), or "Q1 2025" for a calendar-year company. */
function fiscalQuarterLabel(company: SecCompany, end: string): string | null {
  const fiscalYear = fiscalYearOf(company, end);
  const monthsToYearEnd = fiscalYear * 12 + company.fiscalYearEndMonth - (Number(end.slice(0, 4)) * 12 + Number(end.slice(5, 7)));
  const quarter = 4 - Math.round(monthsToYearEnd / 3);
  if (quarter < 1 || quarter > 4) return null;
  return company.fiscalYearEndMonth === 12 ? `Q${quarter} ${fiscalYear}` : `FY${fiscalYear} Q${quarter}`;
}
