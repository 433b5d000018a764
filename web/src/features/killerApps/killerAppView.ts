// The /killer-apps page's data with no pixels: its parameters in the URL (the API's declaration,
// with the dashboard's "as of"), and the API's answer as the series and tables its charts draw.

import type { InferResponseType } from "hono/client";
import { sourceUrl } from "../../../../server/domain/catalog.ts";
import { ACTIVE_USER_METRICS, REGISTERED_USERS } from "../../../../server/domain/killerApps.ts";
import { AS_OF_PARAMETERS, KILLER_APP_PARAMETERS, readQuery, type ValuesOf, writeQuery } from "../../../../server/domain/parameters.ts";
import type { api } from "../../lib/api.ts";
import type { Cell, Row, Table } from "../../lib/chartTable.ts";

export type KillerAppsResponse = InferResponseType<(typeof api.api)["killer-apps"]["$get"], 200>;
export type AppFigure = KillerAppsResponse["figures"][number];
export type AppVerdict = KillerAppsResponse["apps"][number];

/** What the page's URL holds: the API's parameters, and the version of the data shown. */
const KILLER_APP_VIEW = { ...KILLER_APP_PARAMETERS, ...AS_OF_PARAMETERS };

export type KillerAppView = ValuesOf<typeof KILLER_APP_VIEW>;
export const parseKillerAppView = (search: string): KillerAppView => readQuery(KILLER_APP_VIEW, new URLSearchParams(search));

export function serializeKillerAppView(view: KillerAppView): string {
  const text = writeQuery(KILLER_APP_VIEW, view).toString().replaceAll("%2C", ",");
  return text ? `?${text}` : "";
}

/** The page's address as of a data version (as the URL writes it), or at the latest data. */
export const killerAppsPath = (asOf: string | null) => `/killer-apps${asOf ? `?asOf=${asOf}` : ""}`;

/** The API's query for a view (its exports' too): only what differs from the defaults. */
export const killerAppsQueryOf = (view: KillerAppView): Record<string, string> => Object.fromEntries(writeQuery(KILLER_APP_VIEW, view));

/** The counts users are drawn in, each its own line style: never joined into one line. */
export const USER_COUNTS: Record<string, { label: string; dash?: string }> = {
  monthly_active_users: { label: ACTIVE_USER_METRICS.monthly_active_users },
  weekly_active_users: { label: ACTIVE_USER_METRICS.weekly_active_users, dash: "7 4" },
  daily_active_users: { label: ACTIVE_USER_METRICS.daily_active_users, dash: "2 3" },
  [REGISTERED_USERS]: { label: "registered", dash: "1 5" },
};

/** One drawn line: one app's figures of one metric, oldest first. */
export interface AgeLine {
  key: string;
  app: string;
  metric: string;
  label: string;
  figures: AppFigure[];
}

/** The apps' figures of some metrics, one line per app and metric. */
export function ageLines(figures: readonly AppFigure[], metrics: readonly string[], label: (figure: AppFigure) => string): AgeLine[] {
  const lines = new Map<string, AgeLine>();
  for (const figure of figures) {
    if (!metrics.includes(figure.metric)) continue;
    const key = `${figure.app}:${figure.metric}`;
    const line = lines.get(key) ?? { key, app: figure.app, metric: figure.metric, label: label(figure), figures: [] };
    line.figures.push(figure);
    lines.set(key, line);
  }
  for (const line of lines.values()) line.figures.sort((a, b) => a.age - b.age);
  return [...lines.values()];
}

const figureCell = (figure: AppFigure, value: number): Cell => ({
  value,
  basis: figure.basis,
  href: sourceUrl(figure.source),
});

/** The Table view of a chart drawn by age: one row per figure, newest first. */
export function figureTable(
  figures: readonly AppFigure[],
  nameOf: (id: string) => string,
  valueHeader: string,
  valueKind: "number" | "usd_m",
): Table {
  const rows: Row[] = [...figures]
    .sort((a, b) => b.periodEnd.localeCompare(a.periodEnd))
    .map((f) => ({
      app: { value: nameOf(f.app) },
      metric: { value: f.metric.replaceAll("_", " ") },
      date: { value: f.periodEnd },
      age: { value: f.age },
      value: figureCell(f, f.value),
      ...(f.moneyKind ? { paid: { value: f.moneyKind } } : {}),
    }));
  return {
    columns: [
      { key: "app", header: "App", kind: "text" },
      { key: "metric", header: "Series", kind: "text" },
      { key: "date", header: "Date", kind: "text" },
      { key: "age", header: "Years since launch", kind: "years" },
      { key: "value", header: valueHeader, kind: valueKind },
      ...(figures.some((f) => f.moneyKind) ? [{ key: "paid", header: "Paid by", kind: "text" as const }] : []),
    ],
    rows,
  };
}
