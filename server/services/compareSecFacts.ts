// The stored figures against the SEC's, for `npm run sec -- compare`.
import type { Store } from "../db/client.ts";
import { compareWithSec, type SecComparison, type SecReadings } from "../domain/sec/compare.ts";
import { storedFigures } from "./storedFigures.ts";

export function compareSecFacts(store: Store, readings: SecReadings): SecComparison {
  return compareWithSec(storedFigures(store, readings.observations), readings);
}
