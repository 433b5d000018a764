import { describe, expect, it } from "vitest";
import { known, missing } from "../../../server/domain/computed.ts";
import type { FlagStatus, KillerAppFlag } from "../../../server/domain/killerAppFlag.ts";
import { type Headline, latestHeadline, type ScorecardQuarter, scorecard } from "../../../server/domain/scorecard.ts";
import { because, reasonsMatching } from "../../helpers/reasons.ts";

const unavailable = missing(...because("not used"));
const rules = { coverageFalling: unavailable, holeDeepening: unavailable };

function flag(status: FlagStatus, quarter: string): KillerAppFlag {
  return status === "unknown"
    ? { status, rules, explanation: `The flag for ${quarter} is unknown: no data.`, reasons: because(`no data for ${quarter}`) }
    : { status, rules, explanation: `${status} in ${quarter}` };
}

function headline(capexTtm: number): Headline {
  return {
    capexTtm: known(capexTtm),
    capexTtmYoY: known(0.5),
    aiRevenueAnnualized: known(10_000),
    aiRevenueYoY: known(1),
    coverage: known(10_000 / capexTtm),
    coverageYoY: known(-0.2),
    dollarGap: known(capexTtm - 10_000),
    dollarGapYoY: known(0.3),
    sequoiaRequiredRevenue: unavailable,
    capexToOcf: known(0.8),
    capexToOcfYoY: known(0.1),
    freeCashFlow: known(capexTtm / 4),
    freeCashFlowYoY: unavailable,
  };
}

/** Quarters 2024-Q1 onward with the given statuses, capex TTM 100, 200, 300 ... */
function quarters(...statuses: FlagStatus[]): ScorecardQuarter[] {
  return statuses.map((status, i) => {
    const quarter = `2024-Q${i + 1}`;
    return { quarter, flag: flag(status, quarter), headline: headline((i + 1) * 100) };
  });
}

describe("scorecard", () => {
  it.each([
    ["counts consecutive quarters with the latest status", ["green", "red", "red", "red"], "2024-Q4", "red", 3],
    ["counts one when the status just changed", ["red", "red", "red", "amber"], "2024-Q4", "amber", 1],
    ["skips trailing unknown quarters to the latest known one", ["amber", "amber", "unknown", "unknown"], "2024-Q2", "amber", 2],
    ["lets an unknown quarter break the streak", ["red", "unknown", "red", "red"], "2024-Q4", "red", 2],
  ] as const)("%s", (_rule, statuses, quarter, status, streak) => {
    expect(scorecard(quarters(...statuses))).toMatchObject({ quarter, status, streak, explanation: `${status} in ${quarter}` });
  });

  it("takes each headline number from the latest quarter that has it, saying which, its change from the same quarter", () => {
    const scored = quarters("green", "red", "unknown");
    const last = scored[2]!;
    // The latest quarter has a new capex figure but no operating cash flow yet.
    last.headline = { ...last.headline, capexToOcf: unavailable, capexToOcfYoY: unavailable, freeCashFlow: unavailable };
    const card = scorecard(scored);
    if (card.status === "unknown") throw new Error("expected a verdict");
    expect(card).toMatchObject({ quarter: "2024-Q2", status: "red" });
    expect(card.headline).toMatchObject({
      capexTtm: { value: 300, quarter: "2024-Q3" },
      capexTtmYoY: { value: 0.5, quarter: "2024-Q3" },
      coverage: { value: 10_000 / 300, quarter: "2024-Q3" },
      capexToOcf: { value: 0.8, quarter: "2024-Q2" },
      capexToOcfYoY: { value: 0.1, quarter: "2024-Q2" },
      freeCashFlow: { value: 50, quarter: "2024-Q2" },
    });
  });

  it("gives a headline number no quarter has with the last quarter's reasons", () => {
    expect(latestHeadline(quarters("green", "red")).sequoiaRequiredRevenue).toEqual({ ...unavailable, quarter: "2024-Q2" });
  });

  it("is unknown, saying why, when no quarter has a known flag", () => {
    expect(scorecard(quarters("unknown", "unknown"))).toEqual({
      quarter: null,
      status: "unknown",
      explanation: "no quarter up to 2024-Q2 has a known flag; the latest is unknown because no data for 2024-Q2",
      reasons: reasonsMatching("no data for 2024-Q2"),
    });
    expect(scorecard([])).toEqual({ quarter: null, status: "unknown", explanation: "no quarters to score", reasons: [] });
  });
});
