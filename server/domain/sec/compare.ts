// The SEC's figures beside the stored ones: every figure both hold whose values differ, why where it
// shows (a rounded source, the other vintage, another tag), and the periods the store lacks.
import { exactMillions } from "../format.ts";
import type { Figure } from "../revisions.ts";
import { SEC_METRICS } from "./companies.ts";
import { type CompanyFacts, tagsOf } from "./companyFacts.ts";
import { companyObservations, type SecObservation, secKey, secObservations, type Vintage } from "./observations.ts";

export interface StoredFigure extends Figure {
  entity: string;
  metric: string;
}

/** The observations of some companies, and what the same facts say otherwise, to explain a difference. */
export interface SecReadings {
  observations: SecObservation[];
  /** The same periods in the other vintage. */
  otherVintage: ReadonlyMap<string, SecObservation>;
  /** The same periods read from one tag alone, for each tag. */
  singleTag: ReadonlyMap<string, SecObservation[]>;
}

export interface SecDifference {
  stored: StoredFigure;
  sec: SecObservation;
  /** SEC minus stored, USD millions. */
  difference: number;
  /** Why they differ where it shows; null when unknown. */
  reason: string | null;
}

export interface SecComparison {
  /** Figures both hold. */
  compared: number;
  differences: SecDifference[];
  /** Per entity and metric, the periods the SEC gives and the store lacks, in order. */
  missing: { entity: string; metric: string; periods: string[] }[];
}

export function secReadings(companies: readonly CompanyFacts[], { vintage, from }: { vintage: Vintage; from?: string }): SecReadings {
  const other: Vintage = vintage === "latest" ? "original" : "latest";
  const singleTag = new Map<string, SecObservation[]>();
  for (const facts of companies) {
    for (const metric of SEC_METRICS) {
      for (const tag of tagsOf(facts.company, metric)) {
        for (const o of secObservations(facts, metric, { vintage, tag }))
          singleTag.set(secKey(o), [...(singleTag.get(secKey(o)) ?? []), o]);
      }
    }
  }
  return {
    observations: companies.flatMap((facts) => companyObservations(facts, { vintage, from })),
    otherVintage: new Map(companies.flatMap((facts) => companyObservations(facts, { vintage: other })).map((o) => [secKey(o), o])),
    singleTag,
  };
}

export function compareWithSec(stored: ReadonlyMap<string, StoredFigure>, readings: SecReadings): SecComparison {
  const differences: SecDifference[] = [];
  const missing = new Map<string, { entity: string; metric: string; periods: string[] }>();
  let compared = 0;
  for (const observation of readings.observations) {
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
      stored: figure,
      sec: observation,
      difference: differenceOf(figure.value, observation),
      reason: whyDifferent(figure.value, observation, readings),
    });
  }
  return { compared, differences, missing: [...missing.values()] };
}

/** SEC minus stored, free of the binary fractions a subtraction of decimals leaves (0.1 - 0.3). */
export const differenceOf = (stored: number, sec: SecObservation) => Number((sec.value - stored).toPrecision(15));

/** Press figures round to a hundredth, a tenth or a whole of a billion (USD millions: 10, 100, 1,000). */
const ROUNDING_STEPS = [10, 100, 1000];
const ROUNDING_TOLERANCE = 0.01;

/** Why a stored value differs from the SEC's, where the facts show it: the other vintage, another tag, a rounded source. */
export function whyDifferent(stored: number, sec: SecObservation, readings: SecReadings): string | null {
  const otherVintage = readings.otherVintage.get(secKey(sec));
  if (otherVintage?.value === stored)
    return `other vintage: ${exactMillions(stored)} in the other vintage's filings (${otherVintage.source})`;
  const tagged = readings.singleTag.get(secKey(sec))?.find((o) => o.value === stored && !sec.tags.includes(o.tags[0] ?? ""));
  if (tagged) return `other tag: us-gaap:${tagged.tags[0]} gives ${exactMillions(stored)}`;
  const off = Math.abs(stored - sec.value);
  const step = ROUNDING_STEPS.find((step) => stored % step === 0 && off <= step / 2 && off <= Math.abs(sec.value) * ROUNDING_TOLERANCE);
  if (step) return `rounded source: ${exactMillions(sec.value)} rounded to the nearest ${step.toLocaleString("en-US")}`;
  return null;
}
