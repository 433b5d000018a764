import { describe, expect, it } from "vitest";
import { aiRevenue, consumerSpendingAt, consumerSpendingSeries, runRateAt, runRatePoints } from "../../../server/domain/aiRevenue.ts";
import { parseIsoDay } from "../../../server/domain/periods.ts";
import { quarterOf, type ThesisObservation } from "../../../server/domain/series.ts";
import { missingBecause } from "../../helpers/reasons.ts";

const day = (date: string) => parseIsoDay(date)!;
const q = (period: string) => quarterOf(period)!;

function runRate(entity: string, periodEnd: string, value: number, extra: Partial<ThesisObservation> = {}): ThesisObservation {
  const period = `${periodEnd.slice(0, 4)}-Q${Math.ceil(Number(periodEnd.slice(5, 7)) / 3)}`;
  return {
    entity,
    metric: "ai_revenue_run_rate",
    period,
    periodEnd,
    value,
    unit: "USD_m_annualized",
    basis: "run_rate",
    source: `src-${periodEnd}`,
    ...extra,
  };
}

// OPENAI: 1,000 on 2024-01-01, 2,000 on 2024-04-10, 2,500 on 2024-06-30, 3,000 on 2024-09-30.
const openai = [
  runRate("OPENAI", "2024-01-01", 1_000),
  runRate("OPENAI", "2024-04-10", 2_000),
  runRate("OPENAI", "2024-06-30", 2_500),
  runRate("OPENAI", "2024-09-30", 3_000),
];
const points = runRatePoints(openai, "OPENAI");

describe("runRateAt", () => {
  it("interpolates linearly in days between the nearest observations around the date", () => {
    // 2024-01-01 to 2024-03-31 is 90 days (30 + 29 + 31), to 2024-04-10 is 100 days:
    // 1,000 + (2,000 - 1,000) x 90 / 100 = 1,900.
    expect(runRateAt("OPENAI", points, day("2024-03-31"), 92)).toEqual({
      entity: "OPENAI",
      value: { value: 1_900 },
      how: "interpolated",
      from: [
        { periodEnd: "2024-01-01", value: 1_000, basis: "run_rate", source: "src-2024-01-01" },
        { periodEnd: "2024-04-10", value: 2_000, basis: "run_rate", source: "src-2024-04-10" },
      ],
    });
  });

  it("calls an observation on the date itself observed", () => {
    const rate = runRateAt("OPENAI", points, day("2024-06-30"), 92);
    expect(rate).toMatchObject({ value: { value: 2_500 }, how: "observed", from: [{ periodEnd: "2024-06-30" }] });
  });

  it("carries the last observation forward for up to carryForwardDays", () => {
    // 2024-09-30 to 2024-12-31 is 92 days (31 + 30 + 31): inside a 92-day window.
    const rate = runRateAt("OPENAI", points, day("2024-12-31"), 92);
    expect(rate).toMatchObject({ value: { value: 3_000 }, how: "carried forward", from: [{ periodEnd: "2024-09-30" }] });
  });

  it.each([
    [
      "2024-12-31",
      91,
      "outside observed range: OPENAI run-rate last observed 2024-09-30, 92 days before 2024-12-31 (carry-forward limit 91 days)",
    ],
    [
      "2025-03-31",
      92,
      "outside observed range: OPENAI run-rate last observed 2024-09-30, 182 days before 2025-03-31 (carry-forward limit 92 days)",
    ],
  ])("refuses %s beyond a %s-day carry-forward window", (date, window, reason) => {
    expect(runRateAt("OPENAI", points, day(date), window)).toEqual({
      entity: "OPENAI",
      value: missingBecause(reason),
      how: null,
      from: [],
    });
  });

  it("refuses a date before the first observation (no extrapolation)", () => {
    expect(runRateAt("OPENAI", points, day("2023-12-31"), 92).value).toEqual(
      missingBecause("outside observed range: OPENAI run-rate starts 2024-01-01 (asked for 2023-12-31)"),
    );
  });

  it("refuses an entity with no observations", () => {
    expect(runRateAt("XAI", [], day("2024-03-31"), 92).value).toEqual(missingBecause("XAI has no run-rate observations"));
  });
});

describe("runRatePoints", () => {
  it("keeps the later of two observations sharing a date", () => {
    const rows = [runRate("OPENAI", "2024-06-30", 2_500), runRate("OPENAI", "2024-06-30", 2_600)];
    expect(runRatePoints(rows, "OPENAI").map((p) => p.value)).toEqual([2_600]);
  });

  it("reads only USD_m_annualized run-rates of the entity, oldest first", () => {
    const rows = [
      runRate("OPENAI", "2024-09-30", 3_000),
      runRate("OPENAI", "2024-03-31", 900, { unit: "USD_m" }),
      runRate("OPENAI", "2024-06-30", 40, { metric: "ai_revenue", unit: "USD_m" }),
      runRate("ANTHROPIC", "2024-06-30", 500),
      runRate("OPENAI", "2024-01-01", 1_000),
    ];
    expect(runRatePoints(rows, "OPENAI").map((p) => p.periodEnd)).toEqual(["2024-01-01", "2024-09-30"]);
  });
});

describe("aiRevenue", () => {
  const rows = [...openai, runRate("ANTHROPIC", "2024-06-30", 500), runRate("ANTHROPIC", "2024-09-30", 800)];

  it("adds the selected entities' run-rates on the quarter's last day", () => {
    expect(aiRevenue(rows, ["OPENAI", "ANTHROPIC"], 92).total.at(q("2024-Q3"))).toEqual({ value: 3_800 });
  });

  it("refuses a partial total and names the entity that is missing", () => {
    expect(aiRevenue(rows, ["OPENAI", "ANTHROPIC"], 92).total.at(q("2024-Q1"))).toEqual(
      missingBecause("outside observed range: ANTHROPIC run-rate starts 2024-06-30 (asked for 2024-03-31)"),
    );
  });

  it("says so when no entity is selected", () => {
    expect(aiRevenue(rows, [], 92).total.at(q("2024-Q3"))).toEqual(missingBecause("no AI revenue entity selected"));
  });

  it("knows the quarter of the latest observation", () => {
    expect(aiRevenue(rows, ["OPENAI", "ANTHROPIC"], 92).lastObservedQuarter).toBe(q("2024-Q3"));
    expect(aiRevenue(rows, ["XAI"], 92).lastObservedQuarter).toBeNull();
  });

  it("never adds consumer app spending (a flow) to the run-rate total", () => {
    const spending: ThesisObservation = { ...runRate("OPENAI", "2024-09-30", 330), metric: "consumer_ai_app_spending", unit: "USD_m" };
    expect(aiRevenue([...rows, spending], ["OPENAI", "ANTHROPIC"], 92).total.at(q("2024-Q3"))).toEqual({ value: 3_800 });
  });
});

describe("consumerSpendingAt", () => {
  it("lists the market's and each AI app's quarterly spending with its source, or why it is missing", () => {
    const rows: ThesisObservation[] = [
      { ...runRate("OPENAI", "2025-03-31", 330), metric: "consumer_ai_app_spending", unit: "USD_m" },
      { ...runRate("GENAI_MOBILE_APPS", "2024-12-31", 1_100), period: "2024-FY", metric: "consumer_ai_app_spending", unit: "USD_m" },
      { ...runRate("GENAI_MOBILE_APPS", "2025-03-31", 900), metric: "consumer_ai_app_spending", unit: "USD_m" },
      { ...runRate("CHATGPT", "2025-03-31", 330), metric: "app_consumer_spending", unit: "USD_m" },
      // An earlier killer app's spending is not an AI app's: left out.
      { ...runRate("TIKTOK", "2025-03-31", 2_000), metric: "app_consumer_spending", unit: "USD_m" },
    ];
    const series = consumerSpendingSeries(rows, ["CHATGPT"]);
    expect(consumerSpendingAt(series, q("2025-Q1"))).toEqual([
      { entity: "CHATGPT", metric: "app_consumer_spending", value: { value: 330 }, source: "src-2025-03-31" },
      { entity: "GENAI_MOBILE_APPS", metric: "consumer_ai_app_spending", value: { value: 900 }, source: "src-2025-03-31" },
      { entity: "OPENAI", metric: "consumer_ai_app_spending", value: { value: 330 }, source: "src-2025-03-31" },
    ]);
    expect(consumerSpendingAt(series, q("2024-Q4"))[1]).toEqual({
      entity: "GENAI_MOBILE_APPS",
      metric: "consumer_ai_app_spending",
      value: missingBecause("GENAI_MOBILE_APPS consumer ai app spending missing for 2024-Q4"),
      source: null,
    });
  });
});
