import { describe, expect, it } from "vitest";
import {
  changesRangeProblem,
  choice,
  defaultsOf,
  idListSchema,
  MAX_IDS,
  parameterProblems,
  quarterRangeProblem,
  querySchema,
  readQuery,
  THESIS_PARAMETERS,
  writeQuery,
} from "../../../server/domain/parameters.ts";

const parse = (query: Record<string, string>) => querySchema(THESIS_PARAMETERS).safeParse(query);
const problems = (query: Record<string, string>) => {
  const result = parse(query);
  return result.success ? [] : parameterProblems(result.error);
};

describe("querySchema(THESIS_PARAMETERS)", () => {
  it("fills in every default for an empty query", () => {
    expect(parse({})).toEqual({
      success: true,
      data: {
        companies: ["MSFT", "GOOGL", "AMZN", "META"],
        aiRevenue: ["OPENAI", "ANTHROPIC"],
        carryForwardDays: 92,
        lookback: 4,
        gpuShare: 0.5,
        margin: 0.5,
        from: null,
        to: null,
      },
    });
  });

  it("reads the URL's text into typed values", () => {
    expect(parse({ companies: "MSFT, META", lookback: "8", gpuShare: "0.25", from: "2020-Q1" }).data).toMatchObject({
      companies: ["MSFT", "META"],
      lookback: 8,
      gpuShare: 0.25,
      from: "2020-Q1",
    });
  });

  it.each([
    ["lookback", "0", "lookback"],
    ["lookback", "41", "lookback"],
    ["lookback", "2.5", "lookback"],
    ["carryForwardDays", "-1", "carryForwardDays"],
    ["carryForwardDays", "3661", "carryForwardDays"],
    ["gpuShare", "0", "gpuShare"],
    ["gpuShare", "1.01", "gpuShare"],
    ["margin", "1", "margin"],
    ["margin", "-0.1", "margin"],
    ["margin", "abc", "margin"],
    ["from", "2020Q1", "from"],
    ["companies", "", "companies"],
    ["companies", "MSFT,__proto__!", "companies"],
  ])("rejects %s=%s, naming %s", (name, value, parameter) => {
    expect(problems({ [name]: value }).map((p) => p.parameter)).toEqual([parameter]);
  });

  it("accepts each bound itself", () => {
    expect(parse({ lookback: "1", carryForwardDays: "3660", gpuShare: "1", margin: "0" }).success).toBe(true);
    expect(parse({ lookback: "40", carryForwardDays: "0" }).success).toBe(true);
  });

  it("refuses an unknown parameter by name", () => {
    expect(problems({ lookbak: "4" })).toEqual([{ parameter: "lookbak", message: "unknown parameter" }]);
  });

  it("refuses an inverted range on `to`, with both quarters", () => {
    expect(problems({ from: "2026-Q1", to: "2025-Q4" })).toEqual([
      { parameter: "to", message: "must not be before from: 2025 Q4 is before 2026 Q1" },
    ]);
  });
});

describe("idListSchema", () => {
  it("drops repeated ids and empty items", () => {
    expect(idListSchema("entity").parse("MSFT,,MSFT, GOOGL")).toEqual(["MSFT", "GOOGL"]);
  });

  it(`takes at most ${MAX_IDS} ids`, () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `E${i}`).join(",");
    expect(idListSchema("entity").safeParse(ids(MAX_IDS)).success).toBe(true);
    expect(idListSchema("entity").safeParse(ids(MAX_IDS + 1)).success).toBe(false);
  });
});

describe("changesRangeProblem", () => {
  it.each([
    [{ from: 2, to: 3 }, 4, null],
    [{ from: 0, to: 4 }, 4, null],
    [{ from: 3, to: 3 }, 4, "must be after from (3); the latest data version is 4"],
    [{ from: 3, to: 2 }, 4, "must be after from (3); the latest data version is 4"],
    [{ from: 0, to: 9 }, 4, "there is no data version 9: the latest is 4"],
  ])("for %j with %i versions: %s", (range, latest, problem) => {
    expect(changesRangeProblem(range, latest)).toBe(problem);
  });
});

describe("quarterRangeProblem", () => {
  it.each([
    [{ from: "2024-Q1", to: "2024-Q1" }, null],
    [{ from: "2024-Q1", to: null }, null],
    [{ from: "2024-Q2", to: "2024-Q1" }, "must not be before from: 2024 Q1 is before 2024 Q2"],
  ])("%j -> %s", (range, expected) => {
    expect(quarterRangeProblem(range)).toBe(expected);
  });
});

describe("readQuery and writeQuery", () => {
  const VIEW = { lookback: THESIS_PARAMETERS.lookback, scale: choice(["linear", "log"], "linear"), companies: THESIS_PARAMETERS.companies };

  it("fall back to the default for what does not parse, and write only what differs from it", () => {
    expect(readQuery(VIEW, new URLSearchParams("lookback=99&scale=log&companies=MSFT"))).toEqual({
      lookback: 4,
      scale: "log",
      companies: ["MSFT"],
    });
    expect(writeQuery(VIEW, { ...defaultsOf(VIEW), scale: "log" }).toString()).toBe("scale=log");
  });

  it("read back what they wrote, under the given URL names", () => {
    const values = { lookback: 8, scale: "log" as const, companies: ["MSFT", "META"] };
    const names = { scale: "axis" };
    const text = writeQuery(VIEW, values, names);
    expect(text.toString()).toBe("lookback=8&axis=log&companies=MSFT%2CMETA");
    expect(readQuery(VIEW, text, names)).toEqual(values);
  });
});
