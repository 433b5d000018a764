// Growth: the thesis computation alone (computeThesis over in-memory observations) at 10k, 100k
// and 1M observations, to show how its cost grows. Each size is timed five times and the median
// kept: one run can take a full garbage collection of the million rows held beside it.
import { computeThesis, type ThesisObservation } from "../../server/domain/thesis.ts";
import { median } from "./median.ts";
import { syntheticObservations } from "./syntheticData.ts";
import type { Row } from "./table.ts";

const SIZES = [10_000, 100_000, 1_000_000] as const;
const RUNS = 5;

function medianMs(input: ThesisObservation[]): number {
  const times = Array.from({ length: RUNS }, () => {
    const started = performance.now();
    computeThesis(input);
    return performance.now() - started;
  });
  return median(times);
}

/** Cell `index` of a synthetic CSV row; syntheticData.ts writes every cell of every row. */
function cellOf(cells: readonly string[], index: number): string {
  const cell = cells[index];
  if (cell === undefined) throw new Error(`a synthetic row has no cell ${index}: ${cells.join(",")}`);
  return cell;
}

export function growthBench(): Row[] {
  const all = syntheticObservations(Math.max(...SIZES)).rows.map((row): ThesisObservation => {
    const cells = row.split(",");
    return {
      entity: cellOf(cells, 0),
      metric: cellOf(cells, 1),
      period: cellOf(cells, 2),
      periodEnd: cellOf(cells, 3),
      value: Number(cellOf(cells, 5)),
      unit: cellOf(cells, 6),
      basis: cellOf(cells, 7),
      source: cellOf(cells, 8),
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
      budget: index === 0 ? "" : `x${size / SIZES[0]} rows`,
    };
  });
}
