import { describe, expect, it } from "vitest";
import { known, missing } from "../../../server/domain/computed.ts";
import { type FlagInputs, killerAppFlag } from "../../../server/domain/killerAppFlag.ts";
import { because, missingBecause, reasonsMatching } from "../../helpers/reasons.ts";

/** One quarter's inputs, with coverage = AI revenue / capex TTM and gap = capex TTM - AI revenue. */
function inputs(quarter: string, capexTtm: number, aiRevenue: number): FlagInputs {
  return {
    quarter,
    capexTtm: known(capexTtm),
    aiRevenue: known(aiRevenue),
    coverage: known(aiRevenue / capexTtm),
    dollarGap: known(capexTtm - aiRevenue),
  };
}

// A year earlier: capex TTM $200B, AI revenue $10B, so coverage 5% and a $190B gap.
const before = inputs("2024-Q4", 200_000, 10_000);

describe("killerAppFlag", () => {
  it.each([
    // capex 300,000, AI 12,000: coverage 4% < 5%, gap 288,000 > 190,000.
    ["red when coverage falls and the hole deepens", 300_000, 12_000, "red", true, true],
    // capex 300,000, AI 30,000: coverage 10% > 5%, gap 270,000 > 190,000.
    ["amber when only the hole deepens", 300_000, 30_000, "amber", false, true],
    // capex 100,000, AI 4,000: coverage 4% < 5%, gap 96,000 < 190,000.
    ["amber when only coverage falls", 100_000, 4_000, "amber", true, false],
    // capex 220,000, AI 40,000: coverage 18.2% > 5%, gap 180,000 < 190,000.
    ["green when neither holds", 220_000, 40_000, "green", false, false],
    // capex 200,000, AI 10,000: nothing moved, and "falling" and "deepening" are strict.
    ["green when nothing changed", 200_000, 10_000, "green", false, false],
  ])("is %s", (_rule, capexTtm, aiRevenue, status, coverageFalling, holeDeepening) => {
    const flag = killerAppFlag(inputs("2025-Q4", capexTtm, aiRevenue), before);
    expect(flag.status).toBe(status);
    expect(flag.rules).toEqual({ coverageFalling: { value: coverageFalling }, holeDeepening: { value: holeDeepening } });
    expect(flag.reasons).toBeUndefined();
  });

  it("explains itself in one sentence with the numbers in USD billions", () => {
    expect(killerAppFlag(inputs("2025-Q4", 300_000, 12_000), before).explanation).toBe(
      "From 2024 Q4 to 2025 Q4 capex TTM rose by $100.0B to $300.0B while AI revenue run-rate rose by $2.0B to $12.0B: " +
        "coverage fell from 5.0% to 4.0% and the gap widened from $190.0B to $288.0B.",
    );
  });

  it("is unknown, with the reason, when an input is missing", () => {
    const reason = "outside observed range: OPENAI run-rate starts 2025-02-01 (asked for 2024-12-31)";
    const unknownBefore: FlagInputs = {
      quarter: "2024-Q4",
      capexTtm: known(200_000),
      aiRevenue: missing(...because(reason)),
      coverage: missing(...because(reason)),
      dollarGap: missing(...because(reason)),
    };
    const flag = killerAppFlag(inputs("2025-Q4", 300_000, 12_000), unknownBefore);
    expect(flag).toEqual({
      status: "unknown",
      rules: { coverageFalling: missingBecause(reason), holeDeepening: missingBecause(reason) },
      explanation: `The flag for 2025 Q4 is unknown: ${reason}.`,
      reasons: reasonsMatching(reason),
    });
  });
});
