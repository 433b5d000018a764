import { describe, expect, it } from "vitest";
import { type Computed, known, missing } from "../../../server/domain/computed.ts";
import {
  cohortDepreciation,
  computeScenarios,
  growthToReach,
  quartersToReach,
  type ScenarioInput,
} from "../../../server/domain/scenarios.ts";

/** Consecutive quarters from `first`, each with its capex. */
function capexSeries(first: string, values: readonly (number | null)[]) {
  const start = Number(first.slice(0, 4)) * 4 + Number(first.slice(6)) - 1;
  return values.map((value, i) => {
    const q = start + i;
    const quarter = `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
    const capex: Computed = value === null ? missing({ kind: "missing_quarter", message: `X capex missing for ${quarter}` }) : known(value);
    return { quarter, capex };
  });
}

const depreciationOf = (capex: ReturnType<typeof capexSeries>, life: number) => cohortDepreciation(capex, life).map((q) => q.depreciation);

describe("cohortDepreciation", () => {
  // Capex 10, 20, ..., 140 from 2020-Q1 to 2023-Q2.
  const rising = capexSeries(
    "2020-Q1",
    Array.from({ length: 14 }, (_, i) => 10 * (i + 1)),
  );

  it("over 3 years, is at each quarter the last 12 cohorts' capex / 3", () => {
    const depreciation = depreciationOf(rising, 3);
    // 2022-Q4: (10 + ... + 120) / 3 = 780 / 3; 2023-Q1: (20 + ... + 130) / 3; 2023-Q2: (30 + ... + 140) / 3.
    expect(depreciation.slice(11)).toEqual([known(260), known(300), known(340)]);
  });

  it("is missing before a whole life of cohorts is in the data, naming the quarters before it begins", () => {
    const depreciation = depreciationOf(rising, 3);
    expect(depreciation.slice(0, 11).every((d) => d.value === null)).toBe(true);
    expect(depreciation[0]).toEqual(
      missing({
        kind: "missing_quarter",
        message: "aggregate capex missing for 2017-Q2 to 2019-Q4, before the data begins (cohorts within their 3-year life)",
        quarters: ["2017-Q2", "2017-Q3", "2017-Q4", "2018-Q1", "2018-Q2", "2018-Q3", "2018-Q4", "2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4"],
      }),
    );
    expect(depreciation[10]?.reasons?.[0]?.quarters).toEqual(["2019-Q4"]);
  });

  it("is missing, naming the cohort, while a missing quarter's cohort is within its life", () => {
    const gap = capexSeries(
      "2020-Q1",
      rising.map((c, i) => (i === 12 ? null : c.capex.value)),
    );
    const depreciation = depreciationOf(gap, 3);
    expect(depreciation[11]).toEqual(known(260));
    expect(depreciation[12]).toEqual(missing({ kind: "missing_quarter", message: "X capex missing for 2023-Q1" }));
    expect(depreciation[13]).toEqual(missing({ kind: "missing_quarter", message: "X capex missing for 2023-Q1" }));
  });

  // 150 in 2015-Q1, then 30 a quarter to 2021-Q2 (26 quarters).
  const oneLargeCohort = capexSeries("2015-Q1", [150, ...Array(25).fill(30)]);

  it("over 6 years, counts a cohort for 24 quarters and then drops it", () => {
    const depreciation = depreciationOf(oneLargeCohort, 6);
    // 2020-Q4: (150 + 23 x 30) / 6; 2021-Q1, 2021-Q2: 24 x 30 / 6, the 2015-Q1 cohort fully depreciated.
    expect(depreciation.slice(23)).toEqual([known(140), known(120), known(120)]);
    expect(depreciation[22]?.value).toBeNull();
  });

  it("over 5.5 years, counts a cohort for 22 quarters", () => {
    const depreciation = depreciationOf(oneLargeCohort, 5.5);
    expect(depreciation[21]).toEqual(known((150 + 21 * 30) / 5.5));
    expect(depreciation[22]).toEqual(known(120));
  });

  it("refuses a life that is not a whole number of quarters", () => {
    expect(() => depreciationOf(rising, 2.1)).toThrow(RangeError);
  });
});

describe("quartersToReach", () => {
  it.each([
    // revenue, target, g, c, t: t = ceil(4 ln(target / revenue) / ln((1 + g) / (1 + c)))
    [1, 4, 1, 0, 8], // doubling against flat: 4 = 2^2, two years
    [1, 4, 3, 1, 8], // x4 against x2 a year: the same ratio, the same answer
    [10, 20, 1, 0, 4],
    [1, 3, 1, 0, 7], // 4 log2(3) = 6.34: 2^(6/4) = 2.83 < 3, 2^(7/4) = 3.36 >= 3
  ])("revenue %d reaches %d at %d against %d a year after %d quarters", (revenue, target, g, c, t) => {
    expect(quartersToReach({ revenue, target }, { revenue: g, target: c })).toBe(t);
  });

  it("is 0 when revenue already reaches the target, whatever the rates", () => {
    expect(quartersToReach({ revenue: 5, target: 4 }, { revenue: -0.5, target: 1 })).toBe(0);
    expect(quartersToReach({ revenue: 4, target: 4 }, { revenue: 0, target: 1 })).toBe(0);
  });

  it.each([
    [0.5, 0.5],
    [0.2, 0.75],
    [-0.5, 0],
  ])("is never (null) when revenue grows %d a year and the target %d, no faster", (g, c) => {
    expect(quartersToReach({ revenue: 1, target: 4 }, { revenue: g, target: c })).toBeNull();
  });
});

describe("growthToReach", () => {
  it.each([
    // revenue, target, c, quarters, g* = (1 + c) (target / revenue)^(4 / quarters) - 1
    [1, 4, 0, 8, 1],
    [1, 4, 1, 8, 3],
    [10, 20, 0.5, 4, 2],
    [1, 1, 0.3, 12, 0.3],
  ])("from %d to %d with the target growing %d reaches it in %d quarters at %d a year", (revenue, target, c, quarters, g) => {
    expect(growthToReach({ revenue, target }, c, quarters)).toBeCloseTo(g, 12);
  });

  it("gives a growth at which quartersToReach answers the same number of quarters", () => {
    const g = growthToReach({ revenue: 1, target: 3 }, 0.1, 10);
    expect(quartersToReach({ revenue: 1, target: 3 }, { revenue: g, target: 0.1 })).toBe(10);
  });
});

/**
 * 2020-Q1 to 2023-Q4, capex 10, 20, ..., 160. At 2023-Q4: capex TTM 580 (130 + 140 + 150 + 160),
 * doubling a year; AI revenue 145, four times the year before; reported D&A TTM 300.
 * Depreciation over 3 years: (50 + ... + 160) / 3 = 1260 / 3 = 420.
 */
function inputs(): ScenarioInput[] {
  const none = missing({ kind: "outside_observed_range", message: "no AI revenue" });
  return capexSeries(
    "2020-Q1",
    Array.from({ length: 16 }, (_, i) => 10 * (i + 1)),
  ).map(({ quarter, capex }, i) => {
    const last = i === 15;
    return {
      quarter,
      capex,
      capexTtm: i >= 3 ? known(40 * i - 20) : missing({ kind: "missing_quarter", message: "TTM" }),
      capexTtmYoY: last ? known(1) : none,
      aiRevenue: last ? known(145) : i === 14 ? known(100) : none,
      aiRevenueYoY: last ? known(3) : none,
      daTtm: last ? known(300) : missing({ kind: "missing_quarter", message: "D&A" }),
    };
  });
}
const defaults = { life: 3, margin: 0, aiGrowth: null, capexGrowth: null, targetYear: null, from: null, to: null };

describe("computeScenarios", () => {
  const scenario = computeScenarios(inputs(), defaults);

  it("starts from the last quarter with AI revenue and capex TTM, at their latest YoY, aiming four years on", () => {
    expect(scenario.base).toEqual({
      quarter: "2023-Q4",
      aiRevenue: 145,
      capexTtm: 580,
      requiredRevenue: known(420),
      aiGrowth: { rate: known(3), from: "latest YoY" },
      capexGrowth: { rate: known(1), from: "latest YoY" },
      targetYear: 2027,
    });
  });

  it("with a margin of 0, requires revenue equal to the depreciation, beside reported D&A", () => {
    const last = scenario.quarters.at(-1);
    expect(last).toMatchObject({
      quarter: "2023-Q4",
      depreciation: known(420),
      reportedDaTtm: known(300),
      depreciationGap: known(120),
      requiredRevenue: known(420),
      coverageOfRequired: known(145 / 420),
    });
    expect(scenario.requirement).toBe(
      "Depreciated over 3 years, the build-out to 2023 Q4 costs $0.4B a year; at a 0.0% gross margin it requires $0.4B of revenue a year. AI revenue, $0.1B, covers 34.5% of it.",
    );
  });

  it("at a 50% margin, requires twice the depreciation", () => {
    const half = computeScenarios(inputs(), { ...defaults, margin: 0.5 });
    expect(half.base?.requiredRevenue).toEqual(known(840));
    // 4 ln(840 / 145) / ln(4 / 2) = 10.14: the 11th quarter after 2023-Q4.
    expect(half.coverage.requiredRevenue.reach).toEqual(known({ kind: "reached", quarter: "2026-Q3", quartersAhead: 11 }));
  });

  it("matches capex TTM when 145 x 4^(t/4) reaches 580 x 2^(t/4): t = 8, 2025 Q4", () => {
    expect(scenario.coverage.capexTtm.reach).toEqual(known({ kind: "reached", quarter: "2025-Q4", quartersAhead: 8 }));
    expect(scenario.coverage.capexTtm.sentence).toBe(
      "At +300.0% a year for AI revenue and +100.0% for capex, AI revenue would match capex TTM in 2025 Q4, 8 quarters after 2023 Q4.",
    );
  });

  it("reaches the required revenue, growing with capex, when 145 x 2^(t/4) >= 420: t = 7", () => {
    expect(scenario.coverage.requiredRevenue.reach).toEqual(known({ kind: "reached", quarter: "2025-Q3", quartersAhead: 7 }));
    expect(scenario.coverage.requiredRevenue.sentence).toBe(
      "At +300.0% a year for AI revenue and +100.0% for capex, AI revenue would reach the required revenue (3-year life, 0.0% margin) in 2025 Q3, 7 quarters after 2023 Q4.",
    );
  });

  it("needs (1 + c) (target / revenue)^(1 / years) - 1 to cover by the target year's last quarter", () => {
    const by2025 = computeScenarios(inputs(), { ...defaults, targetYear: 2025 });
    // Eight quarters: 2 x (580 / 145)^(1/2) - 1 = 3, the growth that reaches it in 2025 Q4 above.
    expect(by2025.coverage.capexTtm.growthNeeded.value).toBeCloseTo(3, 12);
    expect(by2025.coverage.requiredRevenue.growthNeeded.value).toBeCloseTo(2 * Math.sqrt(420 / 145) - 1, 12);
    expect(by2025.coverage.capexTtm.growthSentence).toBe(
      "To match capex TTM by 2025 Q4, with capex growing +100.0% a year, AI revenue would have to grow +300.0% a year from 2023 Q4.",
    );
  });

  it("says never when AI revenue grows no faster than capex", () => {
    const never = computeScenarios(inputs(), { ...defaults, aiGrowth: 0.5, capexGrowth: 0.5 });
    expect(never.base?.aiGrowth).toEqual({ rate: known(0.5), from: "parameter" });
    expect(never.coverage.capexTtm.reach).toEqual(known({ kind: "never" }));
    expect(never.coverage.capexTtm.sentence).toBe(
      "At +50.0% a year for AI revenue and +50.0% for capex, AI revenue would never match capex TTM: it grows no faster than capex, from $0.1B against $0.6B in 2023 Q4.",
    );
  });

  it("names why the growth needed is missing when the target year has passed", () => {
    const passed = computeScenarios(inputs(), { ...defaults, targetYear: 2023 });
    expect(passed.coverage.capexTtm.growthNeeded).toEqual(
      missing({ kind: "target_not_ahead", message: "2023 Q4 is not after 2023 Q4, where the projection starts", quarters: ["2023-Q4"] }),
    );
  });

  it("projects each line from its reported value at the base quarter, apart from the data", () => {
    const projection = scenario.projection;
    expect(projection).toMatchObject({ from: "2023-Q4", aiGrowth: 3, capexGrowth: 1 });
    // To the default target, 2027 Q4: 16 quarters ahead.
    expect(projection?.quarters).toHaveLength(17);
    expect(projection?.quarters[0]).toEqual({
      quarter: "2023-Q4",
      quartersAhead: 0,
      aiRevenue: 145,
      capexTtm: 580,
      requiredRevenue: known(420),
    });
    expect(projection?.quarters[4]).toEqual({
      quarter: "2024-Q4",
      quartersAhead: 4,
      aiRevenue: 580,
      capexTtm: 1160,
      requiredRevenue: known(840),
    });
  });

  it("takes from and to: the rows within them, the base at or before to", () => {
    const earlier = computeScenarios(inputs(), { ...defaults, from: "2023-Q1", to: "2023-Q3", aiGrowth: 1, capexGrowth: 1 });
    expect(earlier.quarters.map((q) => q.quarter)).toEqual(["2023-Q1", "2023-Q2", "2023-Q3"]);
    expect(earlier.base).toMatchObject({ quarter: "2023-Q3", aiRevenue: 100, capexTtm: 540, targetYear: 2027 });
    // The default rates are the YoYs at the base quarter, missing there.
    expect(computeScenarios(inputs(), { ...defaults, to: "2023-Q3" }).coverage.capexTtm.reach).toEqual(
      missing({ kind: "outside_observed_range", message: "no AI revenue" }),
    );
  });

  it("has no base, and says why in every sentence, when no quarter has AI revenue", () => {
    const none = computeScenarios(inputs(), { ...defaults, to: "2023-Q2" });
    expect(none.base).toBeNull();
    expect(none.projection).toBeNull();
    expect(none.coverage.capexTtm.sentence).toBe("When AI revenue would match capex TTM cannot be computed: no AI revenue.");
    expect(none.requirement).toBe("Depreciated over 3 years, the build-out's cost cannot be computed: no AI revenue.");
  });
});
