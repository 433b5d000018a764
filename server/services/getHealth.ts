// What the database holds: how many figures, which data version, and how recent each metric is.
import { count, sql } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { observations } from "../db/schema.ts";
import { type DataVersion, getDataVersion } from "./getDataVersion.ts";

export interface Health {
  status: "ok";
  observations: number;
  dataVersion: DataVersion;
  latest: { metric: string; observations: number; latestQuarter: string | null; latestPeriodEnd: string }[];
}

export function getHealth(store: Store): Health {
  const { db } = store;
  const latest = db
    .select({
      metric: observations.metric,
      observations: sql<number>`count(*)`,
      latestQuarter: sql<string | null>`max(case when ${observations.period} like '%-Q_' then ${observations.period} end)`,
      latestPeriodEnd: sql<string>`max(${observations.periodEnd})`,
    })
    .from(observations)
    .groupBy(observations.metric)
    .orderBy(observations.metric)
    .all();
  return {
    status: "ok",
    observations: countObservations(store),
    dataVersion: getDataVersion(store),
    latest,
  };
}

export function countObservations({ db }: Store): number {
  return db.select({ n: count() }).from(observations).get()?.n ?? 0;
}
