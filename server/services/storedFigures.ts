// The stored figures of the entities and metrics some SEC observations are about, by their identity.
import type { Store } from "../db/client.ts";
import type { StoredFigure } from "../domain/sec/compare.ts";
import { type SecObservation, secKey } from "../domain/sec/observations.ts";
import { listObservations } from "./listObservations.ts";

export async function storedFigures(store: Store, observations: readonly SecObservation[]): Promise<Map<string, StoredFigure>> {
  if (observations.length === 0) return new Map();
  const figures = await listObservations(store, {
    entities: [...new Set(observations.map((o) => o.entity))],
    metrics: [...new Set(observations.map((o) => o.metric))],
  });
  return new Map(figures.map((figure) => [secKey(figure), figure]));
}
