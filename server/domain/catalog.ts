// The vocabulary of the data set (data/README.md): entities, metrics, units and bases.

export const BASES = ["reported", "derived", "restated", "estimate", "run_rate"] as const;
export type Basis = (typeof BASES)[number];

export const UNITS = ["USD_m", "EUR_m", "USD_m_annualized", "users_m", "downloads_m", "minutes"] as const;
export type Unit = (typeof UNITS)[number];

export const METRIC_KINDS = ["flow", "point"] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

export interface Entity {
  id: string;
  name: string;
  group: string;
  note: string | null;
  /** An app's launch date (`YYYY-MM-DD`), from which its age is counted; null for a company. */
  launched: string | null;
}

export interface Metric {
  id: string;
  label: string;
  kind: MetricKind;
  unit: Unit;
  definition: string;
}

/** What a unit measures. A metric defined in USD may be reported in another currency (Spotify
 * reports in euros), but a flow is never a run-rate and money is never users. */
const UNIT_MEASURE: Record<Unit, string> = {
  USD_m: "money over a period",
  EUR_m: "money over a period",
  USD_m_annualized: "annualized money at a date",
  users_m: "users at a date",
  downloads_m: "downloads at a date",
  // Minutes are not millions: the one unit counted in itself.
  minutes: "minutes at a date",
};

/** The longest catalog id: ids are tickers and snake_case names. */
export const MAX_ID_LENGTH = 64;

/**
 * Names every JavaScript object already has (`__proto__`, `constructor`, `hasOwnProperty`, ...):
 * an id like these would read as a built-in wherever ids key a plain object.
 */
export const BUILT_IN_NAMES: readonly string[] = [...Object.getOwnPropertyNames(Object.prototype), "prototype"];

/**
 * Catalog ids: 1 to MAX_ID_LENGTH letters, digits and underscores (MSFT, ai_revenue_run_rate),
 * and none of the BUILT_IN_NAMES.
 */
export const ID_PATTERN = new RegExp(`^(?!(?:${BUILT_IN_NAMES.join("|")})$)[A-Za-z0-9_]{1,${MAX_ID_LENGTH}}$`);

/** A flow is measured over a period, a point (run-rate, users) at a date: the unit tells which. */
export function kindOfUnit(unit: Unit): MetricKind {
  return unit === "USD_m" || unit === "EUR_m" ? "flow" : "point";
}

/** The catalog row an upload adds for an entity id it introduces: named by its id until an
 * analyst names and groups it in entities.csv. */
export function newEntity(id: string): Entity {
  return { id, name: id, group: "unclassified", note: "Added by an upload; not yet described in entities.csv", launched: null };
}

/** The catalog row an upload adds for a metric id it introduces, its kind inferred from the unit
 * of the first row that uses it. */
export function newMetric(id: string, unit: Unit): Metric {
  return { id, label: id, kind: kindOfUnit(unit), unit, definition: "Added by an upload; not yet defined in metrics.csv" };
}

export function unitFitsMetric(unit: Unit, metric: Metric): boolean {
  return UNIT_MEASURE[unit] === UNIT_MEASURE[metric.unit];
}

export function unitsForMetric(metric: Metric): Unit[] {
  return UNITS.filter((unit) => unitFitsMetric(unit, metric));
}

/** An observation's identity (data/README.md): a flow by its period, a point by its date. */
export function observationIdentity(o: { entity: string; metric: string; kind: MetricKind; period: string; periodEnd: string }): string {
  return `${o.entity}|${o.metric}|${o.kind === "flow" ? o.period : o.periodEnd}`;
}

/** `repo:OWNER/NAME:PATH[@commit]` sources point into a public GitHub repository. */
export function sourceUrl(source: string | null): string | null {
  if (!source) return null;
  if (/^https?:\/\//.test(source)) return source;
  const [, repository, file, commit] = /^repo:([^/:\s]+\/[^/:\s]+):(.+?)(?:@([0-9a-f]{7,40}))?$/.exec(source) ?? [];
  if (repository === undefined || file === undefined) return null;
  const path = file.split("/").map(encodeURIComponent).join("/");
  return `https://github.com/${repository}/blob/${commit ?? "HEAD"}/${path}`;
}
