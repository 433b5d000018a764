import { describe, expect, it } from "vitest";
import { compareWithSec, type StoredFigure } from "../../../../server/domain/sec/compare.ts";
import { type SecObservation, secKey } from "../../../../server/domain/sec/observations.ts";

const sec = (period: string, value: number, tags = ["Revenues"]): SecObservation => ({
  entity: "NVDA",
  metric: "revenue",
  period,
  periodEnd: "2024-07-28",
  fiscalLabel: null,
  value,
  basis: "reported",
  source: `https://www.sec.gov/Archives/edgar/data/1045810/${period}/`,
  note: "SEC XBRL, latest filing 2024-08-28: ...",
  filed: "2024-08-28",
  tags,
});
const stored = (period: string, value: number): StoredFigure => ({
  entity: "NVDA",
  metric: "revenue",
  period,
  periodEnd: "2024-07-28",
  fiscalLabel: null,
  value,
  unit: "USD_m",
  basis: "reported",
  source: "https://press.example/nvda",
  note: null,
});
const byKey = (figures: StoredFigure[]) => new Map(figures.map((f) => [secKey(f), f]));

/*
 * Stored against SEC (USD millions):
 *   2024-Q1  26,044 = 26,044          same
 *   2024-Q2  30,000 vs 30,040         a multiple of 100 within 50 and 1%: rounded to the nearest 100
 *   2024-Q3  35,000 vs 35,082         a multiple of 1,000 within 500 and 1% (0.23%): rounded to the nearest 1,000
 *   2024-Q4  39,000 vs 39,331         within 500 and 1% (0.84%): rounded to the nearest 1,000
 *   2025-Q1  44,062.5 vs 44,062       not a round figure: the other vintage's 44,062.5
 *   2025-Q2  46,700 vs 46,743         other tag RevenueFromContract... gives 46,700
 *   2025-Q3  50,000 vs 57,006         7,006 off, more than any rounding: no known reason
 *   2025-Q4  the store lacks it
 */
const observations = [
  sec("2024-Q1", 26_044),
  sec("2024-Q2", 30_040),
  sec("2024-Q3", 35_082),
  sec("2024-Q4", 39_331),
  sec("2025-Q1", 44_062),
  sec("2025-Q2", 46_743),
  sec("2025-Q3", 57_006),
  sec("2025-Q4", 68_127),
];
const comparison = compareWithSec(
  byKey([
    stored("2024-Q1", 26_044),
    stored("2024-Q2", 30_000),
    stored("2024-Q3", 35_000),
    stored("2024-Q4", 39_000),
    stored("2025-Q1", 44_062.5),
    stored("2025-Q2", 46_700),
    stored("2025-Q3", 50_000),
  ]),
  {
    observations,
    otherVintage: new Map([["NVDA|revenue|2025-Q1", sec("2025-Q1", 44_062.5)]]),
    singleTag: new Map([
      ["NVDA|revenue|2025-Q2", [sec("2025-Q2", 46_743), sec("2025-Q2", 46_700, ["RevenueFromContractWithCustomerExcludingAssessedTax"])]],
    ]),
  },
);
const reasonOf = (period: string) => comparison.differences.find((d) => d.sec.period === period)?.reason;

describe("compareWithSec", () => {
  it("counts every figure both hold and lists only those that differ, with SEC minus stored", () => {
    expect(comparison.compared).toBe(7);
    expect(comparison.differences.map((d) => [d.sec.period, d.difference])).toEqual([
      ["2024-Q2", 40],
      ["2024-Q3", 82],
      ["2024-Q4", 331],
      ["2025-Q1", -0.5],
      ["2025-Q2", 43],
      ["2025-Q3", 7_006],
    ]);
  });

  it.each([
    ["2024-Q2", "rounded source: 30,040 rounded to the nearest 100"],
    ["2024-Q3", "rounded source: 35,082 rounded to the nearest 1,000"],
    ["2024-Q4", "rounded source: 39,331 rounded to the nearest 1,000"],
    ["2025-Q1", "other vintage: 44,062.5 in the other vintage's filings (https://www.sec.gov/Archives/edgar/data/1045810/2025-Q1/)"],
    ["2025-Q2", "other tag: us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax gives 46,700"],
    ["2025-Q3", null],
  ])("explains %s as %j", (period, reason) => {
    expect(reasonOf(period)).toBe(reason);
  });

  it("lists the periods the SEC has and the store lacks", () => {
    expect(comparison.missing).toEqual([{ entity: "NVDA", metric: "revenue", periods: ["2025-Q4"] }]);
  });
});
