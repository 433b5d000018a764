import { describe, expect, it } from "vitest";
import {
  computeThesis,
  DEFAULT_THESIS_PARAMS,
  sequoiaRequiredRevenue,
  type ThesisObservation,
  type ThesisParams,
  thesisParamsProblem,
} from "../../../server/domain/thesis.ts";
import { missingBecause, reasonsMatching } from "../../helpers/reasons.ts";

function flow(entity: string, metric: string, period: string, value: number, unit = "USD_m"): ThesisObservation {
  return { entity, metric, period, periodEnd: "2000-01-01", value, unit, basis: "reported", source: `src-${entity}-${period}` };
}

function runRate(entity: string, periodEnd: string, value: number): ThesisObservation {
  const period = `${periodEnd.slice(0, 4)}-Q${Math.ceil(Number(periodEnd.slice(5, 7)) / 3)}`;
  return { entity, metric: "ai_revenue_run_rate", period, periodEnd, value, unit: "USD_m_annualized", basis: "run_rate", source: null };
}

const QUARTERS = ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"];

/*
 * A small world, in USD millions:
 * - MSFT capex 10 a quarter in 2023 and 20 in 2024, revenue 100 and cloud revenue 40 every quarter.
 * - AMZN capex 5 a quarter from 2023-Q2 (none in 2023-Q1), revenue 50 every quarter, no cloud revenue.
 *   Capex TTM: MSFT 40, 50, 60, 70, 80 from 2023-Q4; AMZN 20 from 2024-Q1; aggregate 70, 80, 90, 100
 *   in 2024. Revenue TTM: 400 + 200 = 600 from 2023-Q4.
 * - OPENAI run-rate 14, 8, 9, 40 at the ends of 2024's quarters, so with capex TTM 70, 80, 90, 100:
 *   coverage 20%, 10%, 10%, 40% and gap 56, 72, 81, 60.
 * - NVDA data-center revenue 37,500 in 2024-Q3 and 12,500 in 2024-Q4.
 * - Rows the thesis must ignore: a fiscal-year row, a euro row, an unselected company.
 */
const WORLD: ThesisObservation[] = [
  ...QUARTERS.flatMap((period, i) => [
    flow("MSFT", "capex", period, i < 4 ? 10 : 20),
    flow("MSFT", "revenue", period, 100),
    flow("MSFT", "cloud_revenue", period, 40),
    flow("AMZN", "revenue", period, 50),
    ...(i > 0 ? [flow("AMZN", "capex", period, 5)] : []),
  ]),
  runRate("OPENAI", "2024-03-31", 14),
  runRate("OPENAI", "2024-06-30", 8),
  runRate("OPENAI", "2024-09-30", 9),
  runRate("OPENAI", "2024-12-31", 40),
  flow("NVDA", "datacenter_revenue", "2024-Q3", 37_500),
  flow("NVDA", "datacenter_revenue", "2024-Q4", 12_500),
  flow("OPENAI", "consumer_ai_app_spending", "2024-Q4", 5),
  flow("MSFT", "capex", "2024-FY", 999),
  flow("MSFT", "capex", "2022-Q4", 7, "EUR_m"),
  flow("GOOGL", "capex", "2022-Q1", 1_000),
];

const PARAMS: Partial<ThesisParams> = { companies: ["MSFT", "AMZN"], aiRevenue: ["OPENAI"], lookback: 2 };
const thesis = computeThesis(WORLD, PARAMS);
const at = (quarter: string) => thesis.quarters.find((q) => q.quarter === quarter)!;

describe("sequoiaRequiredRevenue", () => {
  it.each([
    // "AI's $200B Question" (Sep 2023): a $50B run-rate is 12,500 a quarter; 12,500 x 4 x 2 x 2 = 200,000.
    [12_500, 200_000],
    // "AI's $600B Question" (Jun 2024): a $150B run-rate is 37,500 a quarter; 37,500 x 4 x 2 x 2 = 600,000.
    [37_500, 600_000],
  ])("turns NVIDIA data-center revenue of %s a quarter into required revenue of %s", (quarterly, required) => {
    expect(sequoiaRequiredRevenue(quarterly, { gpuShare: 0.5, margin: 0.5 })).toBe(required);
  });

  it("divides the run-rate by the GPU share and by one minus the buyer's margin", () => {
    // 10,000 x 4 = 40,000; / 0.4 = 100,000; / (1 - 0.2) = 125,000.
    expect(sequoiaRequiredRevenue(10_000, { gpuShare: 0.4, margin: 0.2 })).toBeCloseTo(125_000, 6);
  });
});

describe("computeThesis", () => {
  it("has one entry per quarter from the first to the last quarter a selected company has capex", () => {
    expect(thesis.quarters.map((q) => q.quarter)).toEqual(QUARTERS);
  });

  it("clips the quarters to from and to, still finding earlier peaks before from", () => {
    const clipped = computeThesis(WORLD, { ...PARAMS, from: "2024-Q2", to: "2024-Q3" });
    expect(clipped.quarters.map((q) => q.quarter)).toEqual(["2024-Q2", "2024-Q3"]);
    expect(clipped.quarters[0]!.companies[0]).toMatchObject({ earlierPeak: { value: 0.125 }, earlierPeakQuarter: "2024-Q1" });
  });

  it("refuses aggregate capex when a company lacks the quarter, never a partial sum", () => {
    expect(at("2023-Q1").aggregate.capex).toEqual(missingBecause("AMZN capex missing for 2023-Q1"));
    expect(at("2023-Q2").aggregate.capex).toEqual({ value: 15 });
    expect(at("2023-Q4").aggregate.capexTtm).toEqual(missingBecause("AMZN capex missing for 2023-Q1"));
    expect(at("2024-Q1").aggregate.capexTtm).toEqual({ value: 70 });
  });

  it("gives each company its capex, TTMs, YoY and intensity", () => {
    expect(at("2024-Q1").companies[0]).toEqual({
      entity: "MSFT",
      capex: { value: 20 },
      capexTtm: { value: 50 },
      capexYoY: { value: 1 },
      revenueTtm: { value: 400 },
      intensity: { value: 0.125 },
      earlierPeak: { value: 0.1 },
      earlierPeakQuarter: "2023-Q4",
      aboveEarlierPeak: { value: true },
    });
  });

  it("tracks the aggregate intensity against its earlier peak", () => {
    // 2024: 70/600, 80/600, 90/600, 100/600, each above the one before.
    expect(at("2024-Q1").aggregate).toMatchObject({ intensity: { value: 70 / 600 }, aboveEarlierPeak: { value: null } });
    expect(at("2024-Q4").aggregate).toMatchObject({
      intensity: { value: 100 / 600 },
      earlierPeak: { value: 90 / 600 },
      earlierPeakQuarter: "2024-Q3",
      aboveEarlierPeak: { value: true },
    });
  });

  it("divides cloud companies' capex TTM by their cloud revenue TTM, a cloud company being one with cloud revenue", () => {
    expect(thesis.cloudCompanies).toEqual(["MSFT"]);
    expect(at("2024-Q4").aggregate.capexToCloudRevenue).toEqual({ value: 80 / 160 });
  });

  it("sums the cloud companies' cloud revenue TTM, or names why there is none", () => {
    expect(at("2024-Q4").aggregate.cloudRevenueTtm).toEqual({ value: 160 });
    expect(computeThesis(WORLD, { ...PARAMS, companies: ["AMZN"] }).quarters.at(-1)!.aggregate.cloudRevenueTtm).toEqual(
      missingBecause("no selected company reports cloud revenue"),
    );
  });

  it("derives coverage and the dollar gap from AI revenue and aggregate capex TTM", () => {
    expect(at("2024-Q3")).toMatchObject({ coverage: { value: 0.1 }, dollarGap: { value: 81 } });
    expect(at("2024-Q4").aiRevenue).toMatchObject({
      entities: [{ entity: "OPENAI", value: { value: 40 }, how: "observed" }],
      total: { value: 40 },
      consumerAppSpending: [{ entity: "OPENAI", value: { value: 5 }, source: "src-OPENAI-2024-Q4" }],
    });
  });

  it("carries the Sequoia required revenue and gap, or the missing NVIDIA quarter", () => {
    expect(at("2024-Q3")).toMatchObject({ sequoiaRequiredRevenue: { value: 600_000 }, sequoiaGap: { value: 600_000 - 9 } });
    expect(at("2024-Q4")).toMatchObject({ nvdaDatacenterRevenue: { value: 12_500 }, sequoiaRequiredRevenue: { value: 200_000 } });
    expect(at("2024-Q2").sequoiaGap).toEqual(missingBecause("NVDA datacenter revenue missing for 2024-Q2"));
  });

  it("flags each quarter against the quarter `lookback` quarters earlier", () => {
    // 2024-Q3 vs 2024-Q1: coverage 10% < 20% and gap 81 > 56. 2024-Q4 vs 2024-Q2: 40% > 10% and 60 < 72.
    expect(at("2024-Q3").flag.status).toBe("red");
    expect(at("2024-Q4").flag.status).toBe("green");
    expect(at("2024-Q2").flag).toMatchObject({
      status: "unknown",
      reasons: reasonsMatching(
        "AMZN capex missing for 2023-Q1; outside observed range: OPENAI run-rate starts 2024-03-31 (asked for 2023-12-31)",
      ),
    });
  });

  it("scores the latest quarter with a known flag, with its headline numbers", () => {
    expect(thesis.scorecard).toMatchObject({
      quarter: "2024-Q4",
      status: "green",
      streak: 1,
      headline: {
        capexTtm: { value: 100 },
        capexTtmYoY: missingBecause("no prior year: AMZN capex missing for 2023-Q1"),
        aiRevenueAnnualized: { value: 40 },
        coverage: { value: 0.4 },
        dollarGap: { value: 60 },
        sequoiaRequiredRevenue: { value: 200_000 },
      },
    });
  });

  it("lays out the earlier cycles beside AI revenue", () => {
    expect(thesis.earlierCycles.map((c) => c.id)).toEqual([
      "AAPL:iphone_revenue",
      "GOOGL:ads_revenue",
      "META:ads_revenue",
      "NFLX:revenue",
      "ai_revenue_annualized",
    ]);
  });

  it("uses the default parameters for those not given and has no quarters without capex", () => {
    const empty = computeThesis([]);
    expect(empty.params).toEqual(DEFAULT_THESIS_PARAMS);
    expect(empty.quarters).toEqual([]);
    expect(empty.scorecard).toEqual({ quarter: null, status: "unknown", explanation: "no quarters to score", reasons: [] });
  });

  it("throws a RangeError naming a parameter it cannot use", () => {
    expect(() => computeThesis(WORLD, { margin: 1 })).toThrow(RangeError);
    expect(() => computeThesis(WORLD, { margin: 1 })).toThrow(/^margin /);
  });
});

describe("thesisParamsProblem", () => {
  it.each([
    [{ gpuShare: 0 }, "gpuShare"],
    [{ gpuShare: 1.5 }, "gpuShare"],
    [{ margin: 1 }, "margin"],
    [{ margin: -0.1 }, "margin"],
    [{ lookback: 0 }, "lookback"],
    [{ lookback: 1.5 }, "lookback"],
    [{ carryForwardDays: -1 }, "carryForwardDays"],
    [{ from: "2024-FY" }, "from"],
    [{ to: "2024Q3" }, "to"],
    [{ aiCycleStart: "2022" }, "aiCycleStart"],
  ])("rejects %o, naming %s", (override, param) => {
    expect(thesisParamsProblem({ ...DEFAULT_THESIS_PARAMS, ...override })?.param).toBe(param);
  });

  it("accepts the defaults", () => {
    expect(thesisParamsProblem(DEFAULT_THESIS_PARAMS)).toBeNull();
  });
});
