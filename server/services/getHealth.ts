// What the database holds: how many figures, which data version, and how recent each metric is:
// its latest quarter, each entity's (one company's new quarter is not yet the series'), and, for
// figures cited to SEC filings, the date of the latest filing behind it.
import { count, sql } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { observations } from "../db/schema.ts";
import { filingDateOfNote, SEC_NOTE_PREFIX } from "../domain/sec/observations.ts";
import { type DataVersion, getDataVersion } from "./getDataVersion.ts";

export interface Health {
  status: "ok";
  observations: number;
  dataVersion: DataVersion;
  latest: {
    metric: string;
    observations: number;
    latestQuarter: string | null;
    latestPeriodEnd: string;
    latestFiling: string | null;
    entities: EntityLatest[];
  }[];
}

export interface EntityLatest {
  entity: string;
  latestQuarter: string | null;
  latestPeriodEnd: string;
}

const latestQuarterOf = sql<string | null>`max(case when ${observations.period} like '%-Q_' then ${observations.period} end)`;

export function getHealth(store: Store): Health {
  const { db } = store;
  const latest = db
    .select({
      metric: observations.metric,
      observations: sql<number>`count(*)`,
      latestQuarter: latestQuarterOf,
      latestPeriodEnd: sql<string>`max(${observations.periodEnd})`,
    })
    .from(observations)
    .groupBy(observations.metric)
    .orderBy(observations.metric)
    .all();
  const byEntity = db
    .select({
      metric: observations.metric,
      entity: observations.entity,
      latestQuarter: latestQuarterOf,
      latestPeriodEnd: sql<string>`max(${observations.periodEnd})`,
    })
    .from(observations)
    .groupBy(observations.metric, observations.entity)
    .orderBy(observations.metric, observations.entity)
    .all();
  const filings = latestFilings(store);
  return {
    status: "ok",
    observations: countObservations(store),
    dataVersion: getDataVersion(store),
    latest: latest.map((row) => ({
      ...row,
      latestFiling: filings.get(row.metric) ?? null,
      entities: byEntity
        .filter((e) => e.metric === row.metric)
        .map(({ entity, latestQuarter, latestPeriodEnd }) => ({ entity, latestQuarter, latestPeriodEnd })),
    })),
  };
}

/** Per metric, the latest filing date the notes of SEC-cited figures give. */
function latestFilings({ db }: Store): Map<string, string> {
  const cited = db
    .select({ metric: observations.metric, note: observations.note })
    .from(observations)
    .where(sql`substr(${observations.note}, 1, ${SEC_NOTE_PREFIX.length}) = ${SEC_NOTE_PREFIX}`)
    .all();
  const latest = new Map<string, string>();
  for (const { metric, note } of cited) {
    const filed = filingDateOfNote(note);
    if (filed && filed > (latest.get(metric) ?? "")) latest.set(metric, filed);
  }
  return latest;
}

export function countObservations({ db }: Store): number {
  return db.select({ n: count() }).from(observations).get()?.n ?? 0;
}
