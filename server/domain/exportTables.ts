// The thesis as tables an analyst can take elsewhere: `thesis` (one row per quarter), `companies`
// (each company's latest quarter), `observations` (the raw figures) and `scenarios` (the
// depreciation of the build-out and the projections), plus the sources behind them.
// One list of columns (key, header, kind) per table drives CSV, XLSX and JSON alike. Pure: the
// server's exports and the dashboard's downloads build the same rows.

import { type Computed, missing, reasonText } from "./computed.ts";
import type { FundingQuarter } from "./funding.ts";
import { type ExportTableName, type InputSelection, readsFigure, THESIS_INPUTS } from "./inputs.ts";
import type { AppTest, AppVerdict, KillerAppWatch } from "./killerApps.ts";
import { formatPeriod } from "./periods.ts";
import type { ProjectedQuarter, Scenario, ScenarioQuarter } from "./scenarios.ts";
import { quarterOf, type ThesisObservation } from "./series.ts";
import type { Column, Row, Table } from "./table.ts";
import type { CompanyQuarter, Thesis, ThesisQuarter } from "./thesis.ts";

export const TABLE_NAMES = ["thesis", "companies", "observations", "killer-apps", "scenarios"] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export const EXPORT_FORMATS = ["csv", "xlsx", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Everything one export carries: the table, and what it was computed from and how, so it stands on its own. */
export interface TableExport {
  name: TableName;
  dataVersion: number;
  table: Table;
  /** Every parameter used, as text. */
  parameters: Record<string, string>;
  /** The methodology's formulas; none for raw observations. */
  formulas: readonly (readonly [term: string, formula: string])[];
  sources: Table;
}

/** A row of the data set as the exports show it (data/README.md). */
export interface ExportedObservation extends ThesisObservation {
  fiscalLabel: string | null;
  note: string | null;
}

/** A missing value is null (an empty cell), never 0. */
type Plain = string | number | null;

/** A column read from each item: a plain value, or a computed value with why it is missing beside it. */
type Field<T> = Column &
  ({ cell(item: T): Plain; computed?: undefined } | { computed(item: T): Computed<number | string>; cell?: undefined });

const reasonKey = (key: string) => `${key}_reason`;

function tableOf<T>(fields: readonly Field<T>[], items: readonly T[]): Table {
  const columns = fields.flatMap(({ key, header, kind, computed }): Column[] =>
    computed
      ? [
          { key, header, kind },
          { key: reasonKey(key), header: `${header}: why missing`, kind: "text" },
        ]
      : [{ key, header, kind }],
  );
  const rows = items.map((item) => {
    const row: Row = {};
    for (const field of fields) {
      if (field.computed) {
        const computed = field.computed(item);
        row[field.key] = { value: computed.value };
        row[reasonKey(field.key)] = { value: computed.reasons ? reasonText(computed.reasons) : null };
      } else {
        row[field.key] = { value: field.cell(item) };
      }
    }
    return row;
  });
  return { columns, rows };
}

/** A company's entry in one quarter's list: thesis.ts lists every selected company in every quarter. */
function companyIn<C extends { entity: string }>(companies: readonly C[], entity: string, quarter: string): C {
  const found = companies.find((c) => c.entity === entity);
  if (!found) throw new Error(`the thesis quarter ${quarter} has no entry for ${entity}`);
  return found;
}

const yesNo = (above: Computed<boolean>): Computed<string> => (above.value === null ? above : { value: above.value ? "yes" : "no" });

function thesisFields(companies: readonly string[]): Field<ThesisQuarter>[] {
  return [
    { key: "quarter", header: "Quarter", kind: "quarter", cell: (q) => q.quarter },
    ...companies.map(
      (entity): Field<ThesisQuarter> => ({
        key: `capex_${entity.toLowerCase()}`,
        header: `${entity} capex`,
        kind: "usd_m",
        computed: (q) => companyIn(q.companies, entity, q.quarter).capex,
      }),
    ),
    { key: "capex", header: "Aggregate capex", kind: "usd_m", computed: (q) => q.aggregate.capex },
    { key: "capex_ttm", header: "Aggregate capex TTM", kind: "usd_m", computed: (q) => q.aggregate.capexTtm },
    { key: "capex_ttm_yoy", header: "Aggregate capex TTM YoY", kind: "percent", computed: (q) => q.aggregate.capexTtmYoY },
    { key: "revenue_ttm", header: "Aggregate revenue TTM", kind: "usd_m", computed: (q) => q.aggregate.revenueTtm },
    { key: "intensity", header: "Capex intensity", kind: "percent", computed: (q) => q.aggregate.intensity },
    { key: "cloud_revenue_ttm", header: "Cloud revenue TTM", kind: "usd_m", computed: (q) => q.aggregate.cloudRevenueTtm },
    { key: "capex_to_cloud_revenue", header: "Capex to cloud revenue", kind: "multiple", computed: (q) => q.aggregate.capexToCloudRevenue },
    { key: "ai_revenue_annualized", header: "AI revenue, annualized", kind: "usd_m", computed: (q) => q.aiRevenue.total },
    { key: "coverage", header: "Coverage ratio", kind: "percent", computed: (q) => q.coverage },
    { key: "dollar_gap", header: "Dollar gap", kind: "usd_m", computed: (q) => q.dollarGap },
    { key: "sequoia_required_revenue", header: "Sequoia required revenue", kind: "usd_m", computed: (q) => q.sequoiaRequiredRevenue },
    { key: "sequoia_gap", header: "Sequoia gap", kind: "usd_m", computed: (q) => q.sequoiaGap },
    { key: "flag", header: "Coverage flag", kind: "text", cell: (q) => q.flag.status },
    { key: "flag_explanation", header: "Flag explanation", kind: "text", cell: (q) => q.flag.explanation },
    ...fundingFields<ThesisQuarter>((q) => q.funding.aggregate, "Aggregate "),
  ];
}

/** Who pays for the build-out: the same columns for the aggregate and for each company. */
function fundingFields<T>(fundingOf: (item: T) => FundingQuarter, prefix: string): Field<T>[] {
  return [
    { key: "ocf_ttm", header: `${prefix}operating cash flow TTM`, kind: "usd_m", computed: (item) => fundingOf(item).ocfTtm },
    { key: "fcf_ttm", header: `${prefix}free cash flow TTM`, kind: "usd_m", computed: (item) => fundingOf(item).fcfTtm },
    { key: "fcf_ttm_yoy", header: `${prefix}free cash flow TTM YoY`, kind: "percent", computed: (item) => fundingOf(item).fcfTtmYoY },
    {
      key: "capex_to_ocf",
      header: `${prefix}capex / operating cash flow`,
      kind: "percent",
      computed: (item) => fundingOf(item).capexToOcf,
    },
    { key: "da_ttm", header: `${prefix}D&A TTM`, kind: "usd_m", computed: (item) => fundingOf(item).daTtm },
    { key: "da_ttm_yoy", header: `${prefix}D&A TTM YoY`, kind: "percent", computed: (item) => fundingOf(item).daTtmYoY },
    { key: "capex_to_da", header: `${prefix}capex / D&A`, kind: "multiple", computed: (item) => fundingOf(item).capexToDa },
    { key: "funding", header: `${prefix}funding`, kind: "text", cell: (item) => fundingOf(item).flag.status },
    { key: "funding_margin", header: `${prefix}OCF TTM - capex TTM`, kind: "usd_m", cell: (item) => fundingOf(item).flag.margin },
  ];
}

/** One row per reported quarter. */
export function thesisTable(thesis: Thesis): Table {
  return tableOf(thesisFields(thesis.params.companies), thesis.quarters);
}

type LatestCompanyQuarter = CompanyQuarter & { quarter: string; funding: FundingQuarter };

const COMPANY_FIELDS: Field<LatestCompanyQuarter>[] = [
  { key: "company", header: "Company", kind: "text", cell: (c) => c.entity },
  { key: "quarter", header: "Quarter", kind: "quarter", cell: (c) => c.quarter },
  { key: "capex", header: "Capex", kind: "usd_m", computed: (c) => c.capex },
  { key: "capex_ttm", header: "Capex TTM", kind: "usd_m", computed: (c) => c.capexTtm },
  { key: "capex_yoy", header: "Quarterly capex YoY", kind: "percent", computed: (c) => c.capexYoY },
  { key: "revenue_ttm", header: "Revenue TTM", kind: "usd_m", computed: (c) => c.revenueTtm },
  { key: "intensity", header: "Capex intensity", kind: "percent", computed: (c) => c.intensity },
  { key: "earlier_peak", header: "Earlier peak intensity", kind: "percent", computed: (c) => c.earlierPeak },
  { key: "earlier_peak_quarter", header: "Earlier peak quarter", kind: "quarter", cell: (c) => c.earlierPeakQuarter },
  { key: "above_earlier_peak", header: "Above earlier peak", kind: "text", computed: (c) => yesNo(c.aboveEarlierPeak) },
  ...fundingFields<LatestCompanyQuarter>((c) => c.funding, ""),
];

/** One row per company: its latest reported quarter with capex (else the last reported quarter). */
export function companiesTable(thesis: Thesis): Table {
  const latest = thesis.params.companies.flatMap((entity): LatestCompanyQuarter[] => {
    const quarters = thesis.quarters.map((q) => ({
      ...companyIn(q.companies, entity, q.quarter),
      quarter: q.quarter,
      funding: companyIn(q.funding.companies, entity, q.quarter),
    }));
    const found = quarters.findLast((c) => c.capex.value !== null) ?? quarters.at(-1);
    return found ? [found] : [];
  });
  return tableOf(COMPANY_FIELDS, latest);
}

const OBSERVATION_FIELDS: Field<ExportedObservation>[] = [
  { key: "entity", header: "Entity", kind: "text", cell: (o) => o.entity },
  { key: "metric", header: "Metric", kind: "text", cell: (o) => o.metric },
  { key: "period", header: "Period", kind: "text", cell: (o) => o.period },
  { key: "period_end", header: "Period end", kind: "text", cell: (o) => o.periodEnd },
  { key: "fiscal_label", header: "Fiscal label", kind: "text", cell: (o) => o.fiscalLabel },
  { key: "value", header: "Value", kind: "number", cell: (o) => o.value },
  { key: "unit", header: "Unit", kind: "text", cell: (o) => o.unit },
  { key: "basis", header: "Basis", kind: "text", cell: (o) => o.basis },
  { key: "source", header: "Source", kind: "text", cell: (o) => o.source },
  { key: "note", header: "Note", kind: "text", cell: (o) => o.note },
];

/** The raw figures, as imported. */
export function observationsTable(observations: readonly ExportedObservation[]): Table {
  return tableOf(OBSERVATION_FIELDS, observations);
}

interface SourceUse {
  source: string;
  entities: string;
  metrics: string;
  firstPeriod: string;
  lastPeriod: string;
  observations: number;
}

const SOURCE_FIELDS: Field<SourceUse>[] = [
  { key: "source", header: "Source", kind: "text", cell: (s) => s.source },
  { key: "entities", header: "Entities", kind: "text", cell: (s) => s.entities },
  { key: "metrics", header: "Metrics", kind: "text", cell: (s) => s.metrics },
  { key: "first_period", header: "First period", kind: "text", cell: (s) => s.firstPeriod },
  { key: "last_period", header: "Last period", kind: "text", cell: (s) => s.lastPeriod },
  { key: "observations", header: "Observations", kind: "number", cell: (s) => s.observations },
];

const NO_SOURCE = "(no source given)";

/** Each distinct source once, with the entities, metrics and periods it backs. */
export function sourcesTable(observations: readonly ExportedObservation[]): Table {
  const bySource = new Map<string, { backed: ExportedObservation[]; firstPeriod: string; lastPeriod: string }>();
  for (const o of observations) {
    const source = o.source ?? NO_SOURCE;
    const use = bySource.get(source);
    if (!use) bySource.set(source, { backed: [o], firstPeriod: o.period, lastPeriod: o.period });
    else {
      use.backed.push(o);
      // < compares code units, as sort() orders strings.
      if (o.period < use.firstPeriod) use.firstPeriod = o.period;
      if (o.period > use.lastPeriod) use.lastPeriod = o.period;
    }
  }
  const distinct = (values: string[]) => [...new Set(values)].sort().join(", ");
  const uses = [...bySource].map(
    ([source, { backed, firstPeriod, lastPeriod }]): SourceUse => ({
      source,
      entities: distinct(backed.map((o) => o.entity)),
      metrics: distinct(backed.map((o) => o.metric)),
      firstPeriod,
      lastPeriod,
      observations: backed.length,
    }),
  );
  return tableOf(
    SOURCE_FIELDS,
    uses.sort((a, b) => a.source.localeCompare(b.source)),
  );
}

/**
 * The observations a thesis table reads: every figure of the series its columns are computed from
 * (THESIS_INPUTS' `tables`) up to its last quarter (earlier peaks look back to the first quarter
 * with capex), and the run-rates each quarter's AI revenue cites (interpolation reads the one after).
 */
export function observationsBehind(
  table: ExportTableName,
  thesis: Thesis,
  observations: readonly ExportedObservation[],
): ExportedObservation[] {
  const lastQuarter = thesis.quarters.at(-1);
  if (!lastQuarter) return [];
  const last = quarterOf(lastQuarter.quarter) ?? Number.NEGATIVE_INFINITY;
  const selection: InputSelection = thesis.params;
  const inputs = Object.values(THESIS_INPUTS).filter((input) => (input.tables as readonly string[]).includes(table));
  const cited = new Set(
    thesis.quarters.flatMap((q) => q.aiRevenue.entities.flatMap((rate) => rate.from.map((point) => `${rate.entity}|${point.periodEnd}`))),
  );
  return observations.filter((o) => {
    const q = quarterOf(o.period);
    const input = inputs.find((candidate) => readsFigure(candidate, selection, o));
    if (q === null || !input) return false;
    return q <= last || (input.kind === "point" && cited.has(`${o.entity}|${o.periodEnd}`));
  });
}

/** The methodology (README) behind the thesis and companies tables, term by term. */
export const THESIS_FORMULAS: TableExport["formulas"] = [
  ["Capex", 'Cash-flow line "purchases of property and equipment" per company, USD millions per calendar quarter'],
  ["TTM(x, q)", "x(q) + x(q-1) + x(q-2) + x(q-3); missing, naming every missing quarter, when any is missing"],
  ["YoY(x, q)", "x(q) / x(q-4) - 1; missing without a prior year or when x(q-4) is 0"],
  [
    "Aggregate capex, capex TTM, revenue TTM",
    "Sums over the selected companies; missing, naming the company, when any lacks the quarter (never a partial sum)",
  ],
  ["Capex intensity", "Capex TTM / revenue TTM; the earlier peak is the highest intensity strictly before the quarter"],
  ["Cloud revenue TTM", "Sum of cloud_revenue TTM over the selected companies that report cloud revenue"],
  ["Capex to cloud revenue", "Those cloud companies' capex TTM / their cloud revenue TTM"],
  [
    "AI revenue, annualized",
    "Sum of the AI companies' run-rates on the quarter's last day: observed, interpolated linearly in days, or carried forward at most carryForwardDays; never extrapolated",
  ],
  ["Coverage ratio", "AI revenue annualized / aggregate capex TTM"],
  ["Dollar gap", "Aggregate capex TTM - AI revenue annualized"],
  [
    "Sequoia required revenue",
    'NVIDIA datacenter_revenue(q) x 4 / gpuShare / (1 - margin) (David Cahn, Sequoia Capital, "AI\'s $600B Question", 2024)',
  ],
  ["Sequoia gap", "Sequoia required revenue - AI revenue annualized"],
  [
    "Coverage flag",
    "Against q - lookback: rule A coverage falling, rule B dollar gap widening; red both, amber one, green neither, unknown when an input is missing",
  ],
  ["Free cash flow TTM", "Operating cash flow TTM - capex TTM"],
  ["Capex / operating cash flow", "Capex TTM / OCF TTM; missing when OCF TTM is zero or negative"],
  ["Funding", "self-funded when capex TTM <= OCF TTM, externally funded when above; the margin is OCF TTM - capex TTM"],
  ["Capex / D&A", "Capex TTM / depreciation and amortization TTM: how far spending runs ahead of the depreciation it will become"],
];

const figureText = (test: AppTest) => (test.figure ? `${test.figure.value} (${test.figure.metric}, ${test.figure.periodEnd})` : null);

const APP_FIELDS: Field<AppVerdict>[] = [
  { key: "app", header: "App", kind: "text", cell: (v) => v.app.id },
  { key: "name", header: "Name", kind: "text", cell: (v) => v.app.name },
  { key: "launched", header: "Launched", kind: "text", cell: (v) => v.app.launched },
  { key: "killer_app", header: "Killer app (all three pass)", kind: "text", cell: (v) => (v.killerApp ? "yes" : "no") },
  ...(["reach", "time", "money"] as const).flatMap((test): Field<AppVerdict>[] => [
    { key: `${test}`, header: `${test[0]?.toUpperCase()}${test.slice(1)}`, kind: "text", cell: (v) => v[test].status },
    { key: `${test}_figure`, header: `${test}: the app's figure`, kind: "text", cell: (v) => figureText(v[test]) },
    { key: `${test}_age`, header: `${test}: years since launch`, kind: "years", cell: (v) => v[test].figure?.age ?? null },
    { key: `${test}_bar`, header: `${test}: the bar`, kind: "number", cell: (v) => v[test].bar.value },
    {
      key: `${test}_yardsticks`,
      header: `${test}: yardsticks with a value`,
      kind: "number",
      cell: (v) => (test === "time" ? null : v[test].bar.yardsticks.length),
    },
    { key: `${test}_sentence`, header: `${test}: why`, kind: "text", cell: (v) => v[test].sentence },
  ]),
];

/** One row per AI app tested: each test's status, the figure, the bar and the sentence. */
export function killerAppsTable(watch: KillerAppWatch): Table {
  return tableOf(APP_FIELDS, watch.apps);
}

/** The rules behind the killer-app table (README, "The killer-app watch"). */
export const KILLER_APP_RULES: TableExport["formulas"] = [
  ["Age", "Days since the app's launch date (entities.csv `launched`) / 365.25"],
  [
    "A yardstick at an age",
    'Log-linear between its two nearest dated figures around that age; beyond its first or last figure, that figure within one year of the age ("nearest"); else none. Never extrapolated; weekly, monthly and daily users never converted',
  ],
  [
    "Reach",
    "The app's latest active-user figure (monthly, weekly or daily, named) against the median of the earlier killer apps' monthly active users at the same age; unknown with fewer than two",
  ],
  ["Time", "The app's latest minutes per user per day against minMinutes (default 60)"],
  [
    "Money",
    "The app's latest full-year consumer money in USD (app_consumer_spending, else app_revenue; EUR never converted) against the median of the earlier killer apps' full-year USD money at the same age; unknown with fewer than two",
  ],
  ["Killer app", "All three pass"],
];

/** A quarter of the scenarios table: the reported figures, the projection, or both at the base quarter. */
interface ScenarioRow {
  quarter: string;
  reported: ScenarioQuarter | null;
  projected: ProjectedQuarter | null;
}

const reportedField = (
  key: string,
  header: string,
  kind: Column["kind"],
  read: (q: ScenarioQuarter) => Computed,
  afterData: (quarter: string) => Computed,
): Field<ScenarioRow> => ({ key, header, kind, computed: (row) => (row.reported ? read(row.reported) : afterData(row.quarter)) });

/**
 * One row per quarter: the reported quarters within from and to, then the projected quarters after
 * them. Reported and projected values are separate columns, never one series; the projected ones
 * are filled from the base quarter on, where `quarters_ahead` counts from 0.
 */
export function scenariosTable(scenario: Scenario): Table {
  const projected = new Map(scenario.projection?.quarters.map((p) => [p.quarter, p]) ?? []);
  const lastReported = scenario.quarters.at(-1)?.quarter;
  const rows: ScenarioRow[] = [
    ...scenario.quarters.map((reported) => ({ quarter: reported.quarter, reported, projected: projected.get(reported.quarter) ?? null })),
    ...(scenario.projection?.quarters ?? [])
      .filter((p) => lastReported === undefined || p.quarter > lastReported)
      .map((p) => ({ quarter: p.quarter, reported: null, projected: p })),
  ];
  const afterData = (quarter: string): Computed =>
    missing({
      kind: "outside_observed_range",
      message: `${formatPeriod(quarter)} is after the last reported quarter${lastReported ? ` in the range, ${formatPeriod(lastReported)}` : ""}: projected only`,
      quarters: [quarter],
    });
  const reported = (key: string, header: string, kind: Column["kind"], read: (q: ScenarioQuarter) => Computed) =>
    reportedField(key, header, kind, read, afterData);
  const fields: Field<ScenarioRow>[] = [
    { key: "quarter", header: "Quarter", kind: "quarter", cell: (row) => row.quarter },
    {
      key: "quarters_ahead",
      header: "Quarters after the base quarter",
      kind: "number",
      cell: (row) => row.projected?.quartersAhead ?? null,
    },
    reported("capex", "Aggregate capex", "usd_m", (q) => q.capex),
    reported("capex_ttm", "Aggregate capex TTM", "usd_m", (q) => q.capexTtm),
    reported("depreciation", `Depreciation over ${scenario.life} years, a year`, "usd_m", (q) => q.depreciation),
    reported("reported_da_ttm", "Reported D&A TTM", "usd_m", (q) => q.reportedDaTtm),
    reported("depreciation_gap", "Depreciation - reported D&A", "usd_m", (q) => q.depreciationGap),
    reported("required_revenue", "Required revenue", "usd_m", (q) => q.requiredRevenue),
    reported("ai_revenue", "AI revenue, annualized", "usd_m", (q) => q.aiRevenue),
    reported("coverage_of_required", "AI revenue / required revenue", "percent", (q) => q.coverageOfRequired),
    { key: "projected_ai_revenue", header: "AI revenue, projected", kind: "usd_m", cell: (row) => row.projected?.aiRevenue ?? null },
    { key: "projected_capex_ttm", header: "Capex TTM, projected", kind: "usd_m", cell: (row) => row.projected?.capexTtm ?? null },
    {
      key: "projected_required_revenue",
      header: "Required revenue, projected",
      kind: "usd_m",
      cell: (row) => row.projected?.requiredRevenue.value ?? null,
    },
  ];
  return tableOf(fields, rows);
}

/** The assumptions the scenarios rest on, resolved: what the sources sheet lists as their parameters. */
export function scenarioAssumptions(scenario: Scenario): Record<string, string> {
  const { base } = scenario;
  const rate = (r: NonNullable<typeof base>["aiGrowth"], what: string) =>
    r.rate.value === null
      ? `not known: ${reasonText(r.rate.reasons ?? [])}`
      : `${r.rate.value} a year${r.from === "latest YoY" && base ? ` (the default: ${what} YoY at ${base.quarter})` : ""}`;
  return {
    life: `${scenario.life} years`,
    margin: String(scenario.margin),
    "base quarter": base?.quarter ?? "none: no reported quarter has both AI revenue and capex TTM",
    ...(base && {
      aiGrowth: rate(base.aiGrowth, "AI revenue"),
      capexGrowth: rate(base.capexGrowth, "capex TTM"),
      targetYear: String(base.targetYear),
    }),
  };
}

/** The methodology (README, Scenarios) behind the scenarios table. */
export const SCENARIO_FORMULAS: TableExport["formulas"] = [
  [
    "Depreciation over L years",
    "Straight-line by quarterly cohorts of aggregate capex: at quarter q, the sum of capex(k) / L over k = q - 4L + 1 .. q (each cohort from the quarter it is spent, for 4L quarters), an amount a year; missing while a cohort within its life is missing",
  ],
  ["Depreciation - reported D&A", "Depreciation over L years - aggregate D&A TTM as reported"],
  ["Required revenue", "Depreciation over L years / (1 - margin)"],
  ["AI revenue / required revenue", "AI revenue annualized / required revenue"],
  ["Base quarter", "The last reported quarter with both AI revenue and capex TTM: every projection starts there from its reported value"],
  [
    "Projection",
    "t quarters after the base: AI revenue = AI0 (1 + g)^(t/4), capex TTM = C0 (1 + c)^(t/4), required revenue = R0 (1 + c)^(t/4); g and c default to the latest YoY of AI revenue and capex TTM",
  ],
  [
    "Time to coverage",
    "The first t >= 0 with AI revenue(t) >= target(t): 0 when already covered, never when g <= c, else t = ceil(4 ln(target0 / AI0) / ln((1 + g) / (1 + c)))",
  ],
  ["Growth needed", "g* = (1 + c) (target0 / AI0)^(1 / years) - 1, years = (quarters from the base to the target year's Q4) / 4"],
];
