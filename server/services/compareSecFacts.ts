// The stored figures against the SEC's, for `npm run sec -- compare`.
import type { Store } from "../db/client.ts";
import type { CompanyFacts } from "../domain/sec/companyFacts.ts";
import { compareWithSec, type SecComparison, secAlternatives } from "../domain/sec/compare.ts";
import { companyObservations, type Vintage } from "../domain/sec/observations.ts";
import { storedFigures } from "./storedFigures.ts";

export function compareSecFacts(
  store: Store,
  companies: readonly CompanyFacts[],
  options: { vintage: Vintage; from?: string },
): SecComparison {
  const observations = companies.flatMap((facts) => companyObservations(facts, options));
  const alternatives = companies.map((facts) => secAlternatives(facts, options.vintage));
  return compareWithSec(storedFigures(store, observations), observations, {
    otherVintage: alternatives.flatMap((a) => a.otherVintage),
    singleTag: alternatives.flatMap((a) => a.singleTag),
  });
}
