// The stored figures against the SEC's, for `npm run sec -- compare`.
import type { Store } from "../db/client.ts";
import { compareWithSec, type SecComparison, type SecReadings } from "../domain/sec/compare.ts";
import { storedFigures } from "./storedFigures.ts";

export async function compareSecFacts(store: Store, readings: SecReadings): Promise<SecComparison> {
  return compareWithSec(await storedFigures(store, readings.observations), readings);
}
