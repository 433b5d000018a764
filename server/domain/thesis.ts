// The thesis engine: is hyperscaler AI capex paid for by revenue yet? From a plain array of
// observations and the parameters it derives, for every calendar quarter, capex and its intensity
// against past peaks, AI revenue against capex, the Sequoia gap and the coverage flag, then the
// scorecard and the earlier cycles. All amounts are USD millions; ratios are fractions.

import { aiRevenue, type ConsumerSpending, consumerSpendingAt, consumerSpendingSeries, type EntityRunRate } from "./aiRevenue.ts";
import { type Computed, isKnown, known, type Reason } from "./computed.ts";
import { type CycleSeries, earlierCycles } from "./earlierCycles.ts";
import { aggregateFunding, companyFunding, type FundingQuarter, type FundingSeries, fundingAt } from "./funding.ts";
import { type InputSeries, NVIDIA, SMARTPHONE_ERA_POOLS, THESIS_INPUTS } from "./inputs.ts";
import { type FlagInputs, type KillerAppFlag, killerAppFlag } from "./killerAppFlag.ts";
import { defaultsOf, quarterRangeProblem, quarterSchema, THESIS_PARAMETERS, type ThesisQueryParams } from "./parameters.ts";
import { quarterFromIndex, quarterIndex } from "./periods.ts";
import { type Headline, type Scorecard, scorecard } from "./scorecard.ts";
import {
  differenceSeries,
  type EarlierPeak,
  earlierPeak,
  extent,
  type FlowSeries,
  flowSeries,
  indexObservations,
  memoized,
  NO_COMPANY_SELECTED,
  type ObservationIndex,
  ratioSeries,
  requireQuarter,
  type Series,
  sumSeries,
  type ThesisObservation,
  ttm,
  yoy,
} from "./series.ts";

export type { ThesisObservation } from "./series.ts";

export type ThesisParams = ThesisQueryParams & {
  /** The AI apps whose app-store spending is shown beside AI revenue: the catalog's (the store fills them in). */
  aiApps: readonly string[];
  /** Year 0 of the smartphone cycle: the iPhone launch. */
  smartphoneCycleStart: string;
  /** Year 0 of the AI cycle: the ChatGPT launch. */
  aiCycleStart: string;
};

export const DEFAULT_THESIS_PARAMS: ThesisParams = {
  ...defaultsOf(THESIS_PARAMETERS),
  aiApps: [],
  smartphoneCycleStart: "2007-Q3",
  aiCycleStart: "2022-Q4",
};

export interface CompanyQuarter extends EarlierPeak {
  entity: string;
  capex: Computed;
  capexTtm: Computed;
  /** This quarter's capex against the same quarter a year earlier. */
  capexYoY: Computed;
  revenueTtm: Computed;
  /** Capex TTM / revenue TTM; the EarlierPeak fields compare it with its own history. */
  intensity: Computed;
}

export interface AggregateQuarter extends EarlierPeak {
  capex: Computed;
  capexTtm: Computed;
  capexTtmYoY: Computed;
  revenueTtm: Computed;
  /** Sum of capex TTM / sum of revenue TTM; the EarlierPeak fields compare it with its own history. */
  intensity: Computed;
  /** The cloud companies' cloud revenue TTM, summed. */
  cloudRevenueTtm: Computed;
  /** Cloud companies' capex TTM / their cloud revenue TTM. */
  capexToCloudRevenue: Computed;
}

export interface AiRevenueQuarter {
  entities: EntityRunRate[];
  total: Computed;
  totalYoY: Computed;
  /** Quarterly consumer spending on AI apps (USD_m flows): shown beside the total, never added to it. */
  consumerAppSpending: ConsumerSpending[];
}

export interface ThesisQuarter {
  quarter: string;
  companies: CompanyQuarter[];
  aggregate: AggregateQuarter;
  aiRevenue: AiRevenueQuarter;
  /** AI revenue annualized / aggregate capex TTM. */
  coverage: Computed;
  coverageYoY: Computed;
  /** Aggregate capex TTM - AI revenue annualized. */
  dollarGap: Computed;
  dollarGapYoY: Computed;
  nvdaDatacenterRevenue: Computed;
  sequoiaRequiredRevenue: Computed;
  /** Sequoia required revenue - AI revenue annualized. */
  sequoiaGap: Computed;
  flag: KillerAppFlag;
  /** Who pays for the build-out: operating cash flow against capex, and the depreciation to come. */
  funding: { companies: (FundingQuarter & { entity: string })[]; aggregate: FundingQuarter };
}

export interface Thesis {
  params: ThesisParams;
  /** The selected companies with any cloud_revenue observation. */
  cloudCompanies: string[];
  quarters: ThesisQuarter[];
  scorecard: Scorecard;
  earlierCycles: CycleSeries[];
  /** What the column's argument turns on: consumers' spending on AI apps in a full year against that year's capex. */
  consumerShare: ConsumerShare | null;
}

/** A full year's consumer spending on AI apps (the market's estimate) against aggregate capex TTM at that year's end. */
export interface ConsumerShare {
  year: number;
  /** The quarter whose capex TTM is the year's: its Q4. */
  quarter: string;
  capexTtm: number;
  estimates: { entity: string; spending: number; share: number; basis: string; source: string | null }[];
}

/**
 * The latest full year with both a consumer-spending estimate (a `YYYY-FY` row of the market's
 * series) and aggregate capex TTM at its Q4; null when no year has both.
 */
function consumerShare(index: ObservationIndex, capexTtm: Series): ConsumerShare | null {
  const { metric, unit } = THESIS_INPUTS.consumerAppSpending;
  const yearly = index.ofMetric(metric).filter((o) => o.unit === unit && o.period.endsWith("-FY"));
  const years = [...new Set(yearly.map((o) => Number(o.period.slice(0, 4))))].sort((a, b) => b - a);
  for (const year of years) {
    const capex = capexTtm.at(quarterIndex(year, 4));
    if (!isKnown(capex) || capex.value === 0) continue;
    const estimates = yearly
      .filter((o) => o.period === `${year}-FY`)
      .map((o) => ({ entity: o.entity, spending: o.value, share: o.value / capex.value, basis: o.basis, source: o.source }));
    return { year, quarter: quarterFromIndex(quarterIndex(year, 4)), capexTtm: capex.value, estimates };
  }
  return null;
}

/** The first parameter that cannot be used, with why; null when all can. Bounds are THESIS_PARAMETERS'. */
export function thesisParamsProblem(params: ThesisParams): { param: keyof ThesisParams; message: string } | null {
  for (const [name, parameter] of Object.entries(THESIS_PARAMETERS)) {
    const value = params[name as keyof ThesisQueryParams];
    if (value === null) continue;
    const parsed = parameter.schema.safeParse(value);
    if (!parsed.success) return { param: name as keyof ThesisParams, message: parsed.error.issues[0]?.message ?? "invalid" };
  }
  const range = quarterRangeProblem(params);
  if (range) return { param: "to", message: range };
  for (const param of ["smartphoneCycleStart", "aiCycleStart"] as const) {
    if (!quarterSchema.safeParse(params[param]).success)
      return { param, message: `must be a quarter like 2024-Q3, got "${params[param]}"` };
  }
  return null;
}

/**
 * Sequoia's "AI's $200B / $600B Question": the annual revenue the buyers of NVIDIA's data-center
 * chips need = quarterly data-center revenue x 4 (run-rate) / gpuShare (whole data-center cost)
 * / (1 - margin) (the buyer's gross margin). With the defaults that is x 4 x 2 x 2.
 */
export function sequoiaRequiredRevenue(datacenterQuarterly: number, params: Pick<ThesisParams, "gpuShare" | "margin">): number {
  return (datacenterQuarterly * 4) / params.gpuShare / (1 - params.margin);
}

interface CompanySeries {
  entity: string;
  capex: FlowSeries;
  capexTtm: Series;
  capexYoY: Series;
  revenueTtm: Series;
  intensity: Series;
  cloudRevenue: FlowSeries;
  funding: FundingSeries;
}

function companySeries(index: ObservationIndex, entity: string): CompanySeries {
  const flow = ({ metric }: InputSeries) => flowSeries(index.of(entity, metric), entity, metric);
  const capex = flow(THESIS_INPUTS.capex);
  const capexTtm = ttm(capex);
  const revenueTtm = ttm(flow(THESIS_INPUTS.revenue));
  return {
    entity,
    capex,
    capexTtm,
    capexYoY: yoy(capex),
    revenueTtm,
    intensity: ratioSeries(`${entity} capex intensity`, capexTtm, revenueTtm),
    cloudRevenue: flow(THESIS_INPUTS.cloudRevenue),
    funding: companyFunding(capex, flow(THESIS_INPUTS.operatingCashFlow), flow(THESIS_INPUTS.depreciation)),
  };
}

/** Every series of the thesis, as functions of the quarter index, so q - lookback needs no range. */
function thesisSeries(index: ObservationIndex, params: ThesisParams) {
  const companies = params.companies.map((entity) => companySeries(index, entity));
  const cloud = companies.filter((c) => c.cloudRevenue.observations.size > 0);
  const noCompany = NO_COMPANY_SELECTED;
  const noCloud: Reason = { kind: "nothing_selected", message: "no selected company reports cloud revenue" };
  const capexTtm = sumSeries(
    "aggregate capex TTM",
    companies.map((c) => c.capexTtm),
    noCompany,
  );
  const cloudRevenueTtm = sumSeries(
    "cloud revenue TTM",
    cloud.map((c) => ttm(c.cloudRevenue)),
    noCloud,
  );
  const revenueTtm = sumSeries(
    "aggregate revenue TTM",
    companies.map((c) => c.revenueTtm),
    noCompany,
  );
  const ai = aiRevenue(index.ofMetric(THESIS_INPUTS.aiRevenueRunRate.metric), params.aiRevenue, params.carryForwardDays);
  const coverage = ratioSeries("coverage ratio", ai.total, capexTtm);
  const dollarGap = differenceSeries("dollar gap", capexTtm, ai.total);
  const { metric: datacenterMetric } = THESIS_INPUTS.datacenterRevenue;
  const datacenter = flowSeries(index.of(NVIDIA, datacenterMetric), NVIDIA, datacenterMetric);
  const required = memoized({
    name: "Sequoia required revenue",
    at(q) {
      const quarterly = datacenter.at(q);
      return isKnown(quarterly) ? known(sequoiaRequiredRevenue(quarterly.value, params)) : quarterly;
    },
  });
  return {
    companies,
    cloud,
    capex: sumSeries(
      "aggregate capex",
      companies.map((c) => c.capex),
      noCompany,
    ),
    capexTtm,
    capexTtmYoY: yoy(capexTtm),
    revenueTtm,
    intensity: ratioSeries("aggregate capex intensity", capexTtm, revenueTtm),
    cloudRevenueTtm,
    capexToCloudRevenue: ratioSeries(
      "capex to cloud revenue",
      sumSeries(
        "cloud companies' capex TTM",
        cloud.map((c) => c.capexTtm),
        noCloud,
      ),
      cloudRevenueTtm,
    ),
    ai,
    aiYoY: yoy(ai.total),
    consumer: consumerSpendingSeries(
      [...index.ofMetric(THESIS_INPUTS.consumerAppSpending.metric), ...index.ofMetric(THESIS_INPUTS.aiAppSpending.metric)],
      params.aiApps,
    ),
    coverage,
    coverageYoY: yoy(coverage),
    dollarGap,
    dollarGapYoY: yoy(dollarGap),
    datacenter,
    required,
    sequoiaGap: differenceSeries("Sequoia gap", required, ai.total),
    funding: aggregateFunding(companies.map((c) => c.funding)),
  };
}

type AllSeries = ReturnType<typeof thesisSeries>;

function flagInputs(s: AllSeries, q: number): FlagInputs {
  return {
    quarter: quarterFromIndex(q),
    capexTtm: s.capexTtm.at(q),
    aiRevenue: s.ai.total.at(q),
    coverage: s.coverage.at(q),
    dollarGap: s.dollarGap.at(q),
  };
}

/** One quarter of every series; `first` is where earlier peaks start looking. */
function thesisQuarter(s: AllSeries, q: number, first: number, lookback: number): ThesisQuarter {
  return {
    quarter: quarterFromIndex(q),
    companies: s.companies.map((c) => ({
      entity: c.entity,
      capex: c.capex.at(q),
      capexTtm: c.capexTtm.at(q),
      capexYoY: c.capexYoY.at(q),
      revenueTtm: c.revenueTtm.at(q),
      intensity: c.intensity.at(q),
      ...earlierPeak(c.intensity, first, q),
    })),
    aggregate: {
      capex: s.capex.at(q),
      capexTtm: s.capexTtm.at(q),
      capexTtmYoY: s.capexTtmYoY.at(q),
      revenueTtm: s.revenueTtm.at(q),
      intensity: s.intensity.at(q),
      ...earlierPeak(s.intensity, first, q),
      cloudRevenueTtm: s.cloudRevenueTtm.at(q),
      capexToCloudRevenue: s.capexToCloudRevenue.at(q),
    },
    aiRevenue: {
      entities: s.ai.byEntity(q),
      total: s.ai.total.at(q),
      totalYoY: s.aiYoY.at(q),
      consumerAppSpending: consumerSpendingAt(s.consumer, q),
    },
    coverage: s.coverage.at(q),
    coverageYoY: s.coverageYoY.at(q),
    dollarGap: s.dollarGap.at(q),
    dollarGapYoY: s.dollarGapYoY.at(q),
    nvdaDatacenterRevenue: s.datacenter.at(q),
    sequoiaRequiredRevenue: s.required.at(q),
    sequoiaGap: s.sequoiaGap.at(q),
    flag: killerAppFlag(flagInputs(s, q), flagInputs(s, q - lookback)),
    funding: {
      companies: s.companies.map((c) => ({ entity: c.entity, ...fundingAt(c.funding, q) })),
      aggregate: fundingAt(s.funding, q),
    },
  };
}

function headlineOf(q: ThesisQuarter): Headline {
  return {
    capexTtm: q.aggregate.capexTtm,
    capexTtmYoY: q.aggregate.capexTtmYoY,
    aiRevenueAnnualized: q.aiRevenue.total,
    aiRevenueYoY: q.aiRevenue.totalYoY,
    coverage: q.coverage,
    coverageYoY: q.coverageYoY,
    dollarGap: q.dollarGap,
    dollarGapYoY: q.dollarGapYoY,
    sequoiaRequiredRevenue: q.sequoiaRequiredRevenue,
    capexToOcf: q.funding.aggregate.capexToOcf,
    capexToOcfYoY: q.funding.aggregate.capexToOcfYoY,
    freeCashFlow: q.funding.aggregate.fcfTtm,
    freeCashFlowYoY: q.funding.aggregate.fcfTtmYoY,
  };
}

/** From the first to the last quarter any selected company has capex; null when none has. */
function capexSpan(companies: readonly CompanySeries[]): { first: number; last: number } | null {
  return extent(companies.flatMap((c) => [...c.capex.observations.keys()]));
}

/** The span's quarters within from and to (bounds already checked). */
function clip(span: { first: number; last: number }, params: ThesisParams): number[] {
  const first = params.from === null ? span.first : Math.max(span.first, requireQuarter(params.from));
  const last = params.to === null ? span.last : Math.min(span.last, requireQuarter(params.to));
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

/**
 * The whole thesis for the observations. Parameters not given take DEFAULT_THESIS_PARAMS; a
 * parameter that cannot be used throws a RangeError naming it (callers validate first).
 */
export function computeThesis(observations: readonly ThesisObservation[], overrides: Partial<ThesisParams> = {}): Thesis {
  const params: ThesisParams = { ...DEFAULT_THESIS_PARAMS, ...overrides };
  const problem = thesisParamsProblem(params);
  if (problem) throw new RangeError(`${problem.param} ${problem.message}`);
  const index = indexObservations(observations);
  const series = thesisSeries(index, params);
  const span = capexSpan(series.companies);
  const quarters = span ? clip(span, params).map((q) => thesisQuarter(series, q, span.first, params.lookback)) : [];
  return {
    params,
    cloudCompanies: series.cloud.map((c) => c.entity),
    quarters,
    scorecard: scorecard(quarters.map((q) => ({ quarter: q.quarter, flag: q.flag, headline: headlineOf(q) }))),
    consumerShare: consumerShare(index, series.capexTtm),
    earlierCycles: earlierCycles(
      SMARTPHONE_ERA_POOLS.flatMap(({ metric, entities }) => index.of(entities.entities[0], metric)),
      series.ai,
      { smartphone: requireQuarter(params.smartphoneCycleStart), ai: requireQuarter(params.aiCycleStart) },
    ),
  };
}
