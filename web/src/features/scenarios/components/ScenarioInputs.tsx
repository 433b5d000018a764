// The scenario's assumptions, each bound to the URL through its parameter declaration: a value
// the declaration refuses is not written, so the view never holds what the API would reject.
import { useId, useState } from "react";
import { GROWTH_BOUNDS, SCENARIO_PARAMETERS, USEFUL_LIVES } from "../../../../../server/domain/parameters.ts";
import { MAX_YEAR } from "../../../../../server/domain/periods.ts";
import { formatGrowth } from "../../../lib/format.ts";
import type { ViewState } from "../../../lib/viewState.ts";
import type { ScenariosResponse } from "../api/useScenarios.ts";

type Base = NonNullable<ScenariosResponse["base"]>;
type Inputs = Pick<ViewState, "life" | "margin" | "aiGrowth" | "capexGrowth" | "targetYear">;
type NumberInput = "margin" | "aiGrowth" | "capexGrowth" | "targetYear";

interface Props {
  view: Inputs;
  base: Base | null;
  onChange: (change: Partial<Inputs>) => void;
}

/** Percent in the field, a fraction in the URL: 538 is 5.38; two decimals of a percent are kept. */
const asPercent = (fraction: number) => Number((fraction * 100).toFixed(2));

/**
 * A number field of one parameter, `scale` times its value (100: percent). What is typed stays
 * while the field has focus, so a value can pass through ones the parameter refuses (2 on the way
 * to 2030); each accepted value goes to the URL at once.
 */
function ParameterField(props: {
  name: NumberInput;
  label: string;
  /** Said after the field: "%", "% a year". */
  unit?: string;
  value: number | null;
  scale: number;
  min?: number;
  max?: number;
  step: number | "any";
  onChange: (change: Partial<Inputs>) => void;
}) {
  const { name, label, unit, value, scale, min, max, step, onChange } = props;
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const shown = value === null ? "" : String(scale === 100 ? asPercent(value) : value);
  return (
    <span className="scenario-inputs__field">
      <label htmlFor={id}>{label}</label>{" "}
      <input
        id={id}
        type="number"
        name={name}
        step={step}
        min={min}
        max={max}
        value={draft ?? shown}
        onChange={(event) => {
          setDraft(event.currentTarget.value);
          const parsed = event.currentTarget.valueAsNumber / scale;
          if (SCENARIO_PARAMETERS[name].schema.safeParse(parsed).success) onChange({ [name]: parsed });
        }}
        onBlur={() => setDraft(null)}
      />
      {unit && ` ${unit}`}
    </span>
  );
}

/** A growth field: the parameter when set, else the series' latest YoY, with a way back to it. */
function GrowthInput(props: {
  name: "aiGrowth" | "capexGrowth";
  label: string;
  value: number | null;
  latest: Base["aiGrowth"] | undefined;
  onChange: (change: Partial<Inputs>) => void;
}) {
  const { name, label, value, latest, onChange } = props;
  const latestRate = latest?.rate.value ?? null;
  return (
    <div className="scenario-inputs__growth">
      <ParameterField
        name={name}
        label={label}
        unit="% a year"
        value={value ?? latestRate}
        scale={100}
        step="any"
        min={asPercent(GROWTH_BOUNDS.min)}
        max={asPercent(GROWTH_BOUNDS.max)}
        onChange={onChange}
      />{" "}
      {value === null ? (
        <span className="scenario-inputs__hint">its latest YoY</span>
      ) : (
        <button type="button" className="scenario-inputs__reset" onClick={() => onChange({ [name]: null })}>
          Use the latest YoY{latestRate === null ? "" : ` (${formatGrowth(latestRate)})`}
        </button>
      )}
    </div>
  );
}

export function ScenarioInputs({ view, base, onChange }: Props) {
  const baseYear = base ? Number(base.quarter.slice(0, 4)) : null;
  return (
    <form className="scenario-inputs" aria-label="Scenario assumptions" onSubmit={(event) => event.preventDefault()}>
      <div className="scenario-inputs__life">
        <span id="scenario-life">Useful life, years</span>{" "}
        <div className="segmented" role="group" aria-labelledby="scenario-life">
          {USEFUL_LIVES.map((years) => (
            <button key={years} type="button" aria-pressed={view.life === years} onClick={() => onChange({ life: years })}>
              {years}
            </button>
          ))}
        </div>
      </div>
      <ParameterField
        name="margin"
        label="Gross margin"
        unit="%"
        value={view.margin}
        scale={100}
        step={5}
        min={0}
        max={95}
        onChange={onChange}
      />
      <GrowthInput name="aiGrowth" label="AI revenue growth" value={view.aiGrowth} latest={base?.aiGrowth} onChange={onChange} />
      <GrowthInput name="capexGrowth" label="Capex growth" value={view.capexGrowth} latest={base?.capexGrowth} onChange={onChange} />
      <ParameterField
        name="targetYear"
        label="Covered by the end of"
        value={view.targetYear ?? base?.targetYear ?? null}
        scale={1}
        step={1}
        min={baseYear === null ? undefined : baseYear + 1}
        max={MAX_YEAR}
        onChange={onChange}
      />
    </form>
  );
}
