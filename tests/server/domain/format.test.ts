import { describe, expect, it } from "vitest";
import { growth, multiple, percent, usdBillions } from "../../../server/domain/format.ts";

describe("usdBillions", () => {
  it.each([
    [84_300, "$84.3B"],
    [-5_000, "-$5.0B"],
    [0, "$0.0B"],
    [1_149_200, "$1,149.2B"],
    [49, "$0.0B"],
  ])("writes %s USD millions as %s", (millions, text) => {
    expect(usdBillions(millions)).toBe(text);
  });
});

describe("percent, growth and multiple", () => {
  it("write ratios with one decimal, growth with its sign", () => {
    expect(percent(0.1745)).toBe("17.5%");
    expect(growth(0.62)).toBe("+62.0%");
    expect(growth(-0.05)).toBe("-5.0%");
    expect(growth(0)).toBe("0.0%");
    expect(multiple(5.72)).toBe("5.7x");
  });
});
