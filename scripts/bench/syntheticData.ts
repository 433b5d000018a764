// A deterministic, valid data set of any size for the benchmarks: the four hyperscalers' flows for
// every quarter 1980-2100, NVIDIA's data-center revenue, daily run-rates for OpenAI and Anthropic,
// and synthetic entities' flows to fill the rest. Same size and seed, same bytes.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const FIRST_YEAR = 1980;
const LAST_YEAR = 2100;
const QUARTER_ENDS = ["03-31", "06-30", "09-30", "12-31"];
const HYPERSCALER_METRICS = ["capex", "revenue", "cloud_revenue", "operating_cash_flow", "depreciation_amortization"];
const SYNTHETIC_METRICS = [
  "capex",
  "revenue",
  "operating_cash_flow",
  "depreciation_amortization",
  "ads_revenue",
  "datacenter_revenue",
  "ai_revenue",
];
const HEADER = "entity,metric,period,period_end,fiscal_label,value,unit,basis,source,note";

/** A small linear congruential generator: enough randomness for values, fully repeatable. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function* quarters() {
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (let q = 1; q <= 4; q++) yield { period: `${year}-Q${q}`, periodEnd: `${year}-${QUARTER_ENDS[q - 1]}` };
  }
}

function* everyThirtyDays(from: number, to: number) {
  for (let day = from; day <= to; day += 30) {
    const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    yield { date, period: `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}` };
  }
}

export interface SyntheticData {
  /** Observation rows, without the header. */
  rows: string[];
  /** The synthetic entity ids the rows use, to add to the catalog. */
  syntheticEntities: string[];
}

/** Exactly `count` valid observation rows. */
export function syntheticObservations(count: number, seed = 42): SyntheticData {
  const next = random(seed);
  const value = () => (next() * 100_000).toFixed(1);
  const rows: string[] = [];
  const push = (row: string) => rows.length < count && rows.push(row);
  const flow = (entity: string, metric: string, period: string, periodEnd: string) =>
    push(`${entity},${metric},${period},${periodEnd},,${value()},USD_m,reported,https://example.com/${entity}/${period},synthetic`);

  for (const { period, periodEnd } of quarters()) {
    for (const entity of ["MSFT", "GOOGL", "AMZN", "META"])
      for (const metric of HYPERSCALER_METRICS) flow(entity, metric, period, periodEnd);
    flow("NVDA", "datacenter_revenue", period, periodEnd);
  }
  // Run-rates every 30 days from 2000 on: the thesis interpolates between them.
  const start = Date.UTC(2000, 0, 1) / 86_400_000;
  const end = Date.UTC(LAST_YEAR, 11, 31) / 86_400_000;
  for (const { date, period } of everyThirtyDays(start, end)) {
    for (const entity of ["OPENAI", "ANTHROPIC"]) {
      push(
        `${entity},ai_revenue_run_rate,${period},${date},,${value()},USD_m_annualized,run_rate,https://example.com/${entity}/${date},synthetic`,
      );
    }
  }
  const syntheticEntities: string[] = [];
  for (let n = 1; rows.length < count; n++) {
    const entity = `SYN${String(n).padStart(5, "0")}`;
    syntheticEntities.push(entity);
    for (const { period, periodEnd } of quarters()) for (const metric of SYNTHETIC_METRICS) flow(entity, metric, period, periodEnd);
  }
  return { rows, syntheticEntities };
}

/** Writes observations.csv and a catalog folder (entities.csv, metrics.csv) for `count` rows. */
export function writeSyntheticDataSet(dir: string, count: number, catalogDir: string, readCatalog: (name: string) => string): string {
  const { rows, syntheticEntities } = syntheticObservations(count);
  const path = join(dir, "observations.csv");
  writeFileSync(path, `${HEADER}\n${rows.join("\n")}\n`);
  const entities = readCatalog("entities.csv").trimEnd();
  // Every column of the catalog's header: a synthetic entity has no launch date (the last one).
  writeFileSync(
    join(catalogDir, "entities.csv"),
    `${entities}\n${syntheticEntities.map((id) => `${id},Synthetic ${id},synthetic,benchmark only,`).join("\n")}\n`,
  );
  writeFileSync(join(catalogDir, "metrics.csv"), readCatalog("metrics.csv"));
  return path;
}
