// What the dashboard said then: the figures as they stood at any data version, read from the
// revisions (nothing is rewritten or copied), the thesis and killer-app watch of that version, the
// verdict of every version, and what changed between two.
import { and, asc, inArray, type SQL, sql } from "drizzle-orm";
import { writeCsv } from "../csv/writeCsv.ts";
import { databaseOf, type Store } from "../db/client.ts";
import { readSnapshot, select } from "../db/query.ts";
import { inputFilters } from "../domain/inputs.ts";
import type { FlagStatus } from "../domain/killerAppFlag.ts";
import { APP_METRICS, type App, chartedFigures, type KillerAppParams, killerAppWatch } from "../domain/killerApps.ts";
import { type AsOf, changesRangeProblem, type ScenarioParams } from "../domain/parameters.ts";
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
  type RevisionRow,
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
export async function listVersions(store: Store): Promise<DataVersionEntry[]> {
  const { uploads } = store.tables;
  return dataVersions(
    await select(
      store,
      {
        id: uploads.id,
        kind: uploads.kind,
        createdAt: uploads.createdAt,
        fileName: uploads.fileName,
        tokenName: uploads.tokenName,
        inserted: uploads.inserted,
        updated: uploads.updated,
        deleted: uploads.deleted,
      },
      sql`from ${uploads} order by ${asc(uploads.id)}`,
    ),
  );
}

/** The data version `asOf` names: checked against the versions there are (400 naming asOf otherwise). */
export async function resolveAsOf(store: Store, asOf: AsOf): Promise<DataVersionEntry> {
  const versions = await listVersions(store);
  const version = "version" in asOf ? asOf.version : versionAt(versions, asOf.date);
  const entry = versions[version - 1];
  if (!entry) {
    const latest = (await getDataVersion(store)).version;
    const message =
      "date" in asOf
        ? `no data version was committed by ${asOf.date}`
        : `there is no data version ${asOf.version}: the latest is ${latest}`;
    throw new BadRequestError(`Invalid query parameter: asOf (${message})`, [{ parameter: "asOf", message }]);
  }
  return entry;
}

type FigureFilter = { entities?: readonly string[]; metrics?: readonly string[] };

/** The revisions of some entities and metrics (every one without a filter), oldest first: read once, asked of at many versions. */
async function revisionsOf(store: Store, filters: readonly FigureFilter[]): Promise<RevisionRow[][]> {
  const r = store.tables.observationRevisions;
  const fields = {
    id: r.id,
    uploadId: r.uploadId,
    identity: r.identity,
    entity: r.entity,
    metric: r.metric,
    period: r.period,
    periodEnd: r.periodEnd,
    fiscalLabel: r.fiscalLabel,
    value: r.value,
    unit: r.unit,
    basis: r.basis,
    source: r.source,
    note: r.note,
  };
  return Promise.all(
    filters.map(({ entities, metrics }) => {
      const conditions: SQL[] = [];
      if (metrics) conditions.push(inArray(r.metric, [...metrics]));
      if (entities) conditions.push(inArray(r.entity, [...entities]));
      const where = conditions.length > 0 ? sql`where ${and(...conditions)}` : sql``;
      return select(store, fields, sql`from ${r} ${where} order by ${asc(r.id)}`);
    }),
  );
}

/** The figures those revisions give as they stood after an upload. */
const figuresAt = (revisions: readonly RevisionRow[][], uploadId: number): VintageFigure[] =>
  revisions.flatMap((some) => figuresAsOf(some, uploadId));

/** The revisions of the figures the thesis and the killer-app watch read. */
const thesisRevisions = (store: Store, params: ThesisParams) => revisionsOf(store, inputFilters(params));
const appRevisions = (store: Store, apps: readonly string[]) => revisionsOf(store, [{ entities: apps, metrics: APP_METRICS }]);

type AsOfParams<P> = P & { asOfVersion: number };

/** A period's place among quarters, as /api/observations filters them: a fiscal year at its year's Q4. */
const sortQuarter = (period: string) => (period.endsWith("-FY") ? `${period.slice(0, 4)}-Q4` : period);

/** `/api/observations?asOf=`: the figures of a filter as they stood at a version, in the same order and shape. */
const OBSERVATIONS_AS_OF: AnswerKind<AsOfParams<ObservationFilter>, { count: number; observations: ListedObservation[] }> = {
  name: "observations-asof",
  versionOf: (params) => params.asOfVersion,
  compute: (store, { asOfVersion, entities, metrics, from, to }) =>
    readSnapshot(store, async (snapshot) => {
      const entry = await resolveAsOf(snapshot, { version: asOfVersion });
      const some = (ids: readonly string[] | undefined) => (ids?.length ? ids : undefined);
      const figures = figuresAt(await revisionsOf(snapshot, [{ entities: some(entities), metrics: some(metrics) }]), entry.uploadId);
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
    }),
};

export async function observationsAsOf(store: Store, filter: ObservationFilter, asOf: AsOf) {
  const { version } = await resolveAsOf(store, asOf);
  return answerInTurn(store, OBSERVATIONS_AS_OF, { ...filter, asOfVersion: version });
}

/** The same for the observations export (inside its snapshot): the figures and the version they are of. */
export async function observationsExportAsOf(snapshot: Store, filter: ObservationFilter, asOf: AsOf) {
  const { version } = await resolveAsOf(snapshot, asOf);
  return (await answer(snapshot, OBSERVATIONS_AS_OF, { ...filter, asOfVersion: version })).answer;
}

/** The scenarios projected from the thesis as the data stood at a version. */
const SCENARIOS_AS_OF: AnswerKind<AsOfParams<ScenarioParams>, Scenarios> = {
  name: "scenarios-asof",
  versionOf: (params) => params.asOfVersion,
  compute: (store, { asOfVersion, ...params }) =>
    readSnapshot(store, async (snapshot) => {
      const thesisParams = await withAiApps(snapshot, scenarioThesisParams(params));
      const { answer: thesis } = await answer(snapshot, THESIS_AS_OF, { ...thesisParams, asOfVersion });
      return { dataVersion: thesis.dataVersion, answer: { params, ...computeScenarios(scenarioInputs(thesis), params) } };
    }),
};

export async function scenariosAsOf(store: Store, params: ScenarioParams, asOf: AsOf): Promise<CachedAnswer<Scenarios>> {
  const { version } = await resolveAsOf(store, asOf);
  return answerInTurn(store, SCENARIOS_AS_OF, { ...params, asOfVersion: version });
}

/** The same for the scenarios export (inside its snapshot), with the figures of the thesis it read. */
export async function scenariosExportAsOf(
  snapshot: Store,
  params: ScenarioParams,
  asOf: AsOf,
): Promise<{ scenarios: Scenarios & { dataVersion: number }; thesis: Thesis; figures: VintageFigure[] }> {
  const entry = await resolveAsOf(snapshot, asOf);
  const { answer: scenarios } = await answer(snapshot, SCENARIOS_AS_OF, { ...params, asOfVersion: entry.version });
  const thesisParams = await withAiApps(snapshot, scenarioThesisParams(params));
  const { answer: thesis } = await answer(snapshot, THESIS_AS_OF, { ...thesisParams, asOfVersion: entry.version });
  return { scenarios, thesis, figures: figuresAt(await thesisRevisions(snapshot, thesisParams), entry.uploadId) };
}

/** The thesis as the data stood at a version (its own ETag: `thesis-asof-<version>-...`). */
const THESIS_AS_OF: AnswerKind<AsOfParams<ThesisParams>, Thesis> = {
  name: "thesis-asof",
  versionOf: (params) => params.asOfVersion,
  compute: (store, { asOfVersion, ...params }) =>
    readSnapshot(store, async (snapshot) => {
      const entry = await resolveAsOf(snapshot, { version: asOfVersion });
      return {
        dataVersion: entry.version,
        answer: computeThesis(figuresAt(await thesisRevisions(snapshot, params), entry.uploadId), params),
      };
    }),
};

export async function thesisAsOf(store: Store, params: ThesisParams, asOf: AsOf): Promise<CachedAnswer<Thesis>> {
  const { version } = await resolveAsOf(store, asOf);
  return answerInTurn(store, THESIS_AS_OF, { ...(await withAiApps(store, params)), asOfVersion: version });
}

/** For an export as of a version (inside the export's snapshot): the thesis then, and the figures it read then (its sources). */
export async function thesisExportAsOf(
  snapshot: Store,
  params: ThesisParams,
  asOf: AsOf,
): Promise<{ thesis: Thesis & { dataVersion: number }; figures: VintageFigure[] }> {
  const entry = await resolveAsOf(snapshot, asOf);
  const withApps = await withAiApps(snapshot, params);
  const { answer: thesis } = await answer(snapshot, THESIS_AS_OF, { ...withApps, asOfVersion: entry.version });
  return { thesis, figures: figuresAt(await thesisRevisions(snapshot, withApps), entry.uploadId) };
}

/** The same for the killer-app table. */
export async function killerAppsExportAsOf(
  snapshot: Store,
  params: KillerAppParams,
  asOf: AsOf,
): Promise<{ watch: KillerApps & { dataVersion: number }; figures: VintageFigure[] }> {
  const entry = await resolveAsOf(snapshot, asOf);
  const { answer: watch } = await answer(snapshot, KILLER_APPS_AS_OF, { ...params, asOfVersion: entry.version });
  const apps = [...watch.apps.map((v) => v.app.id), ...watch.yardsticks.map((y) => y.id)];
  return { watch, figures: figuresAt(await appRevisions(snapshot, apps), entry.uploadId) };
}

const KILLER_APPS_AS_OF: AnswerKind<AsOfParams<KillerAppParams>, KillerApps> = {
  name: "killer-apps-asof",
  versionOf: (params) => params.asOfVersion,
  compute: (store, { asOfVersion, ...params }) =>
    readSnapshot(store, async (snapshot) => {
      const entry = await resolveAsOf(snapshot, { version: asOfVersion });
      // The catalog (names, launch dates) is today's: figures are what have vintages.
      const apps = await appsOf(snapshot);
      const figures = figuresAt(
        await appRevisions(
          snapshot,
          apps.map((a) => a.id),
        ),
        entry.uploadId,
      );
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
    }),
};

export async function killerAppsAsOf(store: Store, params: KillerAppParams, asOf: AsOf): Promise<CachedAnswer<KillerApps>> {
  const { version } = await resolveAsOf(store, asOf);
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
 * parameters, catalog of apps) and kept, per database (its transactions share them): a new upload
 * adds one thesis to the history, not one per version. Bounded, as every cache here: past the
 * bound it starts again.
 */
const summariesByDatabase = new WeakMap<object, Map<string, VersionSummary>>();
const MAX_SUMMARIES = 20_000;

function summarize(
  entry: DataVersionEntry,
  params: ThesisParams,
  apps: App[],
  ofThesis: RevisionRow[][],
  ofApps: RevisionRow[][],
): VersionSummary {
  const thesis = computeThesis(figuresAt(ofThesis, entry.uploadId), params);
  const watch = killerAppWatch(figuresAt(ofApps, entry.uploadId), apps, { apps: null, yardsticks: null, minMinutes: 60 });
  const s = thesis.scorecard;
  return {
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
}

/**
 * What the history of `params` reads, in one snapshot: the versions, and a summary of each, the
 * ones kept taken now and the others computed (and kept) when asked for, from revisions read now
 * (only when some version is not yet summarized).
 */
async function historyInputs(snapshot: Store, params: ThesisParams) {
  const [versions, apps] = await Promise.all([listVersions(snapshot), appsOf(snapshot)]);
  const database = databaseOf(snapshot);
  const known = summariesByDatabase.get(database) ?? new Map<string, VersionSummary>();
  summariesByDatabase.set(database, known);
  const keyOf = (entry: DataVersionEntry) => JSON.stringify([entry.version, entry.uploadId, params, apps.map((a) => [a.id, a.launched])]);
  const found = new Map<number, VersionSummary>();
  for (const entry of versions) {
    const summary = known.get(keyOf(entry));
    if (summary) found.set(entry.version, summary);
  }
  const [ofThesis, ofApps] =
    found.size < versions.length
      ? await Promise.all([
          thesisRevisions(snapshot, params),
          appRevisions(
            snapshot,
            apps.map((a) => a.id),
          ),
        ])
      : [[], []];
  return {
    versions,
    summary(entry: DataVersionEntry): VersionSummary {
      let summary = found.get(entry.version);
      if (!summary) {
        summary = summarize(entry, params, apps, ofThesis, ofApps);
        found.set(entry.version, summary);
        if (known.size >= MAX_SUMMARIES) known.clear();
        known.set(keyOf(entry), summary);
      }
      return summary;
    },
  };
}

/** The verdict of every version with the default parameters, and each quarter's flag then and now. */
const HISTORY: AnswerKind<ThesisParams, History> = {
  name: "history",
  compute: (store, params) =>
    readSnapshot(store, async (snapshot) => {
      const inputs = await historyInputs(snapshot, params);
      const summaries = inputs.versions.map((entry) => inputs.summary(entry));
      return {
        dataVersion: (await getDataVersion(snapshot)).version,
        answer: {
          versions: summaries.map((v) => v.verdict),
          quarters: statusVintages(
            summaries.map(({ verdict, quarters }) => ({ version: verdict.version, date: verdict.createdAt, quarters })),
          ),
        },
      };
    }),
};

/**
 * The history, each version not yet summarized in its own turn first (outside the snapshot its
 * figures were read in): a long history computed after a restart holds the event loop for one
 * thesis at a time, not for all of them.
 */
export async function historyInTurn(store: Store, params: ThesisParams): Promise<CachedAnswer<History>> {
  const withApps = await withAiApps(store, params);
  const hit = await cached(store, HISTORY, withApps);
  if (hit) return hit;
  const inputs = await readSnapshot(store, (snapshot) => historyInputs(snapshot, withApps));
  for (const entry of inputs.versions) await computeInTurn(() => inputs.summary(entry));
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
  compute: (store, { from, to, params }) =>
    readSnapshot(store, async (snapshot) => {
      const versions = await listVersions(snapshot);
      const [before, after] = [from === 0 ? null : versions[from - 1], versions[to - 1]];
      if (!after || (from > 0 && !before))
        throw new BadRequestError("Invalid query parameters: from, to", [{ parameter: "to", message: "no such data version" }]);
      const beforeUpload = before?.uploadId ?? 0;
      const [all, ofThesis] = await Promise.all([revisionsOf(snapshot, [{}]), thesisRevisions(snapshot, params)]);
      const thesisAt = (uploadId: number) => computeThesis(figuresAt(ofThesis, uploadId), params);
      return {
        dataVersion: after.version,
        answer: {
          from: before ?? null,
          to: after,
          uploads: versions.slice(from, to),
          figures: figureChanges(figuresAt(all, beforeUpload), figuresAt(all, after.uploadId)),
          numbers: thesisChanges(thesisAt(beforeUpload), thesisAt(after.uploadId)),
        },
      };
    }),
};

export async function changesInTurn(
  store: Store,
  params: ThesisParams,
  range: { from: number; to: number | null },
): Promise<CachedAnswer<Changes>> {
  const latest = (await getDataVersion(store)).version;
  const to = range.to ?? latest;
  const message = changesRangeProblem({ from: range.from, to }, latest);
  if (message) throw new BadRequestError(`Invalid query parameter: to (${message})`, [{ parameter: "to", message }]);
  return answerInTurn(store, CHANGES, { from: range.from, to, params: await withAiApps(store, params) });
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
