// What the dashboard said then: the figures as they stood at any data version, read from the
// revisions (nothing is rewritten or copied), the thesis and killer-app watch of that version, the
// verdict of every version, and what changed between two.
import { and, asc, inArray, type SQL } from "drizzle-orm";
import { writeCsv } from "../csv/writeCsv.ts";
import type { Store } from "../db/client.ts";
import { observationRevisions, uploads } from "../db/schema.ts";
import { inputFilters } from "../domain/inputs.ts";
import type { FlagStatus } from "../domain/killerAppFlag.ts";
import { APP_METRICS, chartedFigures, type KillerAppParams, killerAppWatch } from "../domain/killerApps.ts";
import type { AsOf, ScenarioParams } from "../domain/parameters.ts";
import { computeScenarios, scenarioInputs } from "../domain/scenarios.ts";
import type { Headline } from "../domain/scorecard.ts";
import { computeThesis, type Thesis, type ThesisParams } from "../domain/thesis.ts";
import {
  type DataVersionEntry,
  dataVersions,
  type FigureDelta,
  figureChanges,
  figuresAsOf,
  type NumberChange,
  type StatusVintage,
  statusVintages,
  thesisChanges,
  type VintageFigure,
  versionAt,
} from "../domain/vintages.ts";
import { changesTable } from "../domain/vintageTables.ts";
import { BadRequestError } from "../errors.ts";
import { type AnswerKind, answer, answerInTurn, type CachedAnswer, cached } from "./cachedAnswer.ts";
import { computeInTurn } from "./computeInTurn.ts";
import { getDataVersion } from "./getDataVersion.ts";
import { appsOf, type KillerApps } from "./getKillerApps.ts";
import { type Scenarios, scenarioThesisParams } from "./getScenarios.ts";
import { withAiApps } from "./getThesis.ts";
import type { ListedObservation, ObservationFilter } from "./listObservations.ts";

/** Byte order, as SQLite's default collation sorts the current figures. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every data version with the upload entry that made it, oldest first. */
export function listVersions({ db }: Store): DataVersionEntry[] {
  return dataVersions(
    db
      .select({
        id: uploads.id,
        kind: uploads.kind,
        createdAt: uploads.createdAt,
        fileName: uploads.fileName,
        tokenName: uploads.tokenName,
        inserted: uploads.inserted,
        updated: uploads.updated,
        deleted: uploads.deleted,
      })
      .from(uploads)
      .orderBy(asc(uploads.id))
      .all(),
  );
}

/** The data version `asOf` names: checked against the versions there are (400 naming asOf otherwise). */
export function resolveAsOf(store: Store, asOf: AsOf): DataVersionEntry {
  const versions = listVersions(store);
  const version = "version" in asOf ? asOf.version : versionAt(versions, asOf.date);
  const entry = versions[version - 1];
  if (!entry) {
    const latest = getDataVersion(store).version;
    const message =
      "date" in asOf
        ? `no data version was committed by ${asOf.date}`
        : `there is no data version ${asOf.version}: the latest is ${latest}`;
    throw new BadRequestError(`Invalid query parameter: asOf (${message})`, [{ parameter: "asOf", message }]);
  }
  return entry;
}

/** The figures of some entities and metrics as they stood after an upload, from their revisions. */
function figuresAt(
  store: Store,
  uploadId: number,
  filters: { entities?: readonly string[]; metrics: readonly string[] }[],
): VintageFigure[] {
  return filters.flatMap(({ entities, metrics }) => {
    const conditions: SQL[] = [inArray(observationRevisions.metric, [...metrics])];
    if (entities) conditions.push(inArray(observationRevisions.entity, [...entities]));
    const revisions = store.db
      .select()
      .from(observationRevisions)
      .where(and(...conditions))
      .orderBy(asc(observationRevisions.id))
      .all();
    return figuresAsOf(revisions, uploadId);
  });
}

/** Every figure as it stood after an upload. */
function allFiguresAt(store: Store, uploadId: number): VintageFigure[] {
  return figuresAsOf(store.db.select().from(observationRevisions).orderBy(asc(observationRevisions.id)).all(), uploadId);
}

type AsOfParams<P> = P & { asOfVersion: number };

/** A period's place among quarters, as /api/observations filters them: a fiscal year at its year's Q4. */
const sortQuarter = (period: string) => (period.endsWith("-FY") ? `${period.slice(0, 4)}-Q4` : period);

/** `/api/observations?asOf=`: the figures of a filter as they stood at a version, in the same order and shape. */
const OBSERVATIONS_AS_OF: AnswerKind<AsOfParams<ObservationFilter>, { count: number; observations: ListedObservation[] }> = {
  name: "observations-asof",
  versionOf: (params) => params.asOfVersion,
  compute(store, { asOfVersion, entities, metrics, from, to }) {
    const entry = resolveAsOf(store, { version: asOfVersion });
    const figures = metrics?.length
      ? figuresAt(store, entry.uploadId, [{ entities: entities?.length ? entities : undefined, metrics }])
      : allFiguresAt(store, entry.uploadId).filter((f) => !entities?.length || entities.includes(f.entity));
    const observations = figures
      .filter((f) => (!from || sortQuarter(f.period) >= from) && (!to || sortQuarter(f.period) <= to))
      .sort(
        (a, b) =>
          compareText(a.entity, b.entity) ||
          compareText(a.metric, b.metric) ||
          compareText(a.periodEnd, b.periodEnd) ||
          compareText(a.period, b.period),
      )
      .map(({ identity: _identity, uploadId: _uploadId, ...figure }) => figure as ListedObservation);
    return { dataVersion: entry.version, answer: { count: observations.length, observations } };
  },
};

export function observationsAsOf(store: Store, filter: ObservationFilter, asOf: AsOf) {
  const { version } = resolveAsOf(store, asOf);
  return answerInTurn(store, OBSERVATIONS_AS_OF, { ...filter, asOfVersion: version });
}

/** The same for the observations export: the figures and the version they are of. */
export function observationsExportAsOf(store: Store, filter: ObservationFilter, asOf: AsOf) {
  const { version } = resolveAsOf(store, asOf);
  return answer(store, OBSERVATIONS_AS_OF, { ...filter, asOfVersion: version }).answer;
}

/** The scenarios projected from the thesis as the data stood at a version. */
const SCENARIOS_AS_OF: AnswerKind<AsOfParams<ScenarioParams>, Scenarios> = {
  name: "scenarios-asof",
  versionOf: (params) => params.asOfVersion,
  compute(store, { asOfVersion, ...params }) {
    const { answer: thesis } = answer(store, THESIS_AS_OF, { ...withAiApps(store, scenarioThesisParams(params)), asOfVersion });
    return { dataVersion: thesis.dataVersion, answer: { params, ...computeScenarios(scenarioInputs(thesis), params) } };
  },
};

export function scenariosAsOf(store: Store, params: ScenarioParams, asOf: AsOf): Promise<CachedAnswer<Scenarios>> {
  const { version } = resolveAsOf(store, asOf);
  return answerInTurn(store, SCENARIOS_AS_OF, { ...params, asOfVersion: version });
}

/** The same for the scenarios export, with the figures of the thesis it read. */
export function scenariosExportAsOf(
  store: Store,
  params: ScenarioParams,
  asOf: AsOf,
): { scenarios: Scenarios & { dataVersion: number }; thesis: Thesis; figures: VintageFigure[] } {
  const entry = resolveAsOf(store, asOf);
  const { answer: scenarios } = answer(store, SCENARIOS_AS_OF, { ...params, asOfVersion: entry.version });
  const thesisParams = withAiApps(store, scenarioThesisParams(params));
  const { answer: thesis } = answer(store, THESIS_AS_OF, { ...thesisParams, asOfVersion: entry.version });
  return { scenarios, thesis, figures: figuresAt(store, entry.uploadId, inputFilters(thesisParams)) };
}

/** The thesis as the data stood at a version (its own ETag: `thesis-asof-<version>-...`). */
const THESIS_AS_OF: AnswerKind<AsOfParams<ThesisParams>, Thesis> = {
  name: "thesis-asof",
  versionOf: (params) => params.asOfVersion,
  compute(store, { asOfVersion, ...params }) {
    const entry = resolveAsOf(store, { version: asOfVersion });
    return { dataVersion: entry.version, answer: computeThesis(figuresAt(store, entry.uploadId, inputFilters(params)), params) };
  },
};

export function thesisAsOf(store: Store, params: ThesisParams, asOf: AsOf): Promise<CachedAnswer<Thesis>> {
  const { version } = resolveAsOf(store, asOf);
  return answerInTurn(store, THESIS_AS_OF, { ...withAiApps(store, params), asOfVersion: version });
}

/** For an export as of a version: the thesis then, and the figures it read then (its sources). */
export function thesisExportAsOf(
  store: Store,
  params: ThesisParams,
  asOf: AsOf,
): { thesis: Thesis & { dataVersion: number }; figures: VintageFigure[] } {
  const entry = resolveAsOf(store, asOf);
  const withApps = withAiApps(store, params);
  const { answer: thesis } = answer(store, THESIS_AS_OF, { ...withApps, asOfVersion: entry.version });
  return { thesis, figures: figuresAt(store, entry.uploadId, inputFilters(withApps)) };
}

/** The same for the killer-app table. */
export function killerAppsExportAsOf(
  store: Store,
  params: KillerAppParams,
  asOf: AsOf,
): { watch: KillerApps & { dataVersion: number }; figures: VintageFigure[] } {
  const entry = resolveAsOf(store, asOf);
  const { answer: watch } = answer(store, KILLER_APPS_AS_OF, { ...params, asOfVersion: entry.version });
  const apps = [...watch.apps.map((v) => v.app.id), ...watch.yardsticks.map((y) => y.id)];
  return { watch, figures: figuresAt(store, entry.uploadId, [{ entities: apps, metrics: APP_METRICS }]) };
}

const KILLER_APPS_AS_OF: AnswerKind<AsOfParams<KillerAppParams>, KillerApps> = {
  name: "killer-apps-asof",
  versionOf: (params) => params.asOfVersion,
  compute(store, { asOfVersion, ...params }) {
    const entry = resolveAsOf(store, { version: asOfVersion });
    // The catalog (names, launch dates) is today's: figures are what have vintages.
    const apps = appsOf(store);
    const figures = figuresAt(store, entry.uploadId, [{ entities: apps.map((a) => a.id), metrics: APP_METRICS }]);
    const watch = killerAppWatch(figures, apps, params);
    const drawn = new Set([...watch.apps.map((v) => v.app.id), ...watch.yardsticks.map((y) => y.id)]);
    return {
      dataVersion: entry.version,
      answer: {
        ...watch,
        figures: chartedFigures(
          figures,
          apps.filter((a) => drawn.has(a.id)),
        ),
      },
    };
  },
};

export function killerAppsAsOf(store: Store, params: KillerAppParams, asOf: AsOf): Promise<CachedAnswer<KillerApps>> {
  const { version } = resolveAsOf(store, asOf);
  return answerInTurn(store, KILLER_APPS_AS_OF, { ...params, asOfVersion: version });
}

/** One data version's verdict: what the dashboard said right after it was committed. */
export interface VersionVerdict extends DataVersionEntry {
  flag: { quarter: string | null; status: string; streak: number; explanation: string };
  killerApps: { verdict: string; killerApps: string[] };
  headline: Headline | null;
}

export interface History {
  versions: VersionVerdict[];
  /** Each quarter's flag as first published beside today's. */
  quarters: StatusVintage[];
}

/** One version's verdict and its quarters' flags, as the history reads them. */
interface VersionSummary {
  verdict: VersionVerdict;
  quarters: { quarter: string; flag: { status: FlagStatus } }[];
}

/**
 * A committed version's figures never change, so its summary is computed once per (upload,
 * parameters, catalog of apps) and kept: a new upload adds one thesis to the history, not one per
 * version. Bounded, as every cache here: past the bound it starts again.
 */
const summariesByStore = new WeakMap<Store, Map<string, VersionSummary>>();
const MAX_SUMMARIES = 20_000;

function summaryKey(store: Store, entry: DataVersionEntry, params: ThesisParams): string {
  const apps = appsOf(store).map((a) => [a.id, a.launched]);
  return JSON.stringify([entry.version, entry.uploadId, params, apps]);
}

function versionSummary(store: Store, entry: DataVersionEntry, params: ThesisParams): VersionSummary {
  let summaries = summariesByStore.get(store);
  if (!summaries) {
    summaries = new Map();
    summariesByStore.set(store, summaries);
  }
  const key = summaryKey(store, entry, params);
  const known = summaries.get(key);
  if (known) return known;
  const apps = appsOf(store);
  const thesis = computeThesis(figuresAt(store, entry.uploadId, inputFilters(params)), params);
  const watch = killerAppWatch(figuresAt(store, entry.uploadId, [{ entities: apps.map((a) => a.id), metrics: APP_METRICS }]), apps, {
    apps: null,
    yardsticks: null,
    minMinutes: 60,
  });
  const s = thesis.scorecard;
  const summary: VersionSummary = {
    verdict: {
      ...entry,
      flag:
        s.status === "unknown"
          ? { quarter: null, status: "unknown", streak: 0, explanation: s.explanation }
          : { quarter: s.quarter, status: s.status, streak: s.streak, explanation: s.explanation },
      killerApps: { verdict: watch.verdict, killerApps: watch.killerApps },
      headline: s.status === "unknown" ? null : s.headline,
    },
    quarters: thesis.quarters.map((q) => ({ quarter: q.quarter, flag: { status: q.flag.status } })),
  };
  if (summaries.size >= MAX_SUMMARIES) summaries.clear();
  summaries.set(key, summary);
  return summary;
}

/** The verdict of every version with the default parameters, and each quarter's flag then and now. */
const HISTORY: AnswerKind<ThesisParams, History> = {
  name: "history",
  compute(store, params) {
    const summaries = listVersions(store).map((entry) => versionSummary(store, entry, params));
    return {
      dataVersion: getDataVersion(store).version,
      answer: {
        versions: summaries.map((v) => v.verdict),
        quarters: statusVintages(
          summaries.map(({ verdict, quarters }) => ({ version: verdict.version, date: verdict.createdAt, quarters })),
        ),
      },
    };
  },
};

/**
 * The history, each version not yet summarized in its own turn first: a long history computed
 * after a restart holds the event loop for one thesis at a time, not for all of them.
 */
export async function historyInTurn(store: Store, params: ThesisParams): Promise<CachedAnswer<History>> {
  const withApps = withAiApps(store, params);
  const hit = cached(store, HISTORY, withApps);
  if (hit) return hit;
  for (const entry of listVersions(store)) await computeInTurn(() => versionSummary(store, entry, withApps));
  return answerInTurn(store, HISTORY, withApps);
}

export interface Changes {
  from: DataVersionEntry | null;
  to: DataVersionEntry;
  /** The uploads between them, each with its figures' changes. */
  uploads: DataVersionEntry[];
  figures: FigureDelta[];
  /** The derived numbers (scorecard, flags) that changed because of them, with the default parameters. */
  numbers: NumberChange[];
}

/** Everything that changed from version `from` (0: before any data) to `to` (default: the latest). */
const CHANGES: AnswerKind<{ from: number; to: number; params: ThesisParams }, Changes> = {
  name: "changes",
  versionOf: ({ to }) => to,
  compute(store, { from, to, params }) {
    const versions = listVersions(store);
    const [before, after] = [from === 0 ? null : versions[from - 1], versions[to - 1]];
    if (!after || (from > 0 && !before))
      throw new BadRequestError("Invalid query parameters: from, to", [{ parameter: "to", message: "no such data version" }]);
    const beforeUpload = before?.uploadId ?? 0;
    const thesisAt = (uploadId: number) => computeThesis(figuresAt(store, uploadId, inputFilters(params)), params);
    return {
      dataVersion: after.version,
      answer: {
        from: before ?? null,
        to: after,
        uploads: versions.slice(from, to),
        figures: figureChanges(allFiguresAt(store, beforeUpload), allFiguresAt(store, after.uploadId)),
        numbers: thesisChanges(thesisAt(beforeUpload), thesisAt(after.uploadId)),
      },
    };
  },
};

export function changesInTurn(
  store: Store,
  params: ThesisParams,
  range: { from: number; to: number | null },
): Promise<CachedAnswer<Changes>> {
  const latest = getDataVersion(store).version;
  const to = range.to ?? latest;
  if (range.from >= to) {
    const message = `must be after from (${range.from}); the latest data version is ${latest}`;
    throw new BadRequestError(`Invalid query parameter: to (${message})`, [{ parameter: "to", message }]);
  }
  if (to > latest) {
    const message = `there is no data version ${to}: the latest is ${latest}`;
    throw new BadRequestError(`Invalid query parameter: to (${message})`, [{ parameter: "to", message }]);
  }
  return answerInTurn(store, CHANGES, { from: range.from, to, params: withAiApps(store, params) });
}

/** The figures that changed between two versions, as a CSV file. */
export async function changesCsv(store: Store, params: ThesisParams, range: { from: number; to: number | null }) {
  const { answer: changes } = await changesInTurn(store, params, range);
  const table = changesTable(changes);
  return {
    fileName: `ai-capex-changes-v${changes.from?.version ?? 0}-v${changes.to.version}.csv`,
    body: writeCsv(table.columns, table.rows),
  };
}
