// The query parameters of the thesis, the scenarios and the observations as the API, the exports and the
// export CLI check them: the domain's declarations (defaults, bounds, formats), and every id looked
// up in the catalog, read per request because uploads add ids.
import type { z } from "zod";
import type { Store } from "../db/client.ts";
import {
  AS_OF_PARAMETERS,
  type AsOf,
  KILLER_APP_PARAMETERS,
  OBSERVATION_PARAMETERS,
  querySchema,
  SCENARIO_PARAMETERS,
  type ScenarioParams,
  THESIS_PARAMETERS,
} from "../domain/parameters.ts";
import { DEFAULT_THESIS_PARAMS, type ThesisParams } from "../domain/thesis.ts";
import { appsOf } from "./getKillerApps.ts";
import type { ObservationFilter } from "./listObservations.ts";
import { currentCatalog } from "./loadCatalog.ts";

type Known = ReadonlySet<string> | ReadonlyMap<string, unknown>;

/** A refinement naming the ids of `names` that the catalog does not know. */
function knownIds(checks: { name: string; what: string; known: () => Known }[]) {
  return (query: Record<string, unknown>, ctx: z.RefinementCtx) => {
    for (const { name, what, known } of checks) {
      const ids = query[name];
      if (!Array.isArray(ids)) continue;
      const catalog = known();
      const unknown = ids.filter((id) => !catalog.has(id));
      if (unknown.length > 0) ctx.addIssue({ code: "custom", path: [name], message: `unknown ${what}: ${unknown.join(", ")}` });
    }
  };
}

/** `/api/thesis` parameters -> ThesisParams, the defaults filled in. */
export const thesisQuery = (store: Store) => {
  const entities = () => currentCatalog(store).entities;
  return querySchema({ ...THESIS_PARAMETERS, ...AS_OF_PARAMETERS })
    .superRefine(
      knownIds([
        { name: "companies", what: "entity", known: entities },
        { name: "aiRevenue", what: "entity", known: entities },
      ]),
    )
    .transform(({ asOf, ...query }) => ({ params: { ...DEFAULT_THESIS_PARAMS, ...query } as ThesisParams, asOf }));
};

/** `/api/scenarios` parameters, the defaults filled in. */
export const scenarioQuery = (store: Store) => {
  const entities = () => currentCatalog(store).entities;
  return querySchema({ ...SCENARIO_PARAMETERS, ...AS_OF_PARAMETERS })
    .superRefine(
      knownIds([
        { name: "companies", what: "entity", known: entities },
        { name: "aiRevenue", what: "entity", known: entities },
      ]),
    )
    .transform(({ asOf, ...params }): { params: ScenarioParams; asOf: AsOf | null } => ({ params, asOf }));
};

/** `/api/observations` parameters -> the filter of listObservations. */
export const observationQuery = (store: Store) =>
  querySchema({ ...OBSERVATION_PARAMETERS, ...AS_OF_PARAMETERS })
    .superRefine(
      knownIds([
        { name: "entity", what: "entity", known: () => currentCatalog(store).entities },
        { name: "metric", what: "metric", known: () => currentCatalog(store).metrics },
      ]),
    )
    .transform(({ entity, metric, from, to, asOf }): { filter: ObservationFilter; asOf: AsOf | null } => ({
      filter: { entities: entity ?? undefined, metrics: metric ?? undefined, from: from ?? undefined, to: to ?? undefined },
      asOf,
    }));

/** `/api/killer-apps` parameters: every id one of the catalog's apps (an entity with a launch date). */
export const killerAppQuery = (store: Store) => {
  const apps = () => new Set(appsOf(store).map((app) => app.id));
  return querySchema({ ...KILLER_APP_PARAMETERS, ...AS_OF_PARAMETERS })
    .superRefine(
      knownIds([
        { name: "apps", what: "app", known: apps },
        { name: "yardsticks", what: "app", known: apps },
      ]),
    )
    .transform(({ asOf, ...params }) => ({ params, asOf }));
};
