// The stored figures against the SEC's: every figure both hold whose values differ, with the reason
// where one is recognisable, and the periods the SEC has that the store lacks.
import { exactMillions } from "../format.ts";
import type { Figure } from "../revisions.ts";
import { SEC_METRICS } from "./companies.ts";
import { type CompanyFacts, tagsOf } from "./companyFacts.ts";
import { companyObservations, type SecObservation, secKey, secObservations, type Vintage } from "./observations.ts";

export interface StoredFigure extends Figure {
  entity: string;
  metric: string;
}

export interface SecDifference {
  entity: string;
  metric: string;
  period: string;
  stored: StoredFigure;
  sec: SecObservation;
  /** SEC minus stored, USD millions. */
  difference: number;
  /** Why they differ when it shows: a rounded source, the other vintage, another tag; null when unknown. */
  reason: string | null;
}

export interface SecComparison {
  /** Figures both hold. */
  compared: number;
  differences: SecDifference[];
  /** Per entity and metric, the periods the SEC gives and the store lacks, in order. */
  missing: { entity: string; metric: string; periods: string[] }[];
}

/** What else the SEC data says for a period, to explain a difference. */
export interface SecAlternatives {
  /** The same periods read in the other vintage. */
  otherVintage: SecObservation[];
  /** The same periods read from one tag alone, for each tag. */
  singleTag: SecObservation[];
}

/** The other vintage, and each tag read alone, of one company's facts. */
export function secAlternatives(facts: CompanyFacts, vintage: Vintage): SecAlternatives {
  return {
    otherVintage: companyObservations(facts, { vintage: vintage === "latest" ? "original" : "latest" }),
    singleTag: SEC_METRICS.flatMap((metric) =>
      tagsOf(facts.company, metric).flatMap((tag) => secObservations(facts, metric, { vintage, tag })),
    ),
  };
}

/** Press figures round to a hundredth, a tenth or a whole of a billion (USD millions: 10, 100, 1,000). */
const ROUNDING_STEPS = [10, 100, 1000];
const ROUNDING_TOLERANCE = 0.01;

export function compareWithSec(
  stored: ReadonlyMap<string, StoredFigure>,
  sec: readonly SecObservation[],
  alternatives: SecAlternatives,
): SecComparison {
  const otherVintage = new Map(alternatives.otherVintage.map((o) => [secKey(o), o]));
  const singleTag = groupByKey(alternatives.singleTag);
  const differences: SecDifference[] = [];
  const missing = new Map<string, { entity: string; metric: string; periods: string[] }>();
  let compared = 0;
  for (const observation of sec) {
    const figure = stored.get(secKey(observation));
    if (!figure) {
      const key = `${observation.entity}|${observation.metric}`;
      const entry = missing.get(key) ?? { entity: observation.entity, metric: observation.metric, periods: [] };
      entry.periods.push(observation.period);
      missing.set(key, entry);
      continue;
    }
    compared++;
    if (figure.value === observation.value) continue;
    differences.push({
      entity: observation.entity,
      metric: observation.metric,
      period: observation.period,
      stored: figure,
      sec: observation,
      difference: Number((observation.value - figure.value).toPrecision(15)),
      reason: reasonOf(figure.value, observation, otherVintage.get(secKey(observation)), singleTag.get(secKey(observation)) ?? []),
    });
  }
  return { compared, differences, missing: [...missing.values()] };
}

function groupByKey(observations: readonly SecObservation[]): Map<string, SecObservation[]> {
  const groups = new Map<string, SecObservation[]>();
  for (const o of observations) groups.set(secKey(o), [...(groups.get(secKey(o)) ?? []), o]);
  return groups;
}

function reasonOf(
  stored: number,
  sec: SecObservation,
  otherVintage: SecObservation | undefined,
  singleTag: SecObservation[],
): string | null {
  if (otherVintage?.value === stored)
    return `other vintage: ${exactMillions(stored)} in the other vintage's filings (${otherVintage.source})`;
  const tagged = singleTag.find((o) => o.value === stored && !sec.tags.includes(o.tags[0]!));
  if (tagged) return `other tag: us-gaap:${tagged.tags[0]} gives ${exactMillions(stored)}`;
  const step = ROUNDING_STEPS.find(
    (step) =>
      stored % step === 0 &&
      Math.abs(stored - sec.value) <= step / 2 &&
      Math.abs(stored - sec.value) <= Math.abs(sec.value) * ROUNDING_TOLERANCE,
  );
  if (step) return `rounded source: ${exactMillions(sec.value)} rounded to the nearest ${step.toLocaleString("en-US")}`;
  return null;
}
