import { describe, expect, it } from "vitest";
import { spreadLabels } from "../../web/src/lib/labelLayout.ts";

describe("spreadLabels", () => {
  it("leaves labels that do not touch where they want to be", () => {
    expect(spreadLabels([10, 50, 90], 14, 0, 200)).toEqual([10, 50, 90]);
  });

  it("moves two labels on one another apart, the upper one staying upper", () => {
    const [alphabet, all] = spreadLabels([100, 103], 14, 0, 200);
    expect(all! - alphabet!).toBeGreaterThanOrEqual(14);
    expect(alphabet).toBeLessThan(all!);
  });

  it("keeps every label within the bounds, pushing back up from the bottom", () => {
    const placed = spreadLabels([190, 195, 199], 14, 0, 200);
    expect(placed).toEqual([172, 186, 200]);
  });

  it("keeps the callers' order", () => {
    expect(spreadLabels([60, 10], 14, 0, 200)).toEqual([60, 10]);
  });
});
