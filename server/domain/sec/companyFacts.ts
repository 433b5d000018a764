// SEC EDGAR's companyfacts JSON (https://data.sec.gov/api/xbrl/companyfacts/CIK##########.json),
// checked before use: a response or a file is hostile input, so sizes are bounded and every fact the
// importer reads is validated, an error naming the file and the JSON path of what is wrong. Only the
// tags of the company table are read; the rest of the (large) response is ignored.
import { z } from "zod";
import { parseIsoDay } from "../periods.ts";
import { SEC_METRICS, type SecCompany, secCompanyByCik } from "./companies.ts";

/** Microsoft's full response is about 5 MB; ten times the largest seen is still a bounded parse. */
export const MAX_COMPANY_FACTS_BYTES = 64 * 1024 * 1024;
/** Facts per tag and unit: Alphabet's busiest tag has a few hundred. */
const MAX_FACTS_PER_TAG = 20_000;

/** One reported value: `val` in whole US dollars for the period `start` to `end`, from filing `accn`. */
export interface Fact {
  tag: string;
  start: string;
  end: string;
  val: number;
  accn: string;
  form: string;
  filed: string;
}

export interface CompanyFacts {
  company: SecCompany;
  entityName: string;
  facts: Fact[];
}

export class CompanyFactsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

const isoDate = z
  .string()
  .max(10)
  .refine((text) => parseIsoDay(text) !== null, "expected a date YYYY-MM-DD");

const factSchema = z
  .object({
    // An instant (a balance) has no start; no metric here is one, so those facts are skipped.
    start: isoDate.optional(),
    end: isoDate,
    val: z.number().int("expected whole dollars").refine(Number.isSafeInteger, "expected a number of dollars below 2^53"),
    accn: z.string().regex(/^\d{10}-\d{2}-\d{6}$/, "expected an accession number 0000000000-00-000000"),
    form: z.string().min(1).max(20),
    filed: isoDate,
  })
  .refine((fact) => fact.start === undefined || fact.start <= fact.end, { message: "start is after end", path: ["start"] });

const tagSchema = z.object({ units: z.object({ USD: z.array(factSchema).max(MAX_FACTS_PER_TAG).optional() }) });

const responseSchema = z.object({
  cik: z.union([
    z.number().int().positive(),
    z
      .string()
      .regex(/^\d{1,10}$/)
      .transform(Number),
  ]),
  entityName: z.string().max(500),
  facts: z.object({ "us-gaap": z.record(z.string(), z.unknown()).optional() }),
});

function failure(file: string, error: z.ZodError, prefix: (string | number)[] = []): CompanyFactsError {
  const issues = error.issues.slice(0, 5).map((issue) => `${jsonPath([...prefix, ...issue.path])}: ${issue.message}`);
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : "";
  return new CompanyFactsError(`${file}: not a companyfacts response: ${issues.join("; ")}${more}`);
}

const jsonPath = (path: PropertyKey[]) =>
  path.map((part, index) => (typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`)).join("");

/** The company's facts for every tag of its row in the table, or a CompanyFactsError naming what is wrong. */
export function parseCompanyFacts(file: string, text: string): CompanyFacts {
  if (text.length > MAX_COMPANY_FACTS_BYTES) {
    throw new CompanyFactsError(`${file}: larger than ${MAX_COMPANY_FACTS_BYTES / 1024 / 1024} MB, not a companyfacts response`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CompanyFactsError(`${file}: not JSON (${(error as Error).message})`, { cause: error });
  }
  const response = responseSchema.safeParse(json);
  if (!response.success) throw failure(file, response.error);
  const { cik, entityName, facts } = response.data;
  const company = secCompanyByCik(cik);
  if (!company) throw new CompanyFactsError(`${file}: CIK ${cik} (${entityName}) is not a company of the SEC table`);

  const usGaap = facts["us-gaap"] ?? {};
  const tags = new Set(SEC_METRICS.flatMap((metric) => tagsOf(company, metric)));
  const found: Fact[] = [];
  for (const tag of tags) {
    if (!Object.hasOwn(usGaap, tag)) continue;
    const parsed = tagSchema.safeParse(usGaap[tag]);
    if (!parsed.success) throw failure(file, parsed.error, ["facts", "us-gaap", tag]);
    for (const { start, end, val, accn, form, filed } of parsed.data.units.USD ?? []) {
      if (start !== undefined) found.push({ tag, start, end, val, accn, form, filed });
    }
  }
  return { company, entityName, facts: found };
}

/** A metric's tags for a company, none when companyfacts does not have it. */
export function tagsOf(company: SecCompany, metric: (typeof SEC_METRICS)[number]): readonly string[] {
  const choice = company.metrics[metric];
  return "tags" in choice ? choice.tags : [];
}

/**
 * One or more responses of one company (two recordings, or a recording and the live API) as one:
 * the same fact twice is kept once. One filing giving two values for one tag and period is an
 * error, since nothing says which is right.
 */
export function mergeCompanyFacts(files: readonly { file: string; facts: CompanyFacts }[]): CompanyFacts {
  const [first] = files;
  if (!first) throw new CompanyFactsError("no companyfacts to merge");
  const byKey = new Map<string, { fact: Fact; file: string }>();
  for (const { file, facts } of files) {
    if (facts.company !== first.facts.company) {
      throw new CompanyFactsError(`${file} is ${facts.company.entity}'s, ${first.file} is ${first.facts.company.entity}'s`);
    }
    for (const fact of facts.facts) {
      const key = `${fact.tag}|${fact.start}|${fact.end}|${fact.accn}`;
      const known = byKey.get(key);
      if (!known) byKey.set(key, { fact, file });
      else if (known.fact.val !== fact.val) {
        throw new CompanyFactsError(
          `${fact.tag} ${fact.start} to ${fact.end} in filing ${fact.accn} is ${known.fact.val} in ${known.file} but ${fact.val} in ${file}`,
        );
      }
    }
  }
  return { company: first.facts.company, entityName: first.facts.entityName, facts: [...byKey.values()].map(({ fact }) => fact) };
}
