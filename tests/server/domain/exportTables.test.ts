import { describe, expect, it } from "vitest";
import {
  companiesTable,
  type ExportedObservation,
  observationsBehind,
  observationsTable,
  sourcesTable,
  thesisTable,
} from "../../../server/domain/exportTables.ts";
import { plainRows } from "../../../server/domain/table.ts";
import { computeThesis } from "../../../server/domain/thesis.ts";

function flow(entity: string, metric: string, period: string, value: number): ExportedObservation {
  return {
    entity,
    metric,
    period,
    periodEnd: "2000-01-01",
    fiscalLabel: null,
    value,
    unit: "USD_m",
    basis: "reported",
    source: `src-${entity}-${metric}`,
    note: null,
  };
}

const QUARTERS = ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"];

/*
 * MSFT capex 10 a quarter in 2023 and 20 in 2024, revenue 100, cloud revenue 40; AMZN capex 5 from
 * 2023-Q2 to 2024-Q3 only, revenue 50. OPENAI run-rates 8 (2024-06-30) and 40 (2024-12-31), NVIDIA
 * data-center revenue 12,500 in 2024-Q4. GOOGL is not selected.
 */
const WORLD: ExportedObservation[] = [
  ...QUARTERS.flatMap((period, i) => [
    flow("MSFT", "capex", period, i < 4 ? 10 : 20),
    flow("MSFT", "revenue", period, 100),
    flow("MSFT", "cloud_revenue", period, 40),
    flow("AMZN", "revenue", period, 50),
    ...(i > 0 && i < 7 ? [flow("AMZN", "capex", period, 5)] : []),
  ]),
  { ...flow("OPENAI", "ai_revenue_run_rate", "2024-Q2", 8), periodEnd: "2024-06-30", unit: "USD_m_annualized", source: "openai-june" },
  { ...flow("OPENAI", "ai_revenue_run_rate", "2024-Q4", 40), periodEnd: "2024-12-31", unit: "USD_m_annualized", source: "openai-december" },
  flow("NVDA", "datacenter_revenue", "2024-Q4", 12_500),
  flow("GOOGL", "capex", "2024-Q4", 1_000),
  { ...flow("MSFT", "capex", "2024-FY", 80), source: null },
];
const thesis = computeThesis(WORLD, { companies: ["MSFT", "AMZN"], aiRevenue: ["OPENAI"] });

describe("thesisTable", () => {
  const table = thesisTable(thesis);
  const rows = plainRows(table);
  const row = (quarter: string) => rows.find((r) => r.quarter === quarter)!;

  it("has a column per company's capex, then the aggregate series, each computed one followed by its reason", () => {
    expect(table.columns.map((c) => c.key)).toEqual([
      "quarter",
      ...["capex_msft", "capex_amzn", "capex", "capex_ttm", "capex_ttm_yoy", "revenue_ttm", "intensity", "cloud_revenue_ttm"].flatMap(
        (k) => [k, `${k}_reason`],
      ),
      ...["capex_to_cloud_revenue", "ai_revenue_annualized", "coverage", "dollar_gap", "sequoia_required_revenue", "sequoia_gap"].flatMap(
        (k) => [k, `${k}_reason`],
      ),
      "flag",
      "flag_explanation",
      ...["ocf_ttm", "fcf_ttm", "fcf_ttm_yoy", "capex_to_ocf", "da_ttm", "da_ttm_yoy", "capex_to_da"].flatMap((k) => [k, `${k}_reason`]),
      "funding",
      "funding_margin",
    ]);
    expect(table.columns.find((c) => c.key === "capex_ttm")).toEqual({ key: "capex_ttm", header: "Aggregate capex TTM", kind: "usd_m" });
    expect(table.columns.find((c) => c.key === "capex_ttm_reason")).toEqual({
      key: "capex_ttm_reason",
      header: "Aggregate capex TTM: why missing",
      kind: "text",
    });
  });

  it("has one row per reported quarter", () => {
    expect(rows.map((r) => r.quarter)).toEqual(QUARTERS);
  });

  it("leaves a missing value empty with its reason beside it, never 0", () => {
    expect(row("2023-Q1")).toMatchObject({
      capex_msft: 10,
      capex_msft_reason: null,
      capex_amzn: null,
      capex_amzn_reason: "AMZN capex missing for 2023-Q1",
    });
    expect(row("2024-Q4")).toMatchObject({ capex: null, capex_reason: "AMZN capex missing for 2024-Q4" });
  });

  it("carries the aggregate numbers and the flag with its explanation", () => {
    // 2024-Q3: capex TTM 70 + 20 = 90 over revenue TTM 600; cloud revenue TTM 160 for MSFT alone.
    expect(row("2024-Q3")).toMatchObject({ capex_ttm: 90, intensity: 90 / 600, cloud_revenue_ttm: 160, capex_to_cloud_revenue: 70 / 160 });
    expect(row("2024-Q4")).toMatchObject({ ai_revenue_annualized: 40, sequoia_required_revenue: 200_000, flag: "unknown" });
    expect(row("2024-Q4").flag_explanation).toMatch(/^The flag for 2024 Q4 is unknown: /);
  });
});

describe("companiesTable", () => {
  const rows = plainRows(companiesTable(thesis));

  it("gives each company its latest reported quarter with capex", () => {
    expect(rows.map((r) => [r.company, r.quarter])).toEqual([
      ["MSFT", "2024-Q4"],
      ["AMZN", "2024-Q3"],
    ]);
  });

  it("carries capex TTM and YoY, revenue TTM, intensity and the earlier peak", () => {
    // MSFT 2024-Q4: capex TTM 80 over revenue TTM 400 = 0.2, above its earlier peak 0.175 in 2024-Q3.
    expect(rows[0]).toMatchObject({
      capex: 20,
      capex_ttm: 80,
      capex_yoy: 1,
      revenue_ttm: 400,
      intensity: 0.2,
      earlier_peak: 70 / 400,
      earlier_peak_quarter: "2024-Q3",
      above_earlier_peak: "yes",
      above_earlier_peak_reason: null,
    });
    // AMZN 2024-Q3: 5 against 5 a year earlier is a real 0, not a missing value.
    expect(rows[1]).toMatchObject({ capex_yoy: 0, capex_yoy_reason: null, capex_ttm: 20 });
  });
});

describe("observationsTable", () => {
  it("shows each raw figure with its basis, source and note", () => {
    const table = observationsTable([{ ...flow("AMZN", "operating_cash_flow", "2015-Q1", -1499), note: "original basis" }]);
    const { columns } = table;
    const rows = plainRows(table);
    expect(columns.map((c) => c.key)).toEqual([
      "entity",
      "metric",
      "period",
      "period_end",
      "fiscal_label",
      "value",
      "unit",
      "basis",
      "source",
      "note",
    ]);
    expect(rows).toEqual([
      {
        entity: "AMZN",
        metric: "operating_cash_flow",
        period: "2015-Q1",
        period_end: "2000-01-01",
        fiscal_label: null,
        value: -1499,
        unit: "USD_m",
        basis: "reported",
        source: "src-AMZN-operating_cash_flow",
        note: "original basis",
      },
    ]);
  });
});

describe("sourcesTable", () => {
  it("lists each source once with the entities, metrics and periods it backs", () => {
    const rows = plainRows(sourcesTable(WORLD.filter((o) => o.entity === "MSFT" && o.metric === "capex")));
    expect(rows).toEqual([
      { source: "(no source given)", entities: "MSFT", metrics: "capex", first_period: "2024-FY", last_period: "2024-FY", observations: 1 },
      { source: "src-MSFT-capex", entities: "MSFT", metrics: "capex", first_period: "2023-Q1", last_period: "2024-Q4", observations: 8 },
    ]);
  });
});

describe("observationsBehind", () => {
  const sources = (table: "thesis" | "companies", t = thesis) =>
    [...new Set(observationsBehind(table, t, WORLD).map((o) => o.source))].sort();

  it("finds every figure the thesis table reads, and nothing else", () => {
    expect(sources("thesis")).toEqual([
      "openai-december",
      "openai-june",
      "src-AMZN-capex",
      "src-AMZN-revenue",
      "src-MSFT-capex",
      "src-MSFT-cloud_revenue",
      "src-MSFT-revenue",
      "src-NVDA-datacenter_revenue",
    ]);
  });

  it("reads only capex and revenue for the companies table", () => {
    expect(sources("companies")).toEqual(["src-AMZN-capex", "src-AMZN-revenue", "src-MSFT-capex", "src-MSFT-revenue"]);
  });

  it("stops at the last reported quarter, except for a run-rate a quarter interpolates towards", () => {
    const clipped = computeThesis(WORLD, { companies: ["MSFT", "AMZN"], aiRevenue: ["OPENAI"], to: "2024-Q3" });
    const behind = observationsBehind("thesis", clipped, WORLD);
    expect(behind.some((o) => o.period === "2024-Q4" && o.metric !== "ai_revenue_run_rate")).toBe(false);
    // 2024-Q3's run-rate lies between June's and December's.
    expect(behind.filter((o) => o.metric === "ai_revenue_run_rate").map((o) => o.periodEnd)).toEqual(["2024-06-30", "2024-12-31"]);
  });
});
