import { describe, expect, it } from "vitest";
import type { Reason } from "../../server/domain/computed.ts";
import { describeReasons, type Names, quarterRuns } from "../../web/src/lib/reasons.ts";

const NAMES: Names = {
  entity: (id) => ({ NVDA: "NVIDIA", MSFT: "Microsoft", GOOGL: "Alphabet", OPENAI: "OpenAI", ANTHROPIC: "Anthropic" })[id] ?? id,
  metric: (id) =>
    ({
      datacenter_revenue: "Data-center revenue",
      operating_cash_flow: "Operating cash flow",
      capex: "Capital expenditures",
      ai_revenue_run_rate: "AI revenue run-rate",
    })[id] ?? id,
};

const missingFor = (entity: string, metric: string, ...quarters: string[]): Reason => ({
  kind: "missing_quarter",
  message: `${entity} ${metric} missing for ${quarters.join(", ")}`,
  entity,
  metric,
  quarters,
});

describe("quarterRuns", () => {
  it("writes consecutive quarters as one run", () => {
    expect(quarterRuns(["2015-Q2", "2015-Q1", "2015-Q3", "2015-Q4", "2016-Q1", "2017-Q2"])).toBe("2015 Q1 to 2016 Q1, 2017 Q2");
  });
});

describe("describeReasons", () => {
  it.each<[string, Reason[], string]>([
    [
      "names the entity and metric and writes the quarter",
      [missingFor("NVDA", "datacenter_revenue", "2026-Q2")],
      "NVIDIA data-center revenue missing for 2026 Q2",
    ],
    [
      "lists entities missing the same quarters together",
      [missingFor("MSFT", "operating_cash_flow", "2026-Q3"), missingFor("GOOGL", "operating_cash_flow", "2026-Q3")],
      "Microsoft and Alphabet operating cash flow missing for 2026 Q3",
    ],
    [
      "merges one entity's quarters into runs",
      [missingFor("MSFT", "capex", "2014-Q2", "2014-Q3"), missingFor("MSFT", "capex", "2014-Q4", "2015-Q1")],
      "Microsoft capital expenditures missing for 2014 Q2 to 2015 Q1",
    ],
    [
      "says a run-rate is never extrapolated",
      [
        { kind: "outside_observed_range", message: "x", entity: "OPENAI", metric: "ai_revenue_run_rate", quarters: ["2022-Q4"] },
        { kind: "outside_observed_range", message: "y", entity: "ANTHROPIC", metric: "ai_revenue_run_rate", quarters: ["2022-Q4"] },
      ],
      "OpenAI and Anthropic AI revenue run-rate: none observed close enough to 2022 Q4 (never extrapolated)",
    ],
    [
      "restates a missing year-earlier value",
      [{ ...missingFor("MSFT", "capex", "2015-Q2"), kind: "no_prior_year" }],
      "no year-earlier figure: Microsoft capital expenditures missing for 2015 Q2",
    ],
    [
      "keeps a reason about no entity in its own words",
      [{ kind: "nothing_selected", message: "no company selected" }],
      "no company selected",
    ],
  ])("%s", (_rule, reasons, text) => {
    expect(describeReasons(reasons, NAMES)).toBe(text);
  });

  it("says how many more there are beyond four sentences", () => {
    const reasons = ["2015-Q1", "2016-Q1", "2017-Q1", "2018-Q1", "2019-Q1"].map((q, i) =>
      missingFor(["MSFT", "GOOGL", "NVDA", "OPENAI", "ANTHROPIC"][i]!, "capex", q),
    );
    expect(describeReasons(reasons, NAMES)).toBe(
      "Microsoft capital expenditures missing for 2015 Q1; Alphabet capital expenditures missing for 2016 Q1; NVIDIA capital expenditures missing for 2017 Q1; and 2 more",
    );
  });
});
