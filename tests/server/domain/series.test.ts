import { describe, expect, it } from "vitest";
import { type Computed, known, missing } from "../../../server/domain/computed.ts";
import { isoDayToString } from "../../../server/domain/periods.ts";
import {
  differenceSeries,
  earlierPeak,
  flowSeries,
  NO_COMPANY_SELECTED,
  quarterLastDay,
  quarterOf,
  ratioSeries,
  type Series,
  sumSeries,
  type ThesisObservation,
  ttm,
  yoy,
} from "../../../server/domain/series.ts";
import { because, missingBecause, reasonsMatching } from "../../helpers/reasons.ts";

const q = (period: string) => quarterOf(period)!;

function flow(entity: string, metric: string, period: string, value: number, unit = "USD_m"): ThesisObservation {
  return { entity, metric, period, periodEnd: "2000-01-01", value, unit, basis: "reported", source: null };
}

/** A hand-written series: a value per quarter, missing elsewhere. */
function seriesOf(name: string, values: Record<string, number>): Series {
  return {
    name,
    at: (i): Computed => {
      const entry = Object.entries(values).find(([period]) => q(period) === i);
      return entry ? known(entry[1]) : missing(...because(`${name} missing`));
    },
  };
}

describe("quarterOf", () => {
  it.each([
    ["2024-Q1", 2024 * 4],
    ["2024-Q4", 2024 * 4 + 3],
    ["2024-FY", null],
    ["2024", null],
  ])("reads %s as quarter index %s (a fiscal year is not a quarter)", (period, expected) => {
    expect(quarterOf(period)).toBe(expected);
  });
});

describe("quarterLastDay", () => {
  it("is the calendar quarter's last day, leap years included", () => {
    expect(isoDayToString(quarterLastDay(q("2024-Q1")))).toBe("2024-03-31");
    expect(isoDayToString(quarterLastDay(q("2024-Q4")))).toBe("2024-12-31");
  });
});

describe("flowSeries", () => {
  const rows = [
    flow("SPOT", "revenue", "2024-Q1", 3_600, "EUR_m"),
    flow("MSFT", "capex", "2024-Q1", 10),
    flow("MSFT", "capex", "2024-FY", 100),
    flow("MSFT", "capex", "2024-Q2", 20, "USD_m_annualized"),
    flow("MSFT", "capex", "2024-Q3", 30),
    flow("MSFT", "capex", "2024-Q3", 33),
  ];

  it("reads USD_m rows of calendar quarters and names the quarter it lacks", () => {
    const capex = flowSeries(rows, "MSFT", "capex");
    expect(capex.at(q("2024-Q1"))).toEqual({ value: 10 });
    expect(capex.at(q("2024-Q2"))).toEqual(missingBecause("MSFT capex missing for 2024-Q2"));
    expect(capex.at(q("2024-Q4"))).toEqual(missingBecause("MSFT capex missing for 2024-Q4"));
  });

  it("keeps the later of two rows for the same quarter (a revision)", () => {
    expect(flowSeries(rows, "MSFT", "capex").at(q("2024-Q3"))).toEqual({ value: 33 });
  });

  it("never converts another currency", () => {
    expect(flowSeries(rows, "SPOT", "revenue").at(q("2024-Q1")).reasons).toEqual(reasonsMatching("SPOT revenue missing for 2024-Q1"));
  });
});

describe("ttm", () => {
  // MSFT capex 10, 20, 30, 40 in 2024, then nothing in 2025-Q1 and 50 in 2025-Q2.
  const capex = flowSeries(
    [
      flow("MSFT", "capex", "2024-Q1", 10),
      flow("MSFT", "capex", "2024-Q2", 20),
      flow("MSFT", "capex", "2024-Q3", 30),
      flow("MSFT", "capex", "2024-Q4", 40),
      flow("MSFT", "capex", "2025-Q2", 50),
    ],
    "MSFT",
    "capex",
  );

  it.each([
    ["2024-Q4", { value: 100 }],
    ["2025-Q1", missingBecause("MSFT capex missing for 2025-Q1")],
    ["2025-Q2", missingBecause("MSFT capex missing for 2025-Q1")],
    ["2025-Q3", missingBecause("MSFT capex missing for 2025-Q1, 2025-Q3")],
    ["2024-Q3", missingBecause("MSFT capex missing for 2023-Q4")],
  ])("sums q and the three quarters before it, or names every missing quarter (%s)", (period, expected) => {
    expect(ttm(capex).at(q(period))).toEqual(expected);
  });

  it("is named after its flow", () => {
    expect(ttm(capex).name).toBe("MSFT capex TTM");
  });
});

describe("yoy", () => {
  it.each([
    ["grows from 4 to 6 by 50%", { "2023-Q1": 4, "2024-Q1": 6 }, { value: 0.5 }],
    ["falls from 5 to 0 by 100%", { "2023-Q1": 5, "2024-Q1": 0 }, { value: -1 }],
    [
      "refuses to divide by a zero a year earlier",
      { "2023-Q1": 0, "2024-Q1": 5 },
      missingBecause("divide by zero: X capex for 2023-Q1 is 0"),
    ],
    ["names the missing prior year", { "2024-Q1": 5 }, missingBecause("no prior year: X capex missing")],
    ["passes on the current quarter's reason", { "2023-Q1": 5 }, missingBecause("X capex missing")],
  ])("%s", (_rule, values, expected) => {
    expect(yoy(seriesOf("X capex", values)).at(q("2024-Q1"))).toEqual(expected);
  });
});

describe("sumSeries", () => {
  const NONE = because("none")[0]!;
  const a = seriesOf("MSFT capex", { "2024-Q1": 10, "2024-Q2": 20 });
  const b = seriesOf("AMZN capex", { "2024-Q2": 5 });

  it("adds every part when all are known", () => {
    expect(sumSeries("aggregate capex", [a, b], NONE).at(q("2024-Q2"))).toEqual({ value: 25 });
  });

  it("refuses a partial sum and names the missing part", () => {
    expect(sumSeries("aggregate capex", [a, b], NONE).at(q("2024-Q1"))).toEqual(missingBecause("AMZN capex missing"));
  });

  it("is missing, with the given reason, when there is nothing to add", () => {
    expect(sumSeries("aggregate capex", [], NO_COMPANY_SELECTED).at(q("2024-Q1"))).toEqual(missingBecause("no company selected"));
  });
});

describe("ratioSeries", () => {
  it.each([
    ["divides", { "2024-Q1": 30 }, { "2024-Q1": 120 }, { value: 0.25 }],
    ["refuses to divide by zero", { "2024-Q1": 30 }, { "2024-Q1": 0 }, missingBecause("divide by zero: revenue TTM for 2024-Q1 is 0")],
    ["names a missing denominator", { "2024-Q1": 30 }, {}, missingBecause("revenue TTM missing")],
  ])("%s", (_rule, top, bottom, expected) => {
    const ratio = ratioSeries("intensity", seriesOf("capex TTM", top), seriesOf("revenue TTM", bottom));
    expect(ratio.at(q("2024-Q1"))).toEqual(expected);
  });
});

describe("differenceSeries", () => {
  it("subtracts when both are known and names whichever is missing", () => {
    const capex = seriesOf("capex TTM", { "2024-Q1": 100, "2024-Q2": 120 });
    const ai = seriesOf("AI revenue", { "2024-Q1": 30 });
    expect(differenceSeries("gap", capex, ai).at(q("2024-Q1"))).toEqual({ value: 70 });
    expect(differenceSeries("gap", capex, ai).at(q("2024-Q2"))).toEqual(missingBecause("AI revenue missing"));
  });
});

describe("earlierPeak", () => {
  // Intensity 10%, 15%, 12%, 15%, (missing), 20%: the peak before q is the highest strictly before it.
  const intensity = seriesOf("MSFT capex intensity", {
    "2020-Q1": 0.1,
    "2020-Q2": 0.15,
    "2020-Q3": 0.12,
    "2020-Q4": 0.15,
    "2021-Q2": 0.2,
  });
  const first = q("2020-Q1");

  it.each([
    ["2020-Q3", 0.15, "2020-Q2", false],
    ["2020-Q4", 0.15, "2020-Q2", false],
    ["2021-Q2", 0.15, "2020-Q2", true],
  ])("at %s the earlier peak is %s in %s, exceeded: %s (a tie does not exceed)", (period, peak, peakQuarter, above) => {
    expect(earlierPeak(intensity, first, q(period))).toEqual({
      earlierPeak: { value: peak },
      earlierPeakQuarter: peakQuarter,
      aboveEarlierPeak: { value: above },
    });
  });

  it("counts the quarter itself only from the next quarter on", () => {
    expect(earlierPeak(intensity, first, q("2021-Q3")).earlierPeak).toEqual({ value: 0.2 });
  });

  it("has no peak before the first known quarter", () => {
    const reason = "no quarter before 2020-Q1 has a known MSFT capex intensity";
    expect(earlierPeak(intensity, first, first)).toEqual({
      earlierPeak: missingBecause(reason),
      earlierPeakQuarter: null,
      aboveEarlierPeak: missingBecause(reason),
    });
  });

  it("cannot say whether a missing quarter exceeds the peak", () => {
    expect(earlierPeak(intensity, first, q("2021-Q1")).aboveEarlierPeak).toEqual(missingBecause("MSFT capex intensity missing"));
  });
});
