// Growth: the thesis computation alone (computeThesis over in-memory observations) at 10k, 100k
// and 1M observations, to show how its cost grows.
import { computeThesis, type ThesisObservation } from "../../server/domain/thesis.ts";
import { syntheticObservations } from "./syntheticData.ts";
import type { Row } from "./table.ts";

const SIZES = [10_000, 100_000, 1_000_000];

export function growthBench(): Row[] {
  const all = syntheticObservations(SIZES.at(-1)!).rows.map((row): ThesisObservation => {
    const [entity, metric, period, periodEnd, , value, unit, basis, source] = row.split(",");
    return { entity: entity!, metric: metric!, period: period!, periodEnd: periodEnd!, value: Number(value), unit: unit!, basis: basis!, source: source! };
  });
  computeThesis(all.slice(0, SIZES[0]));
  let first = 0;
  return SIZES.map((size, index) => {
    const input = all.slice(0, size);
    const started = performance.now();
    computeThesis(input);
    const ms = performance.now() - started;
    if (index === 0) first = ms;
    return { what: `growth: computeThesis over ${size.toLocaleString("en-US")} observations`, value: `${Math.round(ms)} ms`, ratio: (ms / first).toFixed(1), budget: index === 0 ? "" : `x${size / SIZES[0]!} rows` };
  });
}
