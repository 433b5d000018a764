// The whole view lives in the URL, so a copied link reproduces it and back/forward work. Parsing is
// forgiving (a hand-edited link falls back to defaults); only values that differ from the defaults
// are written, so the plain address is the default view.
import { useCallback, useSyncExternalStore } from "react";
import {
  choice,
  defaultsOf,
  type Parameter,
  quarterSchema,
  readQuery,
  SCENARIO_PARAMETERS,
  type ScenarioParams,
  THESIS_PARAMETERS,
  type ValuesOf,
  writeQuery,
} from "../../../server/domain/parameters.ts";

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
  return query;
}

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
  return Object.fromEntries(writeQuery(SCENARIO_PARAMETERS, values));
}

const subscribe = (onChange: () => void) => {
  window.addEventListener("popstate", onChange);
  return () => window.removeEventListener("popstate", onChange);
};
const readSearch = () => window.location.search;

export function useViewState(): [ViewState, (change: Partial<ViewState>) => void] {
  const search = useSyncExternalStore(subscribe, readSearch);
  const state = parseViewState(search);
  const update = useCallback((change: Partial<ViewState>) => {
    const next = serializeViewState({ ...parseViewState(window.location.search), ...change });
    if (next === window.location.search) return;
    window.history.pushState(null, "", `${window.location.pathname}${next}${window.location.hash}`);
    // pushState fires no event; tell the subscribers ourselves.
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, []);
  return [state, update];
}
