// npm run sec -- import|compare|cite [--company MSFT,GOOGL,...] [--file F.json ...] [--from 2015-Q1]
//   [--vintage latest|original] [--user-agent "Name email@example.com"] [--dry-run] [--fail-on-difference]
// Figures straight from SEC EDGAR's XBRL companyfacts (README "Figures from the SEC"): fetched live
// under SEC's fair-access rules, or read from recorded responses with --file.
//   import   writes them through the same import path as uploads (token name `sec`)
//   compare  lists every stored figure that differs from the filings, and the periods the store lacks
//   cite     rewrites the default data (DATA_DIR) so that every figure the filings cover cites them
// Exits 2 on a bad flag (naming it), 1 when a file, the network or the import fails.
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { readConfig } from "../server/config.ts";
import { closeStore, openStore, storeLocation } from "../server/db/client.ts";
import { exactMillions } from "../server/domain/format.ts";
import { parsePeriod, quarterFromIndex, quarterIndex } from "../server/domain/periods.ts";
import { describeProblem, type Problem } from "../server/domain/problem.ts";
import { SEC_COMPANIES, SEC_UNAVAILABLE_METRICS, type SecCompany, secCompany } from "../server/domain/sec/companies.ts";
import {
  type CompanyFacts,
  CompanyFactsError,
  MAX_COMPANY_FACTS_BYTES,
  mergeCompanyFacts,
  parseCompanyFacts,
} from "../server/domain/sec/companyFacts.ts";
import { type SecComparison, secReadings } from "../server/domain/sec/compare.ts";
import { VINTAGES } from "../server/domain/sec/observations.ts";
import { RejectedDataError } from "../server/errors.ts";
import { citeSecFacts, DataFileError } from "../server/services/citeSecFacts.ts";
import { compareSecFacts } from "../server/services/compareSecFacts.ts";
import { companyFactsFetcher, isSecUserAgent, SecFetchError, USER_AGENT_HINT } from "../server/services/fetchCompanyFacts.ts";
import { importSecFacts } from "../server/services/importSecFacts.ts";
import { seedDefaultData } from "../server/services/seedDefaultData.ts";

const COMMANDS = ["import", "compare", "cite"] as const;
/** Flags every command takes, and those only one does. */
const OWN_FLAGS: Record<(typeof COMMANDS)[number], string[]> = { import: ["dry-run"], compare: ["fail-on-difference"], cite: ["dry-run"] };
const USAGE = `usage: npm run sec -- ${COMMANDS.join("|")} [--company ${SEC_COMPANIES.map((c) => c.entity).join(",")}] [--file F.json ...] [--from 2015-Q1]
  [--vintage ${VINTAGES.join("|")}] [--user-agent "Name email@example.com"] [--dry-run (import, cite)] [--fail-on-difference (compare)]`;
/** More files than companies in the table twice over is a mistake, not a request. */
const MAX_FILES = 100;

function fail(message: string, code: 1 | 2): never {
  console.error(code === 2 ? `${message}\n${USAGE}` : `error: ${message}`);
  process.exit(code);
}

const parsed = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        company: { type: "string" },
        file: { type: "string", multiple: true },
        from: { type: "string" },
        vintage: { type: "string" },
        "user-agent": { type: "string" },
        "dry-run": { type: "boolean" },
        "fail-on-difference": { type: "boolean" },
      },
    });
  } catch (error) {
    return fail((error as Error).message, 2);
  }
})();

const [command, ...extra] = parsed.positionals;
if (!COMMANDS.includes(command as never)) fail(command ? `unknown command ${command}` : "a command is needed", 2);
const own = OWN_FLAGS[command as (typeof COMMANDS)[number]];
for (const flag of Object.values(OWN_FLAGS).flat()) {
  if (parsed.values[flag as "dry-run"] !== undefined && !own.includes(flag)) fail(`--${flag}: not a flag of ${command}`, 2);
}
// A shell glob after --file (--file edgar/*.json) arrives as more arguments.
if (extra.length > 0 && !parsed.values.file) fail(`unexpected argument ${extra[0]}`, 2);

const flagsSchema = z.object({
  company: z
    .string()
    .transform((text) => text.split(",").map((id) => id.trim()))
    .pipe(
      z.array(
        z.string().refine((id) => secCompany(id) !== undefined, {
          error: (issue) => `${String(issue.input)} is not a company of the SEC table (${SEC_COMPANIES.map((c) => c.entity).join(", ")})`,
        }),
      ),
    )
    .optional(),
  file: z.array(z.string().min(1)).max(MAX_FILES, `at most ${MAX_FILES} files`).default([]),
  from: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/, "expected a quarter such as 2015-Q1")
    .optional(),
  vintage: z.enum(VINTAGES, { error: `expected ${VINTAGES.join(" or ")}` }).default("latest"),
  "user-agent": z.string().refine(isSecUserAgent, `SEC's fair-access rules ask you to ${USER_AGENT_HINT}`).optional(),
  "dry-run": z.boolean().default(false),
  "fail-on-difference": z.boolean().default(false),
});
const flags = (() => {
  const result = flagsSchema.safeParse({ ...parsed.values, file: [...(parsed.values.file ?? []), ...extra] });
  if (!result.success) fail(result.error.issues.map((issue) => `--${String(issue.path[0])}: ${issue.message}`).join("\n"), 2);
  return result.data;
})();

const config = (() => {
  try {
    return readConfig();
  } catch (error) {
    return fail((error as Error).message, 2);
  }
})();

const companies = await readCompanies();
const readings = secReadings(companies, { vintage: flags.vintage, from: flags.from });
const fileName = `sec-companyfacts-${companies.map((c) => c.company.entity).join("-")}-${flags.vintage}.csv`;

if (command === "cite") {
  try {
    const report = citeSecFacts(config.DATA_DIR, readings, { dryRun: flags["dry-run"] });
    for (const file of report.files.filter((f) => f.cited > 0)) {
      console.log(`${file.name}: ${file.cited} of ${file.rows} rows covered by the filings, ${file.changed} rewritten`);
    }
    console.log(
      `${flags["dry-run"] ? "Dry run (nothing written)" : `Wrote ${config.DATA_DIR}`}: rows citing sec.gov ${report.secSources.before} before, ${report.secSources.after} after.`,
    );
  } catch (error) {
    if (error instanceof DataFileError) fail(error.message, 1);
    throw error;
  }
  process.exit(0);
}

const store = await openStore(storeLocation(config));
// A fresh database gets the catalogs and the default data first, as the server would.
try {
  await seedDefaultData(store, config.DATA_DIR);
} catch (error) {
  if (!(error instanceof RejectedDataError)) throw error;
  fail(`${error.message}:\n${(error.details as Problem[]).map(describeProblem).join("\n")}`, 1);
}

if (command === "compare") {
  const comparison = await compareSecFacts(store, readings);
  await closeStore(store);
  printComparison(comparison);
  process.exit(flags["fail-on-difference"] && comparison.differences.length > 0 ? 1 : 0);
}

const report = await importSecFacts(store, readings, { fileName, dryRun: flags["dry-run"] });
await closeStore(store);
printUnavailable(companies.map((c) => c.company));
for (const problem of report.problems) console.error(`error: ${describeProblem(problem)}`);
for (const warning of report.warnings) console.warn(`warning: ${describeProblem(warning)}`);
const inserted: { entity: string; metric: string; period: string }[] = [];
for (const { entity, metric, before, after } of report.changes) {
  if (!after) continue;
  if (!before) {
    inserted.push({ entity, metric, period: after.period });
    continue;
  }
  const value =
    before.value === after.value
      ? `${exactMillions(after.value)} (same)`
      : `${exactMillions(before.value)} -> ${exactMillions(after.value)}`;
  console.log(`${entity} ${metric} ${after.period}: ${value}; source ${before.source ?? "none"} -> ${after.source}`);
}
for (const [series, periods] of groupPeriods(inserted)) console.log(`new: ${series} ${ranges(periods)}`);
if (report.changesOmitted > 0) console.log(`... and ${report.changesOmitted} more changes`);
const counts = `inserted ${report.inserted}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected}`;
if (report.problems.length > 0)
  fail(`rejected: ${report.problems.length + report.problemsOmitted} problem(s); nothing was written. ${counts}.`, 1);
const recorded = report.uploadId === null ? "" : ` Recorded as upload ${report.uploadId}.`;
console.log(`${report.dryRun ? "Dry run (nothing written)" : "Imported"}: ${counts}. Data version ${report.dataVersion}.${recorded}`);

/** Each company's companyfacts: the --file responses, or fetched from SEC; several of one company merged. */
async function readCompanies(): Promise<CompanyFacts[]> {
  const selected = flags.company && SEC_COMPANIES.filter((company) => flags.company?.includes(company.entity));
  try {
    const texts = flags.file.length > 0 ? flags.file.map(readResponse) : await fetchResponses(selected ?? SEC_COMPANIES);
    const byCompany = new Map<SecCompany, { file: string; facts: CompanyFacts }[]>();
    for (const { name, text } of texts) {
      const facts = parseCompanyFacts(name, text);
      if (selected && !selected.includes(facts.company))
        fail(`--file ${name}: ${facts.company.entity}'s companyfacts, not among --company`, 2);
      byCompany.set(facts.company, [...(byCompany.get(facts.company) ?? []), { file: name, facts }]);
    }
    const lacking = selected?.find((company) => !byCompany.has(company));
    if (lacking) fail(`--company ${lacking.entity}: no --file holds its companyfacts (CIK ${lacking.cik})`, 2);
    return [...byCompany.values()].map(mergeCompanyFacts);
  } catch (error) {
    if (error instanceof CompanyFactsError || error instanceof SecFetchError) fail(error.message, 1);
    throw error;
  }
}

function readResponse(name: string): { name: string; text: string } {
  let size: number;
  try {
    size = statSync(name).size;
  } catch (error) {
    return fail(`--file ${name}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`, 2);
  }
  if (size > MAX_COMPANY_FACTS_BYTES)
    fail(`--file ${name}: larger than ${MAX_COMPANY_FACTS_BYTES / 1024 / 1024} MB, not a companyfacts response`, 1);
  return { name, text: readFileSync(name, "utf8") };
}

async function fetchResponses(selection: readonly SecCompany[]): Promise<{ name: string; text: string }[]> {
  const userAgent = flags["user-agent"];
  if (userAgent === undefined)
    fail(`--user-agent: required to fetch from SEC, whose fair-access rules ask you to ${USER_AGENT_HINT}; or give --file`, 2);
  const fetchCompanyFacts = companyFactsFetcher({ userAgent, origin: config.SEC_API_ORIGIN });
  const responses: { name: string; text: string }[] = [];
  for (const company of selection) {
    const { url, text } = await fetchCompanyFacts(company.cik);
    responses.push({ name: url, text });
  }
  return responses;
}

function printUnavailable(selection: readonly SecCompany[]) {
  const lines = [
    ...selection.flatMap((company) =>
      Object.entries(company.metrics).flatMap(([metric, choice]) =>
        "unavailable" in choice ? [`${company.entity} ${metric}: ${choice.unavailable}`] : [],
      ),
    ),
    ...SEC_UNAVAILABLE_METRICS.map(({ metric, reason }) => `${metric}: ${reason}`),
  ];
  console.log(`Not in companyfacts, so these stay CSV uploads:\n${lines.map((line) => `  ${line}`).join("\n")}`);
}

function printComparison({ compared, differences, missing }: SecComparison) {
  if (differences.length > 0) {
    console.log("| entity | metric | period | stored | stored source | SEC | SEC filing | difference | why |");
    console.log("| --- | --- | --- | ---: | --- | ---: | --- | ---: | --- |");
    for (const d of differences) {
      const signed = `${d.difference > 0 ? "+" : ""}${exactMillions(d.difference)}`;
      console.log(
        `| ${d.sec.entity} | ${d.sec.metric} | ${d.sec.period} | ${exactMillions(d.stored.value)} | ${d.stored.source ?? ""} | ${exactMillions(d.sec.value)} | ${d.sec.source} | ${signed} | ${d.reason ?? "unknown"} |`,
      );
    }
  }
  for (const { entity, metric, periods } of missing) console.log(`missing from the database: ${entity} ${metric} ${ranges(periods)}`);
  console.log(`Compared ${compared} figures the SEC data and the database both hold: ${differences.length} differ.`);
}

function groupPeriods(changes: readonly { entity: string; metric: string; period: string }[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const { entity, metric, period } of changes)
    groups.set(`${entity} ${metric}`, [...(groups.get(`${entity} ${metric}`) ?? []), period]);
  return groups;
}

/** `2009-Q1 to 2012-Q4, 2014-Q1; 2008-FY to 2025-FY (53 periods)`: runs of consecutive quarters and years. */
function ranges(periods: readonly string[]): string {
  const quarters: number[] = [];
  const years: number[] = [];
  for (const text of periods) {
    const period = parsePeriod(text);
    if (period?.kind === "quarter") quarters.push(quarterIndex(period.year, period.quarter));
    if (period?.kind === "fiscalYear") years.push(period.year);
  }
  const runs = (indexes: number[], name: (index: number) => string) => {
    const found: { first: number; last: number }[] = [];
    for (const index of indexes.sort((a, b) => a - b)) {
      const run = found.at(-1);
      if (run && index === run.last + 1) run.last = index;
      else found.push({ first: index, last: index });
    }
    return found.map(({ first, last }) => (first === last ? name(first) : `${name(first)} to ${name(last)}`)).join(", ");
  };
  const parts = [runs(quarters, quarterFromIndex), runs(years, (year) => `${year}-FY`)].filter(Boolean);
  return `${parts.join("; ")} (${periods.length} periods)`;
}
