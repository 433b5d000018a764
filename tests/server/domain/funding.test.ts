import { describe, expect, it } from "vitest";
import { known, missing } from "../../../server/domain/computed.ts";
import { aggregateFunding, companyFunding, fundingAt, fundingFlag } from "../../../server/domain/funding.ts";
import { flowSeries, quarterOf, type ThesisObservation } from "../../../server/domain/series.ts";
import { because, missingBecause, reasonsMatching } from "../../helpers/reasons.ts";

const q = (period: string) => quarterOf(period)!;
const QUARTERS = ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"];

function flows(entity: string, metric: string, values: (number | null)[]): ThesisObservation[] {
  return values.flatMap((value, i) =>
    value === null
      ? []
      : [{ entity, metric, period: QUARTERS[i]!, periodEnd: "2000-01-01", value, unit: "USD_m", basis: "reported", source: null }],
  );
}

/*
 * Company A, 2023 then 2024 (USD millions):
 *   capex 10, 10, 10, 10 | 10, 20, 30, 40  -> capex TTM 2023-Q4 = 40, 2024-Q4 = 100
 *   OCF   30, 30, 30, 30 | 50, 50, 50, 50  -> OCF TTM 120 and 200
 *   D&A    4,  4,  4,  4 |  5,  5,  5,  5  -> D&A TTM 16 and 20
 * 2024-Q4: FCF 200 - 100 = 100, capex/OCF 100/200 = 0.5, capex/D&A 100/20 = 5, D&A YoY 20/16 - 1 = 0.25,
 *          FCF YoY 100/80 - 1 = 0.25, capex/OCF YoY 0.5 / (40/120) - 1 = 0.5.
 * Company B lacks OCF in 2024-Q2; its OCF TTM is -40 in 2023-Q4 (a loss-making year).
 */
const observations = [
  ...flows("A", "capex", [10, 10, 10, 10, 10, 20, 30, 40]),
  ...flows("A", "operating_cash_flow", [30, 30, 30, 30, 50, 50, 50, 50]),
  ...flows("A", "depreciation_amortization", [4, 4, 4, 4, 5, 5, 5, 5]),
  ...flows("B", "capex", [5, 5, 5, 5, 5, 5, 5, 5]),
  ...flows("B", "operating_cash_flow", [-10, -10, -10, -10, 20, null, 20, 20]),
  ...flows("B", "depreciation_amortization", [1, 1, 1, 1, 1, 1, 1, 1]),
];
const fundingOf = (entity: string) =>
  companyFunding(
    flowSeries(observations, entity, "capex"),
    flowSeries(observations, entity, "operating_cash_flow"),
    flowSeries(observations, entity, "depreciation_amortization"),
  );

describe("fundingFlag", () => {
  it.each([
    ["capex below OCF is self-funded", 100, 150, "self-funded", 50],
    ["capex equal to OCF is self-funded: nothing came from elsewhere", 100, 100, "self-funded", 0],
    ["capex above OCF is externally funded, by the difference", 120, 100, "externally funded", -20],
    ["a negative OCF leaves all capex externally funded", 5, -10, "externally funded", -15],
  ])("%s", (_, capex, ocf, status, margin) => {
    expect(fundingFlag(known(capex), known(ocf))).toEqual({ status, margin });
  });

  it("is unknown, naming what is missing", () => {
    expect(fundingFlag(known(1), missing(...because("B operating cash flow missing for 2024-Q2")))).toEqual({
      status: "unknown",
      margin: null,
      reasons: reasonsMatching("B operating cash flow missing for 2024-Q2"),
    });
  });
});

describe("companyFunding", () => {
  it("computes FCF, capex / OCF and capex / D&A over trailing twelve months", () => {
    expect(fundingAt(fundingOf("A"), q("2024-Q4"))).toEqual({
      ocfTtm: { value: 200 },
      fcfTtm: { value: 100 },
      fcfTtmYoY: { value: 0.25 },
      capexToOcf: { value: 0.5 },
      capexToOcfYoY: { value: 0.5 },
      daTtm: { value: 20 },
      daTtmYoY: { value: 0.25 },
      capexToDa: { value: 5 },
      flag: { status: "self-funded", margin: 100 },
    });
  });

  it("refuses capex / OCF when operating cash flow is negative, but flags the quarter externally funded", () => {
    const b = fundingAt(fundingOf("B"), q("2023-Q4"));
    expect(b.fcfTtm).toEqual({ value: -60 });
    expect(b.capexToOcf).toEqual(missingBecause("negative operating cash flow: B operating cash flow TTM for 2023-Q4 is -40"));
    expect(b.flag).toEqual({ status: "externally funded", margin: -60 });
  });

  it("names the missing quarter in every series that needs it", () => {
    const b = fundingAt(fundingOf("B"), q("2024-Q4"));
    expect(b.ocfTtm).toEqual(missingBecause("B operating cash flow missing for 2024-Q2"));
    expect(b.fcfTtm.reasons).toEqual(reasonsMatching("B operating cash flow missing for 2024-Q2"));
    expect(b.flag.status).toBe("unknown");
    expect(b.capexToDa).toEqual({ value: 20 / 4 });
  });
});

describe("aggregateFunding", () => {
  it("adds the companies' TTMs and refuses a partial sum", () => {
    const both = aggregateFunding([fundingOf("A"), fundingOf("B")]);
    // 2024-Q1: A capex TTM 40, OCF TTM 140; B capex TTM 20, OCF TTM -10 -10 -10 +20 = -10.
    expect(fundingAt(both, q("2024-Q1")).fcfTtm).toEqual({ value: 140 - 10 - 40 - 20 });
    expect(fundingAt(both, q("2024-Q4")).ocfTtm).toEqual(missingBecause("B operating cash flow missing for 2024-Q2"));
  });
});
