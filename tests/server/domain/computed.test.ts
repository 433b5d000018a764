import { describe, expect, it } from "vitest";
import { isKnown, known, missing, noPriorYear, type Reason, reasonsOf, reasonText } from "../../../server/domain/computed.ts";

const gap = (message: string): Reason => ({ kind: "missing_quarter", message });

describe("isKnown", () => {
  it("tells a value, zero included, from a reason", () => {
    expect(isKnown(known(0))).toBe(true);
    expect(isKnown(missing(gap("MSFT capex missing for 2016-Q2")))).toBe(false);
  });
});

describe("reasonsOf", () => {
  it("lists each missing input's reasons once, in order, keeping their kinds", () => {
    const zero: Reason = { kind: "divide_by_zero", message: "divide by zero: X for 2020-Q1 is 0" };
    const inputs = [missing(gap("A missing")), known(1), missing(gap("B missing"), gap("A missing")), missing(zero)];
    expect(reasonsOf(inputs)).toEqual([gap("A missing"), gap("B missing"), zero]);
  });

  it("is empty when every input is known", () => {
    expect(reasonsOf([known(1), known(0)])).toEqual([]);
  });
});

describe("noPriorYear", () => {
  it("restates each reason as the missing prior year, keeping what it names", () => {
    const reason: Reason = {
      kind: "missing_quarter",
      message: "A missing for 2015-Q1",
      entity: "A",
      metric: "capex",
      quarters: ["2015-Q1"],
    };
    expect(noPriorYear([reason])).toEqual([
      { kind: "no_prior_year", message: "no prior year: A missing for 2015-Q1", entity: "A", metric: "capex", quarters: ["2015-Q1"] },
    ]);
  });
});

describe("reasonText", () => {
  it("joins the messages in order", () => {
    expect(reasonText([gap("A missing"), gap("B missing")])).toBe("A missing; B missing");
  });
});
