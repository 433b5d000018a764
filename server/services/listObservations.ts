// Observations filtered by entity, metric and quarter range, in a stable order.
import { and, asc, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { readSnapshot, select } from "../db/query.ts";
import { type AnswerKind, answerInTurn } from "./cachedAnswer.ts";
import { getDataVersion } from "./getDataVersion.ts";

export interface ObservationFilter {
  entities?: string[];
  metrics?: string[];
  /** Inclusive quarter bounds as `YYYY-Qn`; a fiscal-year row counts at its year's Q4. */
  from?: string;
  to?: string;
}

export type ListedObservation = Awaited<ReturnType<typeof listObservations>>[number];

export function listObservations(store: Store, filter: ObservationFilter) {
  const { observations } = store.tables;
  const sortQuarter = sql<string>`case when ${observations.period} like '%-FY' then substr(${observations.period}, 1, 4) || '-Q4' else ${observations.period} end`;
  const conditions: SQL[] = [];
  if (filter.entities?.length) conditions.push(inArray(observations.entity, filter.entities));
  if (filter.metrics?.length) conditions.push(inArray(observations.metric, filter.metrics));
  if (filter.from) conditions.push(gte(sortQuarter, filter.from));
  if (filter.to) conditions.push(lte(sortQuarter, filter.to));
  return select(
    store,
    {
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
    },
    sql`from ${observations} ${conditions.length > 0 ? sql`where ${and(...conditions)}` : sql``}
      order by ${asc(observations.entity)}, ${asc(observations.metric)}, ${asc(observations.periodEnd)}, ${asc(observations.period)}`,
  );
}

const OBSERVATIONS: AnswerKind<ObservationFilter, { count: number; observations: Awaited<ReturnType<typeof listObservations>> }> = {
  name: "observations",
  compute: (store, filter) =>
    readSnapshot(store, async (snapshot) => {
      const observations = await listObservations(snapshot, filter);
      return { dataVersion: (await getDataVersion(snapshot)).version, answer: { count: observations.length, observations } };
    }),
};

/** `/api/observations`: the figures of a filter, cached per data version and filter like the thesis. */
export const observationsInTurn = (store: Store, filter: ObservationFilter) => answerInTurn(store, OBSERVATIONS, filter);
