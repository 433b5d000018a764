import { describe, expect, it } from "vitest";
import { inputFilters, readsFigure, THESIS_INPUTS } from "../../../server/domain/inputs.ts";

const selection = { companies: ["MSFT", "AMZN"], aiRevenue: ["OPENAI"], aiApps: ["CHATGPT"] };

describe("inputFilters", () => {
  it("loads each series' metric for its entities, series of the same entities in one filter", () => {
    expect(inputFilters(selection)).toEqual([
      { entities: ["MSFT", "AMZN"], metrics: ["capex", "revenue", "cloud_revenue", "operating_cash_flow", "depreciation_amortization"] },
      { entities: ["NVDA"], metrics: ["datacenter_revenue"] },
      { entities: ["OPENAI"], metrics: ["ai_revenue_run_rate"] },
      { metrics: ["consumer_ai_app_spending"] },
      { entities: ["CHATGPT"], metrics: ["app_consumer_spending"] },
      { entities: ["AAPL"], metrics: ["iphone_revenue"] },
      { entities: ["GOOGL"], metrics: ["ads_revenue"] },
      { entities: ["META"], metrics: ["ads_revenue"] },
      { entities: ["NFLX"], metrics: ["revenue"] },
    ]);
  });

  it("loads nothing for a selection that is empty, rather than every entity", () => {
    const filters = inputFilters({ companies: [], aiRevenue: [], aiApps: [] });
    expect(filters.some((f) => f.metrics.includes("capex") || f.metrics.includes("ai_revenue_run_rate"))).toBe(false);
  });
});

describe("readsFigure", () => {
  it.each([
    ["a selected company's capex in USD", { entity: "MSFT", metric: "capex", unit: "USD_m" }, THESIS_INPUTS.capex, true],
    ["capex in euros (never converted)", { entity: "MSFT", metric: "capex", unit: "EUR_m" }, THESIS_INPUTS.capex, false],
    ["an unselected company's capex", { entity: "META", metric: "capex", unit: "USD_m" }, THESIS_INPUTS.capex, false],
    [
      "NVIDIA's data-center revenue",
      { entity: "NVDA", metric: "datacenter_revenue", unit: "USD_m" },
      THESIS_INPUTS.datacenterRevenue,
      true,
    ],
    [
      "a selected run-rate",
      { entity: "OPENAI", metric: "ai_revenue_run_rate", unit: "USD_m_annualized" },
      THESIS_INPUTS.aiRevenueRunRate,
      true,
    ],
    [
      "any app store's spending",
      { entity: "X", metric: "consumer_ai_app_spending", unit: "USD_m" },
      THESIS_INPUTS.consumerAppSpending,
      true,
    ],
  ])("%s: %s", (_, figure, input, expected) => {
    expect(readsFigure(input, selection, figure)).toBe(expected);
  });
});
