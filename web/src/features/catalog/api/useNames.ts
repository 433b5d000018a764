import { useMemo } from "react";
import { ID_NAMES, type Names } from "../../../lib/reasons.ts";
import { useEntities } from "./useEntities.ts";
import { useMetrics } from "./useMetrics.ts";

/** The catalog's names of entities and metrics, for sentences; ids until the catalog has loaded. */
export function useNames(): Names {
  const entities = useEntities().data;
  const metrics = useMetrics().data;
  return useMemo(() => {
    const entityNames = new Map(entities?.entities.map((e) => [e.id, e.name]));
    const metricLabels = new Map(metrics?.metrics.map((m) => [m.id, m.label]));
    return {
      entity: (id) => entityNames.get(id) ?? ID_NAMES.entity(id),
      metric: (id) => metricLabels.get(id) ?? ID_NAMES.metric(id),
    };
  }, [entities, metrics]);
}
