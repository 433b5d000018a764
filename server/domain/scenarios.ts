// What would have to be true: the build-out's capex depreciated by quarterly cohorts over a useful
// life, the revenue that depreciation requires at a gross margin, and, with AI revenue and capex
// growing at constant rates from the last real quarter, when AI revenue would cover capex TTM or
// that required revenue, and the growth that would cover them by a chosen year. Projections are
// kept apart from the data (their own fields), each with the assumptions it rests on.

import { type Computed, isKnown, known, missing, type Reason, reasonsOf, reasonText } from "./computed.ts";
import { growth, percent, usdBillions } from "./format.ts";
import type { ScenarioParams } from "./parameters.ts";
import { formatPeriod, quarterFromIndex } from "./periods.ts";
import { requireQuarter } from "./series.ts";
import type { Thesis } from "./thesis.ts";

/** One reported quarter of what the scenarios read, in consecutive quarters from the first with capex. */
export interface ScenarioInput {
  quarter: string;
  /** Aggregate capex of the quarter: one depreciation cohort. */
  capex: Computed;
  capexTtm: Computed;
  capexTtmYoY: Computed;
  aiRevenue: Computed;
  aiRevenueYoY: Computed;
  /** Reported depreciation and amortization, TTM. */
  daTtm: Computed;
}

export function scenarioInputs(thesis: Pick<Thesis, "quarters">): ScenarioInput[] {
  return thesis.quarters.map((q) => ({
    quarter: q.quarter,
    capex: q.aggregate.capex,
    capexTtm: q.aggregate.capexTtm,
    capexTtmYoY: q.aggregate.capexTtmYoY,
    aiRevenue: q.aiRevenue.total,
    aiRevenueYoY: q.aiRevenue.totalYoY,
    daTtm: q.funding.aggregate.daTtm,
  }));
}

/** Quarters shown ahead of the base quarter at most: ten years of projection. */
const MAX_PROJECTION_QUARTERS = 40;
/** Quarters shown ahead at least, so a short answer still has a line to read. */
const MIN_PROJECTION_QUARTERS = 4;
/** The default target: the end of the fourth year after the base quarter's year. */
const DEFAULT_TARGET_YEARS_AHEAD = 4;

type Cohort = { quarter: string; capex: Computed };

/** A life as a whole number of quarters (5.5 years: 22), or a RangeError. */
function quartersOf(life: number): number {
  const quarters = life * 4;
  if (!Number.isInteger(quarters) || quarters <= 0) throw new RangeError(`life must be a whole number of quarters, got ${life}`);
  return quarters;
}

/** cohortDepreciation at the i-th quarter of `capex`. */
function depreciationAt(capex: readonly Cohort[], life: number, quartersOfLife: number, i: number): Computed {
  const cohorts = capex.slice(Math.max(0, i - quartersOfLife + 1), i + 1).map((c) => c.capex);
  const reasons: Reason[] = reasonsOf(cohorts);
  const before = quartersOfLife - 1 - i;
  const first = capex[0];
  if (first && before > 0) {
    const start = requireQuarter(first.quarter);
    const quarters = Array.from({ length: before }, (_, k) => quarterFromIndex(start - before + k));
    reasons.unshift({
      kind: "missing_quarter",
      message: `aggregate capex missing for ${quarters[0]} to ${quarters.at(-1)}, before the data begins (cohorts within their ${life}-year life)`,
      quarters,
    });
  }
  if (reasons.length > 0) return missing(...reasons);
  let total = 0;
  for (const cohort of cohorts) if (isKnown(cohort)) total += cohort.value;
  return known(total / life);
}

/**
 * Straight-line depreciation of quarterly cohorts, as an annual amount at each quarter: the capex
 * spent in quarter k depreciates by capex / life a year in quarters k to k + 4·life - 1 (from the
 * quarter it is spent, for the whole life). Missing, naming the quarters, when a cohort still within
 * its life is missing or falls before the first quarter of `capex` (consecutive quarters).
 */
export function cohortDepreciation<C extends Cohort>(capex: readonly C[], life: number): (C & { depreciation: Computed })[] {
  const quartersOfLife = quartersOf(life);
  return capex.map((cohort, i) => ({ ...cohort, depreciation: depreciationAt(capex, life, quartersOfLife, i) }));
}

/** When revenue reaches its target: a whole number of quarters after the base (0: already), or never. */
export type Reach = { kind: "reached"; quarter: string; quartersAhead: number } | { kind: "never" };

/**
 * The first whole quarter t >= 0 with revenue·(1+g)^(t/4) >= target·(1+c)^(t/4), both compounding
 * yearly rates quarter by quarter: 0 when revenue already reaches the target, never when g <= c,
 * else t = ceil(4·ln(target/revenue) / ln((1+g)/(1+c))). Amounts positive, rates above -1.
 */
export function quartersToReach(start: { revenue: number; target: number }, rate: { revenue: number; target: number }): number | null {
  if (start.revenue >= start.target) return 0;
  if (rate.revenue <= rate.target) return null;
  const exact = (4 * Math.log(start.target / start.revenue)) / Math.log((1 + rate.revenue) / (1 + rate.target));
  // A crossing exactly on a quarter (4x at twice the growth: 8 quarters) computes as 8.000000000000002.
  return Math.ceil(exact - 1e-9);
}

/** The yearly growth g* with revenue·(1+g*)^(n/4) = target·(1+c)^(n/4): (1+c)·(target/revenue)^(4/n) - 1. */
export function growthToReach(start: { revenue: number; target: number }, targetRate: number, quarters: number): number {
  return (1 + targetRate) * (start.target / start.revenue) ** (4 / quarters) - 1;
}

export interface ScenarioQuarter {
  quarter: string;
  capex: Computed;
  capexTtm: Computed;
  /** Cohort depreciation over the life, a year. */
  depreciation: Computed;
  /** Reported D&A TTM. */
  reportedDaTtm: Computed;
  /** Cohort depreciation - reported D&A TTM. */
  depreciationGap: Computed;
  /** Cohort depreciation / (1 - margin). */
  requiredRevenue: Computed;
  aiRevenue: Computed;
  /** AI revenue / required revenue. */
  coverageOfRequired: Computed;
}

/** A growth rate used by the projection, and where it came from. */
export interface Rate {
  rate: Computed;
  from: "parameter" | "latest YoY";
}

export interface ScenarioBase {
  /** The last reported quarter with both AI revenue and capex TTM: the projections start here. */
  quarter: string;
  aiRevenue: number;
  capexTtm: number;
  requiredRevenue: Computed;
  aiGrowth: Rate;
  capexGrowth: Rate;
  /** The year by whose fourth quarter AI revenue should cover: the parameter, or the default. */
  targetYear: number;
}

/** A quarter of the projection: not data, but what the assumptions imply. */
export interface ProjectedQuarter {
  quarter: string;
  quartersAhead: number;
  aiRevenue: number;
  capexTtm: number;
  requiredRevenue: Computed;
}

export interface Projection {
  /** The base quarter, where every projected line starts from its reported value. */
  from: string;
  aiGrowth: number;
  capexGrowth: number;
  quarters: ProjectedQuarter[];
}

export interface CoverageAnswer {
  /** What AI revenue is to cover. */
  target: "capex TTM" | "required revenue";
  reach: Computed<Reach>;
  /** The AI revenue growth a year that reaches the target in the target year's fourth quarter. */
  growthNeeded: Computed;
  sentence: string;
  growthSentence: string;
}

export interface Scenario {
  life: number;
  margin: number;
  base: ScenarioBase | null;
  /** The reported quarters within from and to. */
  quarters: ScenarioQuarter[];
  projection: Projection | null;
  /** The revenue the build-out requires at the base quarter, in one sentence. */
  requirement: string;
  coverage: { capexTtm: CoverageAnswer; requiredRevenue: CoverageAnswer };
}

const ratioOf = (top: Computed, bottom: Computed, what: string, quarter: string): Computed => {
  if (!isKnown(top) || !isKnown(bottom)) return missing(...reasonsOf([top, bottom]));
  if (bottom.value === 0)
    return missing({ kind: "divide_by_zero", message: `divide by zero: ${what} for ${quarter} is 0`, quarters: [quarter] });
  return known(top.value / bottom.value);
};

function scenarioQuarters(inputs: readonly ScenarioInput[], life: number, margin: number): ScenarioQuarter[] {
  return cohortDepreciation(inputs, life).map(({ depreciation: cost, ...input }): ScenarioQuarter => {
    const requiredRevenue = isKnown(cost) ? known(cost.value / (1 - margin)) : cost;
    return {
      quarter: input.quarter,
      capex: input.capex,
      capexTtm: input.capexTtm,
      depreciation: cost,
      reportedDaTtm: input.daTtm,
      depreciationGap:
        isKnown(cost) && isKnown(input.daTtm) ? known(cost.value - input.daTtm.value) : missing(...reasonsOf([cost, input.daTtm])),
      requiredRevenue,
      aiRevenue: input.aiRevenue,
      coverageOfRequired: ratioOf(input.aiRevenue, requiredRevenue, "required revenue", input.quarter),
    };
  });
}

/** The parameter's rate, or the series' YoY at the base quarter; a rate of -100% or less has no meaning. */
function rateOf(parameter: number | null, yoy: Computed, what: string): Rate {
  if (parameter !== null) return { rate: known(parameter), from: "parameter" };
  if (isKnown(yoy) && yoy.value <= -1) {
    return { rate: missing({ kind: "not_meaningful", message: `${what} fell by 100% or more over the year` }), from: "latest YoY" };
  }
  return { rate: yoy, from: "latest YoY" };
}

/** "+538.0% a year for AI revenue and +75.3% for capex". */
const ratesText = (g: number, c: number) => `${growth(g)} a year for AI revenue and ${growth(c)} for capex`;

const notPositive = (quarter: string): Reason => ({ kind: "not_meaningful", message: `AI revenue at ${quarter} is not positive` });

/** When AI revenue reaches the target from the base quarter, at the base's rates. */
function reachOf(base: ScenarioBase, target: number): Computed<Reach> {
  if (base.aiRevenue <= 0) return missing(notPositive(base.quarter));
  if (base.aiRevenue >= target) return known({ kind: "reached", quarter: base.quarter, quartersAhead: 0 });
  const { aiGrowth, capexGrowth } = base;
  if (!isKnown(aiGrowth.rate) || !isKnown(capexGrowth.rate)) return missing(...reasonsOf([aiGrowth.rate, capexGrowth.rate]));
  const t = quartersToReach({ revenue: base.aiRevenue, target }, { revenue: aiGrowth.rate.value, target: capexGrowth.rate.value });
  if (t === null) return known({ kind: "never" });
  return known({ kind: "reached", quarter: quarterFromIndex(requireQuarter(base.quarter) + t), quartersAhead: t });
}

/** The growth a year that reaches the target in the target year's fourth quarter. */
function growthNeededOf(base: ScenarioBase, target: number): Computed {
  const by = `${base.targetYear}-Q4`;
  const ahead = requireQuarter(by) - requireQuarter(base.quarter);
  if (ahead <= 0) {
    const message = `${formatPeriod(by)} is not after ${formatPeriod(base.quarter)}, where the projection starts`;
    return missing({ kind: "target_not_ahead", message, quarters: [by] });
  }
  if (base.aiRevenue <= 0) return missing(notPositive(base.quarter));
  const c = base.capexGrowth.rate;
  return isKnown(c) ? known(growthToReach({ revenue: base.aiRevenue, target }, c.value, ahead)) : c;
}

function coverageAnswer(target: CoverageAnswer["target"], base: ScenarioBase | null, targetValue: Computed, noun: string): CoverageAnswer {
  const verb = target === "capex TTM" ? "match" : "reach";
  if (!base || !isKnown(targetValue)) {
    const sentence = `When AI revenue would ${verb} ${noun} cannot be computed: ${reasonText(targetValue.reasons ?? [])}.`;
    return {
      target,
      reach: missing(...(targetValue.reasons ?? [])),
      growthNeeded: missing(...(targetValue.reasons ?? [])),
      sentence,
      growthSentence: sentence,
    };
  }
  const reach = reachOf(base, targetValue.value);
  const growthNeeded = growthNeededOf(base, targetValue.value);
  const at = formatPeriod(base.quarter);
  const [g, c] = [base.aiGrowth.rate.value, base.capexGrowth.rate.value];
  let sentence: string;
  if (reach.value?.kind === "reached" && reach.value.quartersAhead === 0)
    sentence = `AI revenue, ${usdBillions(base.aiRevenue)}, already covers ${noun}, ${usdBillions(targetValue.value)}, in ${at}.`;
  else if (!isKnown(reach) || g === null || c === null)
    sentence = `When AI revenue would ${verb} ${noun} cannot be computed: ${reasonText(reasonsOf([reach, base.aiGrowth.rate, base.capexGrowth.rate]))}.`;
  else if (reach.value.kind === "never")
    sentence = `At ${ratesText(g, c)}, AI revenue would never ${verb} ${noun}: it grows no faster than capex, from ${usdBillions(base.aiRevenue)} against ${usdBillions(targetValue.value)} in ${at}.`;
  else {
    const { quarter, quartersAhead } = reach.value;
    sentence = `At ${ratesText(g, c)}, AI revenue would ${verb} ${noun} in ${formatPeriod(quarter)}, ${quartersAhead} quarter${quartersAhead === 1 ? "" : "s"} after ${at}.`;
  }
  const by = formatPeriod(`${base.targetYear}-Q4`);
  const growthSentence =
    isKnown(growthNeeded) && c !== null
      ? `To ${verb} ${noun} by ${by}, with capex growing ${growth(c)} a year, AI revenue would have to grow ${growth(growthNeeded.value)} a year from ${at}.`
      : `The growth that would ${verb} ${noun} by ${by} cannot be computed: ${reasonText(growthNeeded.reasons ?? [])}.`;
  return { target, reach, growthNeeded, sentence, growthSentence };
}

function requirementSentence(life: number, margin: number, row: ScenarioQuarter | undefined, reasons: readonly Reason[]): string {
  const years = `${life} year${life === 1 ? "" : "s"}`;
  if (!row) return `Depreciated over ${years}, the build-out's cost cannot be computed: ${reasonText(reasons)}.`;
  const at = formatPeriod(row.quarter);
  const { depreciation, requiredRevenue, coverageOfRequired } = row;
  if (!isKnown(depreciation) || !isKnown(requiredRevenue))
    return `Depreciated over ${years}, the build-out's cost at ${at} cannot be computed: ${reasonText(depreciation.reasons ?? [])}.`;
  const { aiRevenue } = row;
  const covered =
    isKnown(coverageOfRequired) && isKnown(aiRevenue)
      ? ` AI revenue, ${usdBillions(aiRevenue.value)}, covers ${percent(coverageOfRequired.value)} of it.`
      : "";
  return `Depreciated over ${years}, the build-out to ${at} costs ${usdBillions(depreciation.value)} a year; at a ${percent(margin)} gross margin it requires ${usdBillions(requiredRevenue.value)} of revenue a year.${covered}`;
}

function projectionOf(base: ScenarioBase, answers: Scenario["coverage"]): Projection | null {
  const [g, c] = [base.aiGrowth.rate, base.capexGrowth.rate];
  if (!isKnown(g) || !isKnown(c)) return null;
  const baseQuarter = requireQuarter(base.quarter);
  const reached = [answers.capexTtm.reach, answers.requiredRevenue.reach].flatMap((r) =>
    r.value?.kind === "reached" ? [r.value.quartersAhead] : [],
  );
  const horizon = Math.min(
    MAX_PROJECTION_QUARTERS,
    Math.max(MIN_PROJECTION_QUARTERS, requireQuarter(`${base.targetYear}-Q4`) - baseQuarter, ...reached),
  );
  const { requiredRevenue } = base;
  return {
    from: base.quarter,
    aiGrowth: g.value,
    capexGrowth: c.value,
    quarters: Array.from({ length: horizon + 1 }, (_, t): ProjectedQuarter => {
      const [aiFactor, capexFactor] = [(1 + g.value) ** (t / 4), (1 + c.value) ** (t / 4)];
      return {
        quarter: quarterFromIndex(baseQuarter + t),
        quartersAhead: t,
        aiRevenue: base.aiRevenue * aiFactor,
        capexTtm: base.capexTtm * capexFactor,
        // The required revenue is taken to grow as capex does: the depreciation of a build-out growing steadily at c grows at c.
        requiredRevenue: isKnown(requiredRevenue) ? known(requiredRevenue.value * capexFactor) : requiredRevenue,
      };
    }),
  };
}

/**
 * The scenarios for the reported quarters `inputs` (consecutive, from the first with capex, so
 * every cohort is there) and the parameters: rows within from and to, the base quarter, the
 * projection from it and the answers in sentences.
 */
export function computeScenarios(
  inputs: readonly ScenarioInput[],
  params: Pick<ScenarioParams, "life" | "margin" | "aiGrowth" | "capexGrowth" | "targetYear" | "from" | "to">,
): Scenario {
  const { life, margin } = params;
  const inRange = (quarter: string) => (params.from === null || quarter >= params.from) && (params.to === null || quarter <= params.to);
  const all = scenarioQuarters(inputs, life, margin);
  const quarters = all.filter((q) => inRange(q.quarter));
  const baseIndex = inputs.findLastIndex((input) => inRange(input.quarter) && isKnown(input.aiRevenue) && isKnown(input.capexTtm));
  const input = inputs[baseIndex];
  const row = all[baseIndex];
  const last = inputs.findLast((i) => inRange(i.quarter));
  const noBase: Reason[] = last
    ? reasonsOf([last.aiRevenue, last.capexTtm])
    : [{ kind: "no_observations", message: "no reported quarter with capex in the range" }];
  const base: ScenarioBase | null =
    input && row && input.aiRevenue.value !== null && input.capexTtm.value !== null
      ? {
          quarter: input.quarter,
          aiRevenue: input.aiRevenue.value,
          capexTtm: input.capexTtm.value,
          requiredRevenue: row.requiredRevenue,
          aiGrowth: rateOf(params.aiGrowth, input.aiRevenueYoY, "AI revenue"),
          capexGrowth: rateOf(params.capexGrowth, input.capexTtmYoY, "capex TTM"),
          targetYear: params.targetYear ?? Number(input.quarter.slice(0, 4)) + DEFAULT_TARGET_YEARS_AHEAD,
        }
      : null;
  const coverage = {
    capexTtm: coverageAnswer("capex TTM", base, base ? known(base.capexTtm) : missing(...noBase), "capex TTM"),
    requiredRevenue: coverageAnswer(
      "required revenue",
      base,
      base ? base.requiredRevenue : missing(...noBase),
      `the required revenue (${life}-year life, ${percent(margin)} margin)`,
    ),
  };
  return {
    life,
    margin,
    base,
    quarters,
    projection: base ? projectionOf(base, coverage) : null,
    requirement: requirementSentence(life, margin, base ? row : undefined, noBase),
    coverage,
  };
}
