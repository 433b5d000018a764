// The killer-app watch for a set of parameters, computed once per (data version, parameters), with
// every figure the charts draw.
import type { Store } from "../db/client.ts";
import { readSnapshot } from "../db/query.ts";
import {
  APP_METRICS,
  type App,
  type ChartedFigure,
  chartedFigures,
  type KillerAppParams,
  type KillerAppWatch,
  killerAppWatch,
} from "../domain/killerApps.ts";
import { type AnswerKind, answer, answerInTurn, type CachedAnswer } from "./cachedAnswer.ts";
import { getDataVersion } from "./getDataVersion.ts";
import { listObservations } from "./listObservations.ts";
import { loadCatalog } from "./loadCatalog.ts";

export type KillerApps = KillerAppWatch & { figures: ChartedFigure[] };

/** Every entity with a launch date: the apps. */
export async function appsOf(store: Store): Promise<App[]> {
  return [...(await loadCatalog(store)).entities.values()].flatMap((e) =>
    e.launched ? [{ id: e.id, name: e.name, group: e.group, launched: e.launched }] : [],
  );
}

const KILLER_APPS: AnswerKind<KillerAppParams, KillerApps> = {
  name: "killer-apps",
  compute: (store, params) =>
    readSnapshot(store, async (snapshot) => {
      const apps = await appsOf(snapshot);
      const observations = await listObservations(snapshot, { entities: apps.map((app) => app.id), metrics: [...APP_METRICS] });
      const watch = killerAppWatch(observations, apps, params);
      const drawn = new Set([...watch.apps.map((v) => v.app.id), ...watch.yardsticks.map((y) => y.id)]);
      return {
        dataVersion: (await getDataVersion(snapshot)).version,
        answer: {
          ...watch,
          figures: chartedFigures(
            observations,
            apps.filter((app) => drawn.has(app.id)),
          ),
        },
      };
    }),
};

export const getKillerApps = (store: Store, params: KillerAppParams): Promise<CachedAnswer<KillerApps>> =>
  answer(store, KILLER_APPS, params);

export const killerAppsInTurn = (store: Store, params: KillerAppParams): Promise<CachedAnswer<KillerApps>> =>
  answerInTurn(store, KILLER_APPS, params);
