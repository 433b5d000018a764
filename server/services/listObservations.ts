// Observations filtered by entity, metric and quarter range, in a stable order.
import { and, asc, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { observations } from "../db/schema.ts";
import { type AnswerKind, answerInTurn } from "./cachedAnswer.ts";
import { getDataVersion } from "./getDataVersion.ts";

export interface ObservationFilter {
  entities?: string[];
  metrics?: string[];
  /** Inclusive quarter bounds as `YYYY-Qn`; a fiscal-year row counts at its year's Q4. */
  from?: string;
  to?: string;
}

const sortQuarter = sql<string>`case when ${observations.period} like '%-FY' then substr(${observations.period}, 1, 4) || '-Q4' else ${observations.period} end`;

export type ListedObservation = ReturnType<typeof listObservations>[number];

export function listObservations({ db }: Store, filter: ObservationFilter) {
  const conditions: SQL[] = [];
  if (filter.entities?.length) conditions.push(inArray(observations.entity, filter.entities));
  if (filter.metrics?.length) conditions.push(inArray(observations.metric, filter.metrics));
  if (filter.from) conditions.push(gte(sortQuarter, filter.from));
  if (filter.to) conditions.push(lte(sortQuarter, filter.to));
  return db
    .select({
      entity: observations.entity,
      metric: observations.metric,
      period: observations.period,
      periodEnd: observations.periodEnd,
      fiscalLabel: observations.fiscalLabel,
      value: observations.value,
      unit: observations.unit,
      basis: observations.basis,
      source: observations.source,
      note: observations.note,
    })
    .from(observations)
    .where(and(...conditions))
    .orderBy(asc(observations.entity), asc(observations.metric), asc(observations.periodEnd), asc(observations.period))
    .all();
}

const OBSERVATIONS: AnswerKind<ObservationFilter, { count: number; observations: ReturnType<typeof listObservations> }> = {
  name: "observations",
  compute: (store, filter) =>
    store.sqlite.transaction(() => {
      const observations = listObservations(store, filter);
      return { dataVersion: getDataVersion(store).version, answer: { count: observations.length, observations } };
    })(),
};

/** `/api/observations`: the figures of a filter, cached per data version and filter like the thesis. */
export const observationsInTurn = (store: Store, filter: ObservationFilter) => answerInTurn(store, OBSERVATIONS, filter);
