// Every series the thesis reads, declared once: its metric, whose figures (the selected companies,
// the selected AI companies, named entities, or any entity), the unit that counts and the kind.
// The thesis engine, the store's loading, the export tables' sources sheet and the dashboard all read
// this list, so adding a series is one entry here.

import type { MetricKind, Unit } from "./catalog.ts";

/** NVIDIA: its data-center revenue is what the buyers of AI chips spend (Sequoia's question). */
export const NVIDIA = "NVDA";

/** Whose figures a series reads. */
export type InputEntities =
  | { of: "companies" }
  | { of: "aiRevenue" }
  /** The AI apps (entities of an AI group with a launch date), which the catalog names. */
  | { of: "aiApps" }
  | { of: "fixed"; entities: readonly string[] }
  /** Any entity that reports the metric (consumer app spending by app store). */
  | { of: "any" };

export type ExportTableName = "thesis" | "companies" | "scenarios";

export interface InputSeries {
  metric: string;
  label: string;
  entities: InputEntities;
  /** Only figures in this unit count: another currency is never converted, a run-rate is not a flow. */
  unit: Unit;
  kind: MetricKind;
  /** The export tables whose numbers are computed from it: their sources sheet lists its figures. */
  tables: readonly ExportTableName[];
}

const companyFlow = (metric: string, label: string, tables: readonly ExportTableName[]): InputSeries => ({
  metric,
  label,
  entities: { of: "companies" },
  unit: "USD_m",
  kind: "flow",
  tables,
});

/** An earlier cycle's consumer revenue pool: one company's flow. */
export type PoolSeries = InputSeries & { entities: { of: "fixed"; entities: readonly [string] } };

const poolFlow = (entity: string, metric: string, label: string): PoolSeries => ({
  metric,
  label,
  entities: { of: "fixed", entities: [entity] },
  unit: "USD_m",
  kind: "flow",
  tables: [],
});

export const THESIS_INPUTS = {
  capex: companyFlow("capex", "Capex", ["thesis", "companies", "scenarios"]),
  revenue: companyFlow("revenue", "Revenue", ["thesis", "companies"]),
  cloudRevenue: companyFlow("cloud_revenue", "Cloud revenue", ["thesis"]),
  operatingCashFlow: companyFlow("operating_cash_flow", "Operating cash flow", ["thesis", "companies"]),
  depreciation: companyFlow("depreciation_amortization", "Depreciation and amortization", ["thesis", "companies", "scenarios"]),
  datacenterRevenue: {
    metric: "datacenter_revenue",
    label: "NVIDIA data-center revenue",
    entities: { of: "fixed", entities: [NVIDIA] },
    unit: "USD_m",
    kind: "flow",
    tables: ["thesis"],
  },
  aiRevenueRunRate: {
    metric: "ai_revenue_run_rate",
    label: "AI revenue run-rate",
    entities: { of: "aiRevenue" },
    unit: "USD_m_annualized",
    kind: "point",
    tables: ["thesis", "scenarios"],
  },
  consumerAppSpending: {
    metric: "consumer_ai_app_spending",
    label: "Consumer spending on AI apps",
    entities: { of: "any" },
    unit: "USD_m",
    kind: "flow",
    tables: [],
  },
  aiAppSpending: {
    metric: "app_consumer_spending",
    label: "Consumer spending on one AI app",
    entities: { of: "aiApps" },
    unit: "USD_m",
    kind: "flow",
    tables: [],
  },
  /**
   * The smartphone era's consumer pools, as trailing-year USD flows: iPhone sales, and the mobile
   * advertising and subscriptions that grew with the smartphone, on the iPhone's clock. Spotify
   * reports in euros and is left out rather than converted.
   */
  iphoneRevenue: poolFlow("AAPL", "iphone_revenue", "iPhone revenue, TTM"),
  googleAdsRevenue: poolFlow("GOOGL", "ads_revenue", "Google advertising revenue, TTM"),
  metaAdsRevenue: poolFlow("META", "ads_revenue", "Meta advertising revenue, TTM"),
  netflixRevenue: poolFlow("NFLX", "revenue", "Netflix revenue, TTM"),
} as const satisfies Record<string, InputSeries>;

/** The earlier cycles' pools, in the order the chart lists them. */
export const SMARTPHONE_ERA_POOLS: readonly PoolSeries[] = [
  THESIS_INPUTS.iphoneRevenue,
  THESIS_INPUTS.googleAdsRevenue,
  THESIS_INPUTS.metaAdsRevenue,
  THESIS_INPUTS.netflixRevenue,
];

/** Who is selected: the entities "companies" and "aiRevenue" stand for. */
export interface InputSelection {
  companies: readonly string[];
  aiRevenue: readonly string[];
  aiApps: readonly string[];
}

/** The entities a series reads for a selection; null for any entity. */
export function inputEntities(input: InputSeries, selection: InputSelection): readonly string[] | null {
  switch (input.entities.of) {
    case "companies":
      return selection.companies;
    case "aiRevenue":
      return selection.aiRevenue;
    case "aiApps":
      return selection.aiApps;
    case "fixed":
      return input.entities.entities;
    case "any":
      return null;
  }
}

/** Whether a figure is one the series reads for the selection (its metric, entity and unit). */
export function readsFigure(input: InputSeries, selection: InputSelection, o: { entity: string; metric: string; unit: string }): boolean {
  if (o.metric !== input.metric || o.unit !== input.unit) return false;
  const entities = inputEntities(input, selection);
  return entities === null || entities.includes(o.entity);
}

/**
 * Every observation the thesis reads, as filters (entities, when given, and metrics), so a store
 * loads only these rows however large the data set grows. Series of the same entities share a filter.
 */
export function inputFilters(selection: InputSelection): { entities?: string[]; metrics: string[] }[] {
  const byEntities = new Map<string, { entities?: string[]; metrics: string[] }>();
  for (const input of Object.values(THESIS_INPUTS)) {
    const entities = inputEntities(input, selection);
    // No entity selected: nothing to load (an empty list would mean every entity to a store).
    if (entities?.length === 0) continue;
    const key = entities === null ? "*" : entities.join(",");
    const filter = byEntities.get(key) ?? (entities === null ? { metrics: [] } : { entities: [...entities], metrics: [] });
    if (!filter.metrics.includes(input.metric)) filter.metrics.push(input.metric);
    byEntities.set(key, filter);
  }
  return [...byEntities.values()];
}
