// The thesis engine: is hyperscaler AI capex paid for by revenue yet? From a plain array of
// observations and the parameters it derives, for every calendar quarter, capex and its intensity
// against past peaks, AI revenue against capex, the Sequoia gap and the killer-app flag, then the
// scorecard and the earlier cycles. All amounts are USD millions; ratios are fractions.

import { aiRevenue, type ConsumerSpending, consumerSpendingAt, consumerSpendingSeries, type EntityRunRate } from "./aiRevenue.ts";
import { type Computed, isKnown, known } from "./computed.ts";
import { type CycleSeries, earlierCycles, SMARTPHONE_ERA_POOLS } from "./earlierCycles.ts";
import { aggregateFunding, companyFunding, type FundingQuarter, type FundingSeries, fundingAt } from "./funding.ts";
import { type FlagInputs, type KillerAppFlag, killerAppFlag } from "./killerAppFlag.ts";
import { quarterFromIndex } from "./periods.ts";
import { type Headline, type Scorecard, scorecard } from "./scorecard.ts";
import {
  differenceSeries,
  type EarlierPeak,
  earlierPeak,
  type FlowSeries,
  flowSeries,
  indexObservations,
  memoized,
  type ObservationIndex,
  quarterOf,
  ratioSeries,
  type Series,
  sumSeries,
  type ThesisObservation,
  ttm,
  yoy,
} from "./series.ts";

export type { ThesisObservation } from "./series.ts";

export interface ThesisParams {
  /** The hyperscalers H whose capex is tracked. */
  companies: readonly string[];
  /** The AI companies whose run-rates make up AI revenue, annualized. */
  aiRevenue: readonly string[];
  /** How many days a run-rate is held flat after its last observation. */
  carryForwardDays: number;
  /** How many quarters back the flag compares with (4: the same quarter a year earlier). */
  lookback: number;
  /** GPUs' share of a data center's total cost: total cost = GPU spend / gpuShare (0.5 doubles it). */
  gpuShare: number;
  /** The gross margin the buyer of compute needs: revenue = cost / (1 - margin) (0.5 doubles it). */
  margin: number;
  /** First quarter to report (`YYYY-Qn`), or null for the first quarter with capex. */
  from: string | null;
  /** Last quarter to report (`YYYY-Qn`), or null for the last quarter with capex. */
  to: string | null;
  /** Year 0 of the smartphone cycle: the iPhone launch. */
  smartphoneCycleStart: string;
  /** Year 0 of the AI cycle: the ChatGPT launch. */
  aiCycleStart: string;
}

export const DEFAULT_THESIS_PARAMS: ThesisParams = {
  companies: ["MSFT", "GOOGL", "AMZN", "META"],
  aiRevenue: ["OPENAI", "ANTHROPIC"],
  carryForwardDays: 92,
  lookback: 4,
  gpuShare: 0.5,
  margin: 0.5,
  from: null,
  to: null,
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
  /** Aggregate capex TTM - AI revenue annualized. */
  dollarGap: Computed;
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
}

/** The flows read for every selected company. */
const COMPANY_METRICS = ["capex", "revenue", "cloud_revenue", "operating_cash_flow", "depreciation_amortization"];

/**
 * Every observation the thesis reads, as filters (entities, when given, and metrics), so a store
 * loads only these rows however large the data set grows. computeThesis ignores anything else.
 */
export function thesisInputs(params: ThesisParams): { entities?: string[]; metrics: string[] }[] {
  return [
    { entities: [...params.companies], metrics: COMPANY_METRICS },
    { entities: ["NVDA"], metrics: ["datacenter_revenue"] },
    { entities: [...params.aiRevenue], metrics: ["ai_revenue_run_rate"] },
    { metrics: ["consumer_ai_app_spending"] },
    ...SMARTPHONE_ERA_POOLS.map(({ entity, metric }) => ({ entities: [entity], metrics: [metric] })),
  ];
}

/** The first parameter that cannot be used, with why; null when all can. */
export function thesisParamsProblem(params: ThesisParams): { param: keyof ThesisParams; message: string } | null {
  const quarterParams = ["from", "to", "smartphoneCycleStart", "aiCycleStart"] as const;
  for (const param of quarterParams) {
    const value = params[param];
    if (value !== null && quarterOf(value) === null) return { param, message: `must be a quarter like 2024-Q3, got "${value}"` };
  }
  if (!Number.isInteger(params.carryForwardDays) || params.carryForwardDays < 0) {
    return { param: "carryForwardDays", message: "must be a whole number of days, 0 or more" };
  }
  if (!Number.isInteger(params.lookback) || params.lookback < 1)
    return { param: "lookback", message: "must be a whole number of quarters, 1 or more" };
  if (!(params.gpuShare > 0 && params.gpuShare <= 1)) return { param: "gpuShare", message: "must be more than 0 and at most 1" };
  if (!(params.margin >= 0 && params.margin < 1)) return { param: "margin", message: "must be at least 0 and less than 1" };
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
  const flow = (metric: string) => flowSeries(index.of(entity, metric), entity, metric);
  const capex = flow("capex");
  const capexTtm = ttm(capex);
  const revenueTtm = ttm(flow("revenue"));
  return {
    entity,
    capex,
    capexTtm,
    capexYoY: yoy(capex),
    revenueTtm,
    intensity: ratioSeries(`${entity} capex intensity`, capexTtm, revenueTtm),
    cloudRevenue: flow("cloud_revenue"),
    funding: companyFunding(capex, flow("operating_cash_flow"), flow("depreciation_amortization")),
  };
}

/** Every series of the thesis, as functions of the quarter index, so q - lookback needs no range. */
function thesisSeries(index: ObservationIndex, params: ThesisParams) {
  const companies = params.companies.map((entity) => companySeries(index, entity));
  const cloud = companies.filter((c) => c.cloudRevenue.observations.size > 0);
  const noCompany = "no company selected";
  const noCloud = "no selected company reports cloud revenue";
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
  const ai = aiRevenue(index.ofMetric("ai_revenue_run_rate"), params.aiRevenue, params.carryForwardDays);
  const datacenter = flowSeries(index.of("NVDA", "datacenter_revenue"), "NVDA", "datacenter_revenue");
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
    consumer: consumerSpendingSeries(index.ofMetric("consumer_ai_app_spending")),
    coverage: ratioSeries("coverage ratio", ai.total, capexTtm),
    dollarGap: differenceSeries("dollar gap", capexTtm, ai.total),
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
    dollarGap: s.dollarGap.at(q),
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
    dollarGap: q.dollarGap,
    sequoiaRequiredRevenue: q.sequoiaRequiredRevenue,
    capexToOcf: q.funding.aggregate.capexToOcf,
    capexToOcfYoY: q.funding.aggregate.capexToOcfYoY,
    freeCashFlow: q.funding.aggregate.fcfTtm,
    freeCashFlowYoY: q.funding.aggregate.fcfTtmYoY,
  };
}

/** From the first to the last quarter any selected company has capex; null when none has. */
function capexSpan(companies: readonly CompanySeries[]): { first: number; last: number } | null {
  const capexQuarters = companies.flatMap((c) => [...c.capex.observations.keys()]);
  if (capexQuarters.length === 0) return null;
  return { first: Math.min(...capexQuarters), last: Math.max(...capexQuarters) };
}

/** The span's quarters within from and to (bounds already checked). */
function clip(span: { first: number; last: number }, params: ThesisParams): number[] {
  const first = params.from === null ? span.first : Math.max(span.first, quarterOf(params.from)!);
  const last = params.to === null ? span.last : Math.min(span.last, quarterOf(params.to)!);
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
    earlierCycles: earlierCycles(
      SMARTPHONE_ERA_POOLS.flatMap(({ entity, metric }) => index.of(entity, metric)),
      series.ai,
      {
        smartphone: quarterOf(params.smartphoneCycleStart)!,
        ai: quarterOf(params.aiCycleStart)!,
      },
    ),
  };
}
