// Growth: the thesis computation alone (computeThesis over in-memory observations) at 10k, 100k
// and 1M observations, to show how its cost grows. Each size is timed five times and the median
// kept: one run can take a full garbage collection of the million rows held beside it.
import { computeThesis, type ThesisObservation } from "../../server/domain/thesis.ts";
import { syntheticObservations } from "./syntheticData.ts";
import type { Row } from "./table.ts";

const SIZES = [10_000, 100_000, 1_000_000];
const RUNS = 5;

function medianMs(input: ThesisObservation[]): number {
  const times = Array.from({ length: RUNS }, () => {
    const started = performance.now();
    computeThesis(input);
    return performance.now() - started;
  });
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

export function growthBench(): Row[] {
  const all = syntheticObservations(SIZES.at(-1)!).rows.map((row): ThesisObservation => {
    const [entity, metric, period, periodEnd, , value, unit, basis, source] = row.split(",");
    return {
      entity: entity!,
      metric: metric!,
      period: period!,
      periodEnd: periodEnd!,
      value: Number(value),
      unit: unit!,
      basis: basis!,
      source: source!,
    };
  });
  computeThesis(all.slice(0, SIZES[0]));
  let first = 0;
  return SIZES.map((size, index) => {
    const ms = medianMs(all.slice(0, size));
    if (index === 0) first = ms;
    return {
      what: `growth: computeThesis over ${size.toLocaleString("en-US")} observations (median of ${RUNS})`,
      value: `${Math.round(ms)} ms`,
      ratio: (ms / first).toFixed(1),
      budget: index === 0 ? "" : `x${size / SIZES[0]!} rows`,
    };
  });
}
