// The query parameters of the thesis and of the observations, shared by their JSON routes, the
// exports and the export CLI, so every way in accepts and rejects the same input.
import { z } from "zod";
import type { Store } from "../db/client.ts";
import { DEFAULT_THESIS_PARAMS, type ThesisParams } from "../domain/thesis.ts";
import type { ObservationFilter } from "../services/listObservations.ts";
import { loadCatalog } from "../services/loadCatalog.ts";
import { idListParam, quarterParam, quarterRangeInOrder } from "./validate.ts";

/** `/api/thesis` parameters -> ThesisParams, the defaults filled in. */
export const thesisQuery = (store: Store) => {
  const entities = () => loadCatalog(store).entities;
  return z
    .object({
      companies: idListParam(entities, "entity").optional(),
      aiRevenue: idListParam(entities, "entity").optional(),
      from: quarterParam.optional(),
      to: quarterParam.optional(),
      carryForwardDays: z.coerce.number().int("expected a whole number of days").min(0).max(3660).optional(),
      lookback: z.coerce.number().int("expected a whole number of quarters").min(1).max(40).optional(),
      gpuShare: z.coerce.number().gt(0).max(1).optional(),
      margin: z.coerce.number().min(0).lt(1).optional(),
    })
    .strict()
    .refine(quarterRangeInOrder, { path: ["to"], message: "must not be before from" })
    .transform(
      (input): ThesisParams => ({
        ...DEFAULT_THESIS_PARAMS,
        ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
      }),
    );
};

/** `/api/observations` parameters -> the filter of listObservations. */
export const observationQuery = (store: Store) =>
  z
    .object({
      entity: idListParam(() => loadCatalog(store).entities, "entity").optional(),
      metric: idListParam(() => loadCatalog(store).metrics, "metric").optional(),
      from: quarterParam.optional(),
      to: quarterParam.optional(),
    })
    .strict()
    .refine(quarterRangeInOrder, { path: ["to"], message: "must not be before from" })
    .transform(({ entity, metric, from, to }): ObservationFilter => ({ entities: entity, metrics: metric, from, to }));
