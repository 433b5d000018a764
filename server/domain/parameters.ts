// Parameters declared once: each with its schema (which reads a URL's text or a typed value and
// rejects what is out of bounds, saying why), its default and how it is written back into a URL.
// The API's routes validate with these, the dashboard's URL state parses and writes with them, and
// the export CLI takes them as flags, so every way in accepts and rejects the same input.

import { z } from "zod";
import { ID_PATTERN, MAX_ID_LENGTH } from "./catalog.ts";
import { formatPeriod, MAX_YEAR, MIN_YEAR, parseIsoDay } from "./periods.ts";

export interface Parameter<T> {
  schema: z.ZodType<T>;
  default: T;
  /** The URL's text for a value. */
  format(value: T): string;
}

// biome-ignore lint/suspicious/noExplicitAny: a set of parameters of different value types
export type Parameters = Record<string, Parameter<any>>;
export type ValuesOf<P extends Parameters> = { [K in keyof P]: P[K]["default"] };

/** A quarter as `YYYY-Qn` (the calendar quarter, data/README.md). */
export const QUARTER_PATTERN = /^\d{4}-Q[1-4]$/;
export const quarterSchema = z.string().regex(QUARTER_PATTERN, "expected a quarter as YYYY-Qn");

/** No list of ids in a request is longer: the catalog's entities number in the tens. */
export const MAX_IDS = 100;

/** `MSFT,GOOGL` (or an array) -> distinct ids, each a catalog id's shape, at most MAX_IDS. */
export function idListSchema(what: string) {
  return z.preprocess(
    (input) =>
      typeof input === "string"
        ? input
            .split(",")
            .map((id) => id.trim())
            .filter(Boolean)
        : input,
    z
      .array(z.string())
      .min(1, `expected at least one ${what} id`)
      .max(MAX_IDS, `expected at most ${MAX_IDS} ${what} ids`)
      .superRefine((ids, ctx) => {
        const malformed = ids.filter((id) => !ID_PATTERN.test(id));
        if (malformed.length > 0) {
          ctx.addIssue({
            code: "custom",
            message: `not ${what} ids (1 to ${MAX_ID_LENGTH} letters, digits and _, and no JavaScript built-in name): ${malformed.slice(0, 5).join(", ")}`,
          });
        }
      })
      .transform((ids) => [...new Set(ids)]),
  );
}

const idList = (what: string, fallback: string[]): Parameter<string[]> => ({
  schema: idListSchema(what),
  default: fallback,
  format: (ids) => ids.join(","),
});

const idListOrAll = (what: string): Parameter<string[] | null> => ({
  schema: idListSchema(what),
  default: null,
  format: (ids) => ids?.join(",") ?? "",
});

const quarterOrNull: Parameter<string | null> = { schema: quarterSchema, default: null, format: (q) => q ?? "" };

function numberIn(fallback: number, bounds: (n: ReturnType<typeof z.coerce.number>) => z.ZodType<number>): Parameter<number> {
  const number = z.coerce.number({ error: (issue) => (issue.code === "invalid_type" ? "expected a number" : undefined) });
  return { schema: bounds(number), default: fallback, format: String };
}

export function choice<const T extends string>(values: readonly [T, ...T[]], fallback: T): Parameter<T> {
  return { schema: z.enum(values), default: fallback, format: (value) => value };
}

/** The thesis's parameters (`/api/thesis`, the thesis and companies exports, the dashboard's URL). */
export const THESIS_PARAMETERS = {
  /** The hyperscalers whose capex is tracked. */
  companies: idList("entity", ["MSFT", "GOOGL", "AMZN", "META"]),
  /** The AI companies whose run-rates make up AI revenue, annualized. */
  aiRevenue: idList("entity", ["OPENAI", "ANTHROPIC"]),
  /** How many days a run-rate is held flat after its last observation. */
  carryForwardDays: numberIn(92, (n) => n.int("expected a whole number of days").min(0).max(3660)),
  /** How many quarters back the flag compares with (4: the same quarter a year earlier). */
  lookback: numberIn(4, (n) => n.int("expected a whole number of quarters").min(1).max(40)),
  /** GPUs' share of a data center's total cost: total cost = GPU spend / gpuShare (0.5 doubles it). */
  gpuShare: numberIn(0.5, (n) => n.gt(0, "must be above 0").max(1, "must be at most 1")),
  /** The gross margin the buyer of compute needs: revenue = cost / (1 - margin) (0.5 doubles it). */
  margin: numberIn(0.5, (n) => n.min(0, "must be 0 or more").lt(1, "must be below 1")),
  /** First quarter to report, or null for the first quarter with capex. */
  from: quarterOrNull,
  /** Last quarter to report, or null for the last quarter with capex. */
  to: quarterOrNull,
} satisfies Parameters;

export type ThesisQueryParams = ValuesOf<typeof THESIS_PARAMETERS>;

/** The useful lives offered, in years: three for GPUs, as critics argue, to the six hyperscalers now use for servers. */
export const USEFUL_LIVES = [3, 4, 5, 5.5, 6] as const;

/** A number, with an empty text refused rather than read as 0 (as Number("") would). */
const givenNumber = (bounds: (n: ReturnType<typeof z.coerce.number>) => z.ZodType<number>) =>
  z.preprocess(
    (input) => (input === "" ? undefined : input),
    bounds(z.coerce.number({ error: (issue) => (issue.code === "invalid_type" ? "expected a number" : undefined) })),
  );

/** The growth a year a scenario may assume, as fractions: -90% to +2,000%. */
export const GROWTH_BOUNDS = { min: -0.9, max: 20 } as const;

/** A growth a year as a fraction (0.75 is +75%), or null for the series' latest YoY. */
const growthOrLatest: Parameter<number | null> = {
  schema: givenNumber((n) =>
    n
      .min(GROWTH_BOUNDS.min, `expected at least ${GROWTH_BOUNDS.min} (-90% a year)`)
      .max(GROWTH_BOUNDS.max, `expected at most ${GROWTH_BOUNDS.max} (+2,000% a year)`),
  ),
  default: null,
  format: (growth) => (growth === null ? "" : String(growth)),
};

/** The scenarios' parameters (`/api/scenarios`, the scenarios export, the dashboard's URL). */
export const SCENARIO_PARAMETERS = {
  companies: THESIS_PARAMETERS.companies,
  aiRevenue: THESIS_PARAMETERS.aiRevenue,
  carryForwardDays: THESIS_PARAMETERS.carryForwardDays,
  from: THESIS_PARAMETERS.from,
  to: THESIS_PARAMETERS.to,
  /** Years over which each quarter's capex is depreciated, straight-line. */
  life: {
    schema: givenNumber((n) =>
      n.refine((years) => (USEFUL_LIVES as readonly number[]).includes(years), `expected one of ${USEFUL_LIVES.join(", ")} years`),
    ),
    default: 6,
    format: String,
  } as Parameter<number>,
  /** The same gross margin as Sequoia's: revenue = cost / (1 - margin). */
  margin: THESIS_PARAMETERS.margin,
  /** AI revenue's growth a year from the base quarter; null: its latest YoY. */
  aiGrowth: growthOrLatest,
  /** Capex TTM's growth a year from the base quarter; null: its latest YoY. */
  capexGrowth: growthOrLatest,
  /** The year by whose last quarter AI revenue should cover; null: four years after the base quarter's year. */
  targetYear: {
    schema: givenNumber((n) => n.int("expected a whole year").min(MIN_YEAR).max(MAX_YEAR)),
    default: null,
    format: (year) => (year === null ? "" : String(year)),
  } as Parameter<number | null>,
} satisfies Parameters;

export type ScenarioParams = ValuesOf<typeof SCENARIO_PARAMETERS>;

/** `/api/observations` (and its export): which figures. */
export const OBSERVATION_PARAMETERS = {
  entity: idListOrAll("entity"),
  metric: idListOrAll("metric"),
  from: quarterOrNull,
  to: quarterOrNull,
} satisfies Parameters;

/** `/api/killer-apps` (and its export, and the /killer-apps page's URL). */
export const KILLER_APP_PARAMETERS = {
  /** The AI apps tested; none given: every AI app with a launch date. */
  apps: idListOrAll("app"),
  /** The earlier killer apps that set the bar; none given: all of them. */
  yardsticks: idListOrAll("app"),
  /** Minutes a day the time test asks for (the yardsticks: TikTok 95, YouTube 84, Instagram 70, KakaoTalk 43 in 2012). */
  minMinutes: numberIn(60, (n) => n.min(1).max(1440)),
} satisfies Parameters;

/** `asOf`: a data version (a whole number from 1), or a date `YYYY-MM-DD` meaning the last version committed by its end. */
export type AsOf = { version: number } | { date: string };

export const AS_OF_PARAMETERS = {
  asOf: {
    schema: z.union(
      [
        z
          .string()
          .regex(/^[1-9]\d{0,9}$/)
          .transform((text): AsOf => ({ version: Number(text) })),
        z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .refine((text) => parseIsoDay(text) !== null, "not a real date")
          .transform((text): AsOf => ({ date: text })),
      ],
      { error: "expected a data version (1, 2, ...) or a date as YYYY-MM-DD" },
    ),
    default: null,
    format: (asOf) => (asOf === null ? "" : "version" in asOf ? String(asOf.version) : asOf.date),
  } as Parameter<AsOf | null>,
} satisfies Parameters;

/** `/api/changes`: from one data version to another (0: before any data). */
export const CHANGES_PARAMETERS = {
  from: numberIn(0, (n) => n.int("expected a whole data version").min(0)),
  to: {
    schema: z.coerce.number().int("expected a whole data version").min(1),
    default: null,
    format: (v) => (v === null ? "" : String(v)),
  } as Parameter<number | null>,
} satisfies Parameters;

export function defaultsOf<P extends Parameters>(parameters: P): ValuesOf<P> {
  return Object.fromEntries(Object.entries(parameters).map(([name, p]) => [name, p.default])) as ValuesOf<P>;
}

/** "to must not be before from", with both quarters, when both are given. */
export function quarterRangeProblem(range: { from?: string | null; to?: string | null }): string | null {
  if (!range.from || !range.to || range.from <= range.to) return null;
  return `must not be before from: ${formatPeriod(range.to)} is before ${formatPeriod(range.from)}`;
}

/** Why `to` cannot end a `/api/changes` range of these versions (the latest being `latest`), or null. */
export function changesRangeProblem(range: { from: number; to: number }, latest: number): string | null {
  if (range.from >= range.to) return `must be after from (${range.from}); the latest data version is ${latest}`;
  if (range.to > latest) return `there is no data version ${range.to}: the latest is ${latest}`;
  return null;
}

/**
 * The schema of a query of these parameters: every one optional, no other allowed, from <= to when
 * the set has both, the defaults filled in.
 */
export function querySchema<P extends Parameters>(parameters: P) {
  const shape = Object.fromEntries(Object.entries(parameters).map(([name, p]) => [name, p.schema.optional()]));
  return z
    .object(shape)
    .strict()
    .superRefine((query, ctx) => {
      const { from, to } = query as { from?: unknown; to?: unknown };
      // Quarters only: other sets name their own from and to (data versions) and check them where they are used.
      const problem = typeof from === "string" && typeof to === "string" ? quarterRangeProblem({ from, to }) : null;
      if (problem) ctx.addIssue({ code: "custom", path: ["to"], message: problem });
    })
    .transform((query): ValuesOf<P> => {
      const given = Object.entries(query).filter(([, value]) => value !== undefined);
      return { ...defaultsOf(parameters), ...Object.fromEntries(given) };
    });
}

/**
 * Each parameter from a URL's query, forgiving: a value that does not parse falls back to the
 * default, so a hand-edited link still opens (the server rejects, the page recovers).
 */
export function readQuery<P extends Parameters>(parameters: P, query: URLSearchParams, names: Partial<Record<keyof P, string>> = {}) {
  const values: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(parameters)) {
    const text = query.get(names[name] ?? name);
    const parsed = text === null ? null : p.schema.safeParse(text);
    values[name] = parsed?.success ? parsed.data : p.default;
  }
  return values as ValuesOf<P>;
}

/** The query text of the values that differ from the defaults, in declaration order. */
export function writeQuery<P extends Parameters>(
  parameters: P,
  values: ValuesOf<P>,
  names: Partial<Record<keyof P, string>> = {},
): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, p] of Object.entries(parameters)) {
    const value = values[name];
    if (JSON.stringify(value) !== JSON.stringify(p.default)) query.set(names[name] ?? name, p.format(value));
  }
  return query;
}

/** Each bad parameter with why, an unknown one included (the API and the CLIs report them alike). */
export function parameterProblems(error: { issues: z.core.$ZodIssue[] }): { parameter: string; message: string }[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ parameter: key, message: "unknown parameter" }))
      : [{ parameter: String(issue.path[0] ?? ""), message: issue.message }],
  );
}
