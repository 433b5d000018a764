import { describe, expect, it } from "vitest";
import { DEFAULT_VIEW, parseViewState, scenariosQueryOf, serializeViewState, thesisQueryOf } from "../../web/src/lib/viewState.ts";

describe("parseViewState", () => {
  it("gives the default view for an empty query", () => {
    expect(parseViewState("")).toEqual(DEFAULT_VIEW);
  });

  it("reads every setting", () => {
    expect(
      parseViewState(
        "?companies=MSFT,META&aiRevenue=OPENAI&from=2020-Q1&to=2025-Q4&capex=ttm&scale=log&lookback=2&gpuShare=0.4&margin=0.6&life=3&aiGrowth=1.5&capexGrowth=0.2&targetYear=2029&asOf=3&quarter=2024-Q3",
      ),
    ).toEqual({
      companies: ["MSFT", "META"],
      aiRevenue: ["OPENAI"],
      from: "2020-Q1",
      to: "2025-Q4",
      capexMode: "ttm",
      scale: "log",
      lookback: 2,
      gpuShare: 0.4,
      margin: 0.6,
      life: 3,
      aiGrowth: 1.5,
      capexGrowth: 0.2,
      targetYear: 2029,
      asOf: { version: 3 },
      quarter: "2024-Q3",
    });
  });

  it.each([
    ["companies=", "companies", DEFAULT_VIEW.companies],
    ["from=2020Q1", "from", null],
    ["lookback=0", "lookback", 4],
    ["lookback=2.5", "lookback", 4],
    ["lookback=41", "lookback", 4],
    ["gpuShare=1.5", "gpuShare", 0.5],
    ["gpuShare=0", "gpuShare", 0.5],
    ["margin=1", "margin", 0.5],
    ["capex=weekly", "capexMode", "quarterly"],
    ["life=7", "life", 6],
    ["aiGrowth=", "aiGrowth", null],
    ["aiGrowth=-1", "aiGrowth", null],
    ["targetYear=2030.5", "targetYear", null],
    ["asOf=0", "asOf", null],
    ["asOf=2026-02-30", "asOf", null],
    ["asOf=yesterday", "asOf", null],
  ])("falls back to the default for a hand-edited %s", (query, key, expected) => {
    expect(parseViewState(`?${query}`)[key as keyof typeof DEFAULT_VIEW]).toEqual(expected);
  });
});

describe("serializeViewState", () => {
  it("writes nothing for the default view", () => {
    expect(serializeViewState(DEFAULT_VIEW)).toBe("");
  });

  it("writes only what differs from the defaults, and reads back the same view", () => {
    const view = { ...DEFAULT_VIEW, companies: ["MSFT", "GOOGL"], capexMode: "ttm" as const, lookback: 8 };
    const search = serializeViewState(view);
    expect(search).toBe("?companies=MSFT,GOOGL&capex=ttm&lookback=8");
    expect(parseViewState(search)).toEqual(view);
  });

  it("writes asOf as a version or a date, as the API reads it", () => {
    expect(serializeViewState({ ...DEFAULT_VIEW, asOf: { version: 12 } })).toBe("?asOf=12");
    expect(serializeViewState({ ...DEFAULT_VIEW, asOf: { date: "2026-05-01" } })).toBe("?asOf=2026-05-01");
    expect(parseViewState("?asOf=2026-05-01").asOf).toEqual({ date: "2026-05-01" });
  });
});

describe("thesisQueryOf", () => {
  it("passes the thesis parameters and leaves chart-only settings out", () => {
    expect(thesisQueryOf({ ...DEFAULT_VIEW, scale: "log", from: "2021-Q1", quarter: "2024-Q1" })).toEqual({
      companies: "MSFT,GOOGL,AMZN,META",
      aiRevenue: "OPENAI,ANTHROPIC",
      lookback: "4",
      gpuShare: "0.5",
      margin: "0.5",
      from: "2021-Q1",
    });
  });

  it("passes asOf when the view is of an earlier version, to the thesis and the scenarios alike", () => {
    const view = { ...DEFAULT_VIEW, asOf: { version: 2 } };
    expect(thesisQueryOf(view).asOf).toBe("2");
    expect(scenariosQueryOf(view)).toEqual({ asOf: "2" });
  });
});

describe("scenariosQueryOf", () => {
  it("passes nothing for the default view: every scenario parameter takes its default", () => {
    expect(scenariosQueryOf(DEFAULT_VIEW)).toEqual({});
  });

  it("passes the view's companies, range, margin and scenario inputs that differ, as the URL writes them", () => {
    const view = {
      ...DEFAULT_VIEW,
      companies: ["MSFT"],
      to: "2025-Q4",
      margin: 0.4,
      life: 3,
      aiGrowth: 2,
      lookback: 8,
      quarter: "2024-Q1",
    };
    expect(scenariosQueryOf(view)).toEqual({ companies: "MSFT", to: "2025-Q4", life: "3", margin: "0.4", aiGrowth: "2" });
  });
});
