import { describe, expect, it } from "vitest";
import { isKnown, known, missing, prefixReason, reasonsOf } from "../../../server/domain/computed.ts";

describe("isKnown", () => {
  it("tells a value, zero included, from a reason", () => {
    expect(isKnown(known(0))).toBe(true);
    expect(isKnown(missing("MSFT capex missing for 2016-Q2"))).toBe(false);
  });
});

describe("reasonsOf", () => {
  it("lists each missing input's reason once, in order, splitting joined reasons into their parts", () => {
    const inputs = [missing("A missing"), known(1), missing("B missing; A missing"), missing("C missing")];
    expect(reasonsOf(inputs)).toBe("A missing; B missing; C missing");
  });
});

describe("prefixReason", () => {
  it("prefixes every part of a joined reason", () => {
    expect(prefixReason("no prior year: ", "A missing; B missing")).toBe("no prior year: A missing; no prior year: B missing");
  });
});
