import { describe, expect, it } from "vitest";
import { known, missing } from "../../../server/domain/computed.ts";
import type { FlagStatus, KillerAppFlag } from "../../../server/domain/killerAppFlag.ts";
import { type Headline, type ScorecardQuarter, scorecard } from "../../../server/domain/scorecard.ts";
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
    dollarGap: known(capexTtm - 10_000),
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

  it("carries the headline numbers of the scored quarter", () => {
    expect(scorecard(quarters("green", "red", "unknown"))).toMatchObject({ quarter: "2024-Q2", headline: headline(200) });
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
