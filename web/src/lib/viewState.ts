// The whole view lives in the URL, so a copied link reproduces it and back/forward work. Parsing is
// forgiving (a hand-edited link falls back to defaults); only values that differ from the defaults
// are written, so the plain address is the default view.
import { useCallback, useSyncExternalStore } from "react";

export interface ViewState {
  companies: string[];
  aiRevenue: string[];
  from: string | null;
  to: string | null;
  capexMode: "quarterly" | "ttm";
  scale: "linear" | "log";
  lookback: number;
  gpuShare: number;
  margin: number;
  /** The quarter whose sources are open, if any. */
  quarter: string | null;
}

export const DEFAULT_VIEW: ViewState = {
  companies: ["MSFT", "GOOGL", "AMZN", "META"],
  aiRevenue: ["OPENAI", "ANTHROPIC"],
  from: null,
  to: null,
  capexMode: "quarterly",
  scale: "linear",
  lookback: 4,
  gpuShare: 0.5,
  margin: 0.5,
  quarter: null,
};

const QUARTER = /^\d{4}-Q[1-4]$/;
const ID = /^[A-Za-z0-9_]+$/;

function idList(text: string | null, fallback: string[]): string[] {
  if (text === null) return fallback;
  const ids = text.split(",").filter((id) => ID.test(id));
  return ids.length > 0 ? ids : fallback;
}

function numberIn(text: string | null, fallback: number, ok: (n: number) => boolean): number {
  const n = text === null ? NaN : Number(text);
  return Number.isFinite(n) && ok(n) ? n : fallback;
}

export function parseViewState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const quarter = (name: string) => {
    const value = params.get(name);
    return value && QUARTER.test(value) ? value : null;
  };
  return {
    companies: idList(params.get("companies"), DEFAULT_VIEW.companies),
    aiRevenue: idList(params.get("aiRevenue"), DEFAULT_VIEW.aiRevenue),
    from: quarter("from"),
    to: quarter("to"),
    capexMode: params.get("capex") === "ttm" ? "ttm" : "quarterly",
    scale: params.get("scale") === "log" ? "log" : "linear",
    lookback: numberIn(params.get("lookback"), DEFAULT_VIEW.lookback, (n) => Number.isInteger(n) && n >= 1 && n <= 40),
    gpuShare: numberIn(params.get("gpuShare"), DEFAULT_VIEW.gpuShare, (n) => n > 0 && n <= 1),
    margin: numberIn(params.get("margin"), DEFAULT_VIEW.margin, (n) => n >= 0 && n < 1),
    quarter: quarter("quarter"),
  };
}

export function serializeViewState(state: ViewState): string {
  const params = new URLSearchParams();
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(state.companies, DEFAULT_VIEW.companies)) params.set("companies", state.companies.join(","));
  if (!same(state.aiRevenue, DEFAULT_VIEW.aiRevenue)) params.set("aiRevenue", state.aiRevenue.join(","));
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.capexMode !== DEFAULT_VIEW.capexMode) params.set("capex", state.capexMode);
  if (state.scale !== DEFAULT_VIEW.scale) params.set("scale", state.scale);
  if (state.lookback !== DEFAULT_VIEW.lookback) params.set("lookback", String(state.lookback));
  if (state.gpuShare !== DEFAULT_VIEW.gpuShare) params.set("gpuShare", String(state.gpuShare));
  if (state.margin !== DEFAULT_VIEW.margin) params.set("margin", String(state.margin));
  if (state.quarter) params.set("quarter", state.quarter);
  const text = params.toString().replaceAll("%2C", ",");
  return text ? `?${text}` : "";
}

/** The parameters of /api/thesis for a view (the chart-only settings stay out of the cache key). */
export function thesisQueryOf(state: ViewState): Record<string, string> {
  const query: Record<string, string> = {
    companies: state.companies.join(","),
    aiRevenue: state.aiRevenue.join(","),
    lookback: String(state.lookback),
    gpuShare: String(state.gpuShare),
    margin: String(state.margin),
  };
  if (state.from) query.from = state.from;
  if (state.to) query.to = state.to;
  return query;
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
