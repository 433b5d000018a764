import { describe, expect, it } from "vitest";
import { known, missing } from "../../../server/domain/computed.ts";
import { alignSinceStart, earlierCycles, trailingYear } from "../../../server/domain/earlierCycles.ts";
import { quarterOf, type Series, type ThesisObservation } from "../../../server/domain/series.ts";
import { missingBecause } from "../../helpers/reasons.ts";

const q = (period: string) => quarterOf(period)!;

function flow(entity: string, metric: string, period: string, value: number, unit = "USD_m"): ThesisObservation {
  return { entity, metric, period, periodEnd: "2000-01-01", value, unit, basis: "reported", source: null };
}

describe("alignSinceStart", () => {
  it("puts the start quarter at year 0 and each later quarter a quarter of a year further", () => {
    const gap = { kind: "missing_quarter", message: "s missing" } as const;
    const series: Series = { name: "s", at: (i) => (i === q("2008-Q1") ? known(7) : missing(gap)) };
    expect(alignSinceStart(series, q("2007-Q3"), q("2008-Q3"))).toEqual([
      { yearsSinceStart: 0, quarter: "2007-Q3", value: { value: null, reasons: [gap] } },
      { yearsSinceStart: 0.25, quarter: "2007-Q4", value: { value: null, reasons: [gap] } },
      { yearsSinceStart: 0.5, quarter: "2008-Q1", value: { value: 7 } },
      { yearsSinceStart: 0.75, quarter: "2008-Q2", value: { value: null, reasons: [gap] } },
      { yearsSinceStart: 1, quarter: "2008-Q3", value: { value: null, reasons: [gap] } },
    ]);
  });
});

describe("trailingYear", () => {
  const fiscalYear = (period: string, periodEnd: string, value: number): ThesisObservation => ({
    ...flow("AAPL", "iphone_revenue", period, value),
    periodEnd,
  });
  const { series, lastQuarter } = trailingYear(
    [
      fiscalYear("2010-FY", "2010-09-25", 25_179),
      fiscalYear("2011-FY", "2011-09-24", 47_057),
      flow("AAPL", "iphone_revenue", "2011-Q1", 1),
      flow("AAPL", "iphone_revenue", "2011-Q2", 2),
      flow("AAPL", "iphone_revenue", "2011-Q3", 3),
      flow("AAPL", "iphone_revenue", "2011-Q4", 4),
    ],
    "AAPL",
    "iphone_revenue",
  );

  it("takes a fiscal-year row as the trailing year of the quarter its period ends in", () => {
    expect(series.at(q("2010-Q3"))).toEqual({ value: 25_179 });
  });

  it("prefers the TTM of quarterly rows where all four exist", () => {
    expect(series.at(q("2011-Q4"))).toEqual({ value: 10 });
  });

  it("keeps the quarterly reason where no fiscal year ends", () => {
    expect(series.at(q("2010-Q4")).reasons).toMatchObject([
      { kind: "missing_quarter", quarters: ["2010-Q1", "2010-Q2", "2010-Q3", "2010-Q4"] },
    ]);
  });

  it("counts the last quarter of either kind of row", () => {
    expect(quarterOf("2011-Q4")).toBe(lastQuarter);
  });
});

describe("earlierCycles", () => {
  // iPhone revenue 10, 20, 30, 40 from 2007-Q3: its TTM is known at 2008-Q2 only.
  const rows = [
    flow("AAPL", "iphone_revenue", "2007-Q3", 10),
    flow("AAPL", "iphone_revenue", "2007-Q4", 20),
    flow("AAPL", "iphone_revenue", "2008-Q1", 30),
    flow("AAPL", "iphone_revenue", "2008-Q2", 40),
    flow("AAPL", "iphone_revenue", "2008-FY", 100),
    flow("NFLX", "revenue", "2008-Q2", 5, "EUR_m"),
  ];
  const ai = { total: { name: "AI revenue annualized", at: () => known(1_000) }, lastObservedQuarter: q("2023-Q2") };
  const cycles = earlierCycles(rows, ai, { smartphone: q("2007-Q3"), ai: q("2022-Q4") });

  it("aligns iPhone revenue TTM on the smartphone cycle, from its start to its last reported quarter", () => {
    const iphone = cycles.find((c) => c.id === "AAPL:iphone_revenue")!;
    expect(iphone).toMatchObject({ cycle: "smartphone", startQuarter: "2007-Q3", unit: "USD_m" });
    expect(iphone.points.map((p) => [p.yearsSinceStart, p.value.value])).toEqual([
      [0, null],
      [0.25, null],
      [0.5, null],
      [0.75, 100],
    ]);
    expect(iphone.points[0]!.value.reasons).toEqual([
      {
        kind: "missing_quarter",
        message: "AAPL iphone revenue missing for 2006-Q4, 2007-Q1, 2007-Q2",
        entity: "AAPL",
        metric: "iphone_revenue",
        quarters: ["2006-Q4", "2007-Q1", "2007-Q2"],
      },
    ]);
  });

  it("leaves a pool reported in another currency missing rather than converting it, at its start quarter", () => {
    const netflix = cycles.find((c) => c.id === "NFLX:revenue")!;
    expect(netflix.points).toEqual([
      {
        yearsSinceStart: 0,
        quarter: "2007-Q3",
        value: missingBecause("NFLX revenue missing for 2006-Q4, 2007-Q1, 2007-Q2, 2007-Q3"),
      },
    ]);
  });

  it("aligns AI revenue annualized on the AI cycle, up to its latest observation", () => {
    const aiCycle = cycles.find((c) => c.id === "ai_revenue_annualized")!;
    expect(aiCycle).toMatchObject({ cycle: "ai", startQuarter: "2022-Q4", unit: "USD_m_annualized" });
    expect(aiCycle.points.map((p) => p.yearsSinceStart)).toEqual([0, 0.25, 0.5]);
  });
});
