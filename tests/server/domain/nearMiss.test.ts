import { describe, expect, it } from "vitest";
import { boundedDistance, idIndex } from "../../../server/domain/nearMiss.ts";

describe("boundedDistance", () => {
  it.each([
    ["capex", "capex", 2, 0],
    ["capexx", "capex", 2, 1],
    ["capx", "capex", 2, 1],
    ["cpaex", "capex", 2, 2],
    ["revenue", "capex", 2, 3],
    ["", "ab", 2, 2],
    ["abcdef", "a", 2, 3],
  ])("%j to %j within %i is %i", (a, b, limit, expected) => {
    expect(boundedDistance(a, b, limit)).toBe(expected);
  });
});

describe("idIndex", () => {
  const index = idIndex(["capex", "revenue", "MSFT", "cloud_revenue"]);

  it("finds a case variant in one look-up, and none for a known id", () => {
    expect(index.caseVariant("msft")).toBe("MSFT");
    expect(index.caseVariant("MSFT")).toBeUndefined();
  });

  it.each([
    ["capexx", "capex"],
    ["Revenu", "revenue"],
    ["cloud_revenu", "cloud_revenue"],
    ["MSF", "MSFT"],
    ["ads_revenue", undefined],
    ["MS", undefined],
  ])("takes %j for a slip of %j", (id, expected) => {
    expect(index.nearMiss(id)).toBe(expected);
  });

  it("knows an id once it is added", () => {
    const grown = idIndex([]);
    grown.add("NEWCO");
    expect(grown.has("NEWCO")).toBe(true);
    expect(grown.caseVariant("newco")).toBe("NEWCO");
  });
});
