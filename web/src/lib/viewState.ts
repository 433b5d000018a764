// The whole view lives in the URL, so a copied link reproduces it and back/forward work. Parsing is
// forgiving (a hand-edited link falls back to defaults); only values that differ from the defaults
// are written, so the plain address is the default view.
import { useCallback, useRef, useSyncExternalStore } from "react";
import {
  AS_OF_PARAMETERS,
  choice,
  defaultsOf,
  type Parameter,
  quarterRangeProblem,
  quarterSchema,
  readQuery,
  SCENARIO_PARAMETERS,
  type ScenarioParams,
  THESIS_PARAMETERS,
  type ValuesOf,
  writeQuery,
} from "../../../server/domain/parameters.ts";
import { serverSnapshotOf } from "./navigation.ts";

const { companies, aiRevenue, from, to, lookback, gpuShare, margin } = THESIS_PARAMETERS;
const { life, aiGrowth, capexGrowth, targetYear } = SCENARIO_PARAMETERS;

/** The view's parameters: the thesis's (as the API declares them) and the charts' own, in URL order. */
const VIEW_PARAMETERS = {
  companies,
  aiRevenue,
  from,
  to,
  capexMode: choice(["quarterly", "ttm"], "quarterly"),
  scale: choice(["linear", "log"], "linear"),
  lookback,
  gpuShare,
  margin,
  /** The Scenarios section's inputs (margin is the Sequoia chart's too: the same buyer's gross margin). */
  life,
  aiGrowth,
  capexGrowth,
  targetYear,
  /** The data as it stood at a version or a date (null: the latest). */
  asOf: AS_OF_PARAMETERS.asOf,
  /** The quarter whose sources are open, if any. */
  quarter: { schema: quarterSchema, default: null, format: (q) => q ?? "" } as Parameter<string | null>,
};

/** The URL names that differ from the field names. */
const URL_NAMES = { capexMode: "capex" } as const;

export type ViewState = ValuesOf<typeof VIEW_PARAMETERS>;

export const DEFAULT_VIEW: ViewState = defaultsOf(VIEW_PARAMETERS);

export function parseViewState(search: string): ViewState {
  return readQuery(VIEW_PARAMETERS, new URLSearchParams(search), URL_NAMES);
}

export function serializeViewState(state: ViewState): string {
  const text = writeQuery(VIEW_PARAMETERS, state, URL_NAMES).toString().replaceAll("%2C", ",");
  return text ? `?${text}` : "";
}

/**
 * Why a view's quarter range cannot be shown, in the API's words (the same check as its 400), or
 * null: the page refuses such a range before asking the server.
 */
export function rangeProblem(range: Pick<ViewState, "from" | "to">): string | null {
  const problem = quarterRangeProblem(range);
  return problem && `to ${problem}`;
}

/** The parameters of /api/thesis for a view (the chart-only settings stay out of the cache key). */
export function thesisQueryOf(state: ViewState): Record<string, string> {
  const query: Record<string, string> = {
    companies: companies.format(state.companies),
    aiRevenue: aiRevenue.format(state.aiRevenue),
    lookback: lookback.format(state.lookback),
    gpuShare: gpuShare.format(state.gpuShare),
    margin: margin.format(state.margin),
  };
  if (state.from) query.from = from.format(state.from);
  if (state.to) query.to = to.format(state.to);
  const asOf = asOfText(state);
  return asOf ? { ...query, asOf } : query;
}

/** `asOf` as the API and the URL write it (`3`, `2026-05-01`), or null for the latest data. */
export const asOfText = ({ asOf }: Pick<ViewState, "asOf">): string | null => (asOf ? AS_OF_PARAMETERS.asOf.format(asOf) : null);

/** The parameters of /api/scenarios for a view: those that differ from the defaults, as the URL writes them. */
export function scenariosQueryOf(state: ViewState): Record<string, string> {
  const values: ScenarioParams = {
    ...defaultsOf(SCENARIO_PARAMETERS),
    companies: state.companies,
    aiRevenue: state.aiRevenue,
    from: state.from,
    to: state.to,
    margin: state.margin,
    life: state.life,
    aiGrowth: state.aiGrowth,
    capexGrowth: state.capexGrowth,
    targetYear: state.targetYear,
  };
  const asOf = asOfText(state);
  return { ...Object.fromEntries(writeQuery(SCENARIO_PARAMETERS, values)), ...(asOf ? { asOf } : {}) };
}

/** `next`, with each value equal to the previous one replaced by the previous one; `previous` itself when nothing changed. */
function sharing(previous: ViewState, next: ViewState): ViewState {
  const merged = { ...next };
  let changed = false;
  for (const key of Object.keys(next) as (keyof ViewState)[]) {
    if (JSON.stringify(previous[key]) === JSON.stringify(next[key])) Object.assign(merged, { [key]: previous[key] });
    else changed = true;
  }
  return changed ? merged : previous;
}

/** Changes of the same settings this close together are one step of back and forward. */
const ONE_STEP_MS = 1000;
let lastStep: { at: number; keys: string } | null = null;

const subscribe = (onChange: () => void) => {
  const listener = (event: PopStateEvent) => {
    // Back or forward (the browser's own event, not the one update() sends) ends a step of changes.
    if (event.isTrusted) lastStep = null;
    onChange();
  };
  window.addEventListener("popstate", listener);
  return () => window.removeEventListener("popstate", listener);
};
const readSearch = () => window.location.search;
const readServerSearch = serverSnapshotOf("search");

export function useViewState(): [ViewState, (change: Partial<ViewState>) => void] {
  const search = useSyncExternalStore(subscribe, readSearch, readServerSearch);
  // A setting that did not change keeps its value's identity, so a chart that reads only settings
  // that did not change is not drawn again (a click on Log redrew every chart: 600 ms).
  const previous = useRef<ViewState | null>(null);
  const parsed = parseViewState(search);
  const state = previous.current ? sharing(previous.current, parsed) : parsed;
  previous.current = state;
  const update = useCallback((change: Partial<ViewState>) => {
    const next = serializeViewState({ ...parseViewState(window.location.search), ...change });
    if (next === window.location.search) return;
    // Five arrow presses on a select are one change of the reader's mind, not five history entries.
    const keys = Object.keys(change).sort().join(",");
    const now = performance.now();
    const sameStep = lastStep !== null && lastStep.keys === keys && now - lastStep.at < ONE_STEP_MS;
    lastStep = { at: now, keys };
    const url = `${window.location.pathname}${next}${window.location.hash}`;
    if (sameStep) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
    // pushState fires no event; tell the subscribers ourselves.
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, []);
  return [state, update];
}
