// Why a value is missing, as a sentence a reader follows: written from each reason's kind and its
// structured fields (entity, metric, quarters) with the catalog's names and quarters as `2026 Q2`,
// so "NVDA datacenter revenue missing for 2026-Q2" reads "NVIDIA data-center revenue missing for
// 2026 Q2", and a list of forty quarters reads as the runs it is made of.
import type { Reason } from "../../../server/domain/computed.ts";
import { formatPeriod } from "./format.ts";

export interface Names {
  entity(id: string): string;
  metric(id: string): string;
}

/** Ids as they are, for a sentence written before the catalog has loaded. */
export const ID_NAMES: Names = { entity: (id) => id, metric: (id) => id.replaceAll("_", " ") };

const indexOf = (quarter: string) => Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(6)) - 1;

/** `2015 Q1 to 2015 Q4, 2017 Q2`: consecutive quarters as one run. */
export function quarterRuns(quarters: readonly string[]): string {
  const sorted = [...new Set(quarters)].sort();
  const runs: [string, string][] = [];
  for (const quarter of sorted) {
    const run = runs.at(-1);
    if (run && indexOf(quarter) === indexOf(run[1]) + 1) run[1] = quarter;
    else runs.push([quarter, quarter]);
  }
  return runs.map(([first, last]) => (first === last ? formatPeriod(first) : `${formatPeriod(first)} to ${formatPeriod(last)}`)).join(", ");
}

/** "Microsoft", "Microsoft and Alphabet", "Microsoft, Alphabet and Amazon". */
function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** A label inside a sentence: "Capital expenditures" -> "capital expenditures"; "AI revenue" stays. */
function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? `${label[0]?.toLowerCase()}${label.slice(1)}` : label;
}

interface Group {
  kind: Reason["kind"];
  metric: string | undefined;
  quarters: string[];
  entities: string[];
  message: string;
}

function sentence(group: Group, names: Names): string {
  const who = list(group.entities.map(names.entity));
  const what = group.metric ? inSentence(names.metric(group.metric)) : "";
  const subject = [who, what].filter(Boolean).join(" ");
  const when = quarterRuns(group.quarters);
  switch (group.kind) {
    case "missing_quarter":
      return `${subject} missing for ${when}`;
    case "no_prior_year":
      return `no year-earlier figure: ${subject} missing for ${when}`;
    case "outside_observed_range":
      return `${subject}: none observed close enough to ${when} (never extrapolated)`;
    case "no_observations":
      return `${subject}: no figures at all`;
    case "divide_by_zero":
      return `divides by zero in ${when}`;
    case "not_meaningful":
      return `not meaningful in ${when}: the denominator is negative`;
    case "no_earlier_value":
      return `no earlier quarter to compare with before ${when}`;
    case "nothing_selected":
    case "target_not_ahead":
      return group.message;
  }
}

/** The reasons as one sentence: one entity's reasons of a kind merged, entities with the same quarters listed together. */
export function describeReasons(reasons: readonly Reason[], names: Names): string {
  const byEntity = new Map<string, Group>();
  for (const reason of reasons) {
    const key = reason.entity ? `${reason.kind}|${reason.metric}|${reason.entity}` : `${reason.kind}|${reason.message}`;
    const group = byEntity.get(key);
    if (group) group.quarters.push(...(reason.quarters ?? []));
    else
      byEntity.set(key, {
        kind: reason.kind,
        metric: reason.metric,
        quarters: [...(reason.quarters ?? [])],
        entities: reason.entity ? [reason.entity] : [],
        message: reason.message,
      });
  }
  const groups = new Map<string, Group>();
  for (const group of byEntity.values()) {
    const key =
      group.entities.length > 0 ? `${group.kind}|${group.metric}|${quarterRuns(group.quarters)}` : `${group.kind}|${group.message}`;
    const same = groups.get(key);
    if (same) same.entities.push(...group.entities);
    else groups.set(key, { ...group, entities: [...group.entities] });
  }
  const sentences = [...new Set([...groups.values()].map((group) => sentence(group, names)))];
  return sentences.length > 4 ? `${sentences.slice(0, 3).join("; ")}; and ${sentences.length - 3} more` : sentences.join("; ");
}
