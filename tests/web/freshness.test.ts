import { describe, expect, it } from "vitest";
import { seriesReach } from "../../web/src/features/freshness/freshness.ts";

const latest = (entity: string, latestQuarter: string | null, latestPeriodEnd: string) => ({ entity, latestQuarter, latestPeriodEnd });

describe("seriesReach", () => {
  const capex = [latest("AMZN", "2026-Q2", "2026-06-30"), latest("MSFT", "2026-Q3", "2026-09-30"), latest("META", "2026-Q2", "2026-06-30")];

  it("runs to the latest quarter every selected company has, naming the one that goes further", () => {
    expect(seriesReach(capex, ["MSFT", "AMZN", "META"], false)).toEqual({
      through: "2026 Q2",
      ahead: [{ entity: "MSFT", latest: "2026 Q3" }],
    });
  });

  it("reads only the selected companies", () => {
    expect(seriesReach(capex, ["MSFT"], false)).toEqual({ through: "2026 Q3", ahead: [] });
  });

  it("dates a run-rate by its day", () => {
    const runRates = [latest("OPENAI", "2026-Q2", "2026-06-30"), latest("ANTHROPIC", "2026-Q3", "2026-09-29")];
    expect(seriesReach(runRates, ["OPENAI", "ANTHROPIC"], true)).toEqual({
      through: "2026-06-30",
      ahead: [{ entity: "ANTHROPIC", latest: "2026-09-29" }],
    });
  });

  it("is null when no selected entity reports the series", () => {
    expect(seriesReach(capex, ["NVDA"], false)).toBeNull();
  });
});
