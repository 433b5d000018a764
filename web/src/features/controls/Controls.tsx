// The view's settings: every change goes to the URL, so the link reproduces the view.
import { useId, useState } from "react";
import { DEFAULT_THESIS_PARAMS } from "../../../../server/domain/thesis.ts";
import type { DataVersion, Entity } from "../../lib/api.ts";
import { companyColor } from "../../lib/companyColors.ts";
import { formatPeriod } from "../../lib/format.ts";
import { DEFAULT_VIEW, rangeProblem, type ViewState } from "../../lib/viewState.ts";
import { AsOfControl } from "../history/components/AsOfControl.tsx";

interface Props {
  view: ViewState;
  onChange: (change: Partial<ViewState>) => void;
  hyperscalers: Entity[];
  aiRevenueEntities: Entity[];
  quarters: string[];
  /** Every data version, for the "as of" choice. */
  versions: readonly DataVersion[];
}

function toggle(list: string[], id: string, on: boolean, order: string[]): string[] {
  const next = on ? [...list, id] : list.filter((x) => x !== id);
  return order.filter((x) => next.includes(x));
}

/** One end of the quarter range; the empty choice (`unset`) leaves that end open. */
function QuarterSelect(props: {
  name: string;
  label: string;
  unset: string;
  value: string | null;
  quarters: string[];
  onSelect: (quarter: string | null) => void;
}) {
  const { name, label, unset, value, quarters, onSelect } = props;
  return (
    <label>
      {label}{" "}
      <select name={name} value={value ?? ""} onChange={(event) => onSelect(event.currentTarget.value || null)}>
        <option value="">{unset}</option>
        {quarters.map((q) => (
          <option key={q} value={q}>
            {formatPeriod(q)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The presets: the last N years of reported quarters, since ChatGPT's launch, or everything. */
function presets(quarters: string[]): { label: string; name: string; from: string | null }[] {
  const lastYears = (years: number) => quarters[Math.max(0, quarters.length - years * 4)] ?? null;
  return [
    { label: "1Y", name: "the last year", from: lastYears(1) },
    { label: "3Y", name: "the last 3 years", from: lastYears(3) },
    { label: "5Y", name: "the last 5 years", from: lastYears(5) },
    { label: "Since ChatGPT", name: "since ChatGPT's launch", from: DEFAULT_THESIS_PARAMS.aiCycleStart },
    { label: "All", name: "every reported quarter", from: null },
  ];
}

/**
 * From and to, and the presets beside them. A range the wrong way round is refused here, with the
 * API's own reason (viewState.rangeProblem), so it never reaches the URL or the server.
 */
function QuarterRange({ view, quarters, onChange }: Pick<Props, "view" | "quarters" | "onChange">) {
  const [refused, setRefused] = useState<string | null>(null);
  const problemId = useId();
  const choose = (range: Pick<ViewState, "from" | "to">) => {
    const problem = rangeProblem(range);
    setRefused(problem);
    if (!problem) onChange(range);
  };
  return (
    <fieldset aria-describedby={refused ? problemId : undefined}>
      <legend>Quarters</legend>
      <QuarterSelect
        name="from"
        label="From"
        unset="first"
        value={view.from}
        quarters={quarters}
        onSelect={(from) => choose({ from, to: view.to })}
      />{" "}
      <QuarterSelect
        name="to"
        label="to"
        unset="latest"
        value={view.to}
        quarters={quarters}
        onSelect={(to) => choose({ from: view.from, to })}
      />
      <div className="segmented" role="group" aria-label="Time range presets">
        {presets(quarters).map((preset) => (
          <button
            key={preset.label}
            type="button"
            title={`Show ${preset.name}`}
            aria-pressed={view.from === preset.from && view.to === null}
            onClick={() => choose({ from: preset.from, to: null })}
          >
            {preset.label}
          </button>
        ))}
      </div>
      <p id={problemId} className="controls__problem" aria-live="polite">
        {refused && `This range is refused: ${refused}.`}
      </p>
    </fieldset>
  );
}

export function Controls({ view, onChange, hyperscalers, aiRevenueEntities, quarters, versions }: Props) {
  const hyperscalerIds = hyperscalers.map((e) => e.id);
  const aiIds = aiRevenueEntities.map((e) => e.id);
  return (
    <form className="controls" aria-label="View settings" onSubmit={(event) => event.preventDefault()}>
      <fieldset>
        <legend>Companies</legend>
        {hyperscalers.map((entity) => (
          <label key={entity.id} className="check">
            <input
              type="checkbox"
              name="companies"
              value={entity.id}
              checked={view.companies.includes(entity.id)}
              disabled={view.companies.length === 1 && view.companies.includes(entity.id)}
              onChange={(event) => onChange({ companies: toggle(view.companies, entity.id, event.currentTarget.checked, hyperscalerIds) })}
            />
            <svg className="legend__swatch" viewBox="0 0 12 12" aria-hidden="true">
              <rect width="12" height="12" rx="2" fill={companyColor(entity.id)} />
            </svg>
            {entity.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>AI revenue</legend>
        {aiRevenueEntities.map((entity) => (
          <label key={entity.id} className="check" title={entity.note ?? undefined}>
            <input
              type="checkbox"
              name="aiRevenue"
              value={entity.id}
              checked={view.aiRevenue.includes(entity.id)}
              disabled={view.aiRevenue.length === 1 && view.aiRevenue.includes(entity.id)}
              onChange={(event) => onChange({ aiRevenue: toggle(view.aiRevenue, entity.id, event.currentTarget.checked, aiIds) })}
            />
            {entity.name}
          </label>
        ))}
      </fieldset>
      <QuarterRange view={view} quarters={quarters} onChange={onChange} />
      <fieldset>
        <legend>Capex</legend>
        <div className="segmented" role="group" aria-label="Capex per quarter or trailing twelve months">
          {(["quarterly", "ttm"] as const).map((mode) => (
            <button key={mode} type="button" aria-pressed={view.capexMode === mode} onClick={() => onChange({ capexMode: mode })}>
              {mode === "quarterly" ? "Quarterly" : "TTM"}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Flag</legend>
        <label>
          Compare with{" "}
          <select name="lookback" value={view.lookback} onChange={(event) => onChange({ lookback: Number(event.currentTarget.value) })}>
            {[1, 2, 4, 8].map((n) => (
              <option key={n} value={n}>
                {n} quarter{n === 1 ? "" : "s"} earlier
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <AsOfControl asOf={view.asOf} versions={versions} onChange={(asOf) => onChange({ asOf })} />
      <button type="button" className="controls__reset" onClick={() => onChange({ ...DEFAULT_VIEW })}>
        Reset view
      </button>
    </form>
  );
}
