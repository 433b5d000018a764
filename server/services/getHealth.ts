// What the database holds: how many figures, which data version, and how recent each metric is:
// its latest quarter, each entity's (one company's new quarter is not yet the series'), and, for
// figures cited to SEC filings, the date of the latest filing behind it.
import { sql } from "drizzle-orm";
import type { Store } from "../db/client.ts";
import { select, selectOne } from "../db/query.ts";
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

export async function getHealth(store: Store): Promise<Health> {
  const { observations } = store.tables;
  const latestQuarterOf = sql<string | null>`max(case when ${observations.period} like '%-Q_' then ${observations.period} end)`;
  const [latest, byEntity, filings, count, dataVersion] = await Promise.all([
    select(
      store,
      {
        metric: observations.metric,
        observations: sql<number>`cast(count(*) as integer)`,
        latestQuarter: latestQuarterOf,
        latestPeriodEnd: sql<string>`max(${observations.periodEnd})`,
      },
      sql`from ${observations} group by ${observations.metric} order by ${observations.metric}`,
    ),
    select(
      store,
      {
        metric: observations.metric,
        entity: observations.entity,
        latestQuarter: latestQuarterOf,
        latestPeriodEnd: sql<string>`max(${observations.periodEnd})`,
      },
      sql`from ${observations} group by ${observations.metric}, ${observations.entity} order by ${observations.metric}, ${observations.entity}`,
    ),
    latestFilings(store),
    countObservations(store),
    getDataVersion(store),
  ]);
  return {
    status: "ok",
    observations: count,
    dataVersion,
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
async function latestFilings(store: Store): Promise<Map<string, string>> {
  const { observations } = store.tables;
  const cited = await select(
    store,
    { metric: observations.metric, note: observations.note },
    sql`from ${observations} where substr(${observations.note}, 1, ${SEC_NOTE_PREFIX.length}) = ${SEC_NOTE_PREFIX}`,
  );
  const latest = new Map<string, string>();
  for (const { metric, note } of cited) {
    const filed = filingDateOfNote(note);
    if (filed && filed > (latest.get(metric) ?? "")) latest.set(metric, filed);
  }
  return latest;
}

export async function countObservations(store: Store): Promise<number> {
  const { observations } = store.tables;
  return (await selectOne(store, { n: sql<number>`cast(count(*) as integer)` }, sql`from ${observations}`))?.n ?? 0;
}
