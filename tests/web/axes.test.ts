import { describe, expect, it } from "vitest";
import { alignedTicks, fitRows, linearTicks, logTicks, quarterTicks, valueTickLabel, yearTicks } from "../../web/src/lib/axes.ts";

describe("linearTicks", () => {
  it.each([
    [[0.012, 0.175], 4, [0, 0.05, 0.1, 0.15, 0.2]],
    [[0.18], 4, [0, 0.05, 0.1, 0.15, 0.2]],
    [[510_700], 5, [0, 200_000, 400_000, 600_000]],
    [[165_100], 4, [0, 50_000, 100_000, 150_000, 200_000]],
    [[-20_000, 90_000], 4, [-50_000, 0, 50_000, 100_000]],
    [[0.9], 4, [0, 0.25, 0.5, 0.75, 1]],
  ])("puts the ticks of %j at nice steps from zero, at most %i steps", (values, intervals, ticks) => {
    expect(linearTicks(values, intervals).ticks).toEqual(ticks);
  });

  it("spans the ticks exactly", () => {
    expect(linearTicks([0.175], 4).domain).toEqual([0, 0.2]);
  });
});

describe("alignedTicks", () => {
  it("gives a second axis the first axis's steps and zero, so they share grid lines", () => {
    const left = linearTicks([0.175], 4);
    expect(alignedTicks([421_600], left).ticks).toEqual([0, 200_000, 400_000, 600_000, 800_000]);
  });
});

describe("logTicks", () => {
  it("uses powers of ten over several decades", () => {
    expect(logTicks([2_000, 510_000]).ticks).toEqual([1_000, 10_000, 100_000, 1_000_000]);
  });

  it("adds 2 and 5 within two decades", () => {
    expect(logTicks([30_000, 500_000]).ticks).toEqual([20_000, 50_000, 100_000, 200_000, 500_000]);
  });
});

describe("valueTickLabel", () => {
  it.each([
    ["percent", 0.05, [0, 0.05, 0.1], ["0%", "5%", "10%"]],
    ["percent", 0.025, [0, 0.025, 0.05], ["0.0%", "2.5%", "5.0%"]],
    ["usd_m", 150_000, [0, 150_000, 300_000], ["$0B", "$150B", "$300B"]],
    ["usd_m", 500, [0, 500, 1000], ["$0.0B", "$0.5B", "$1.0B"]],
    ["usd_m", 50_000, [-50_000], ["-$50B"]],
  ] as const)("labels %s ticks of step %d with the decimals the step needs", (kind, step, values, labels) => {
    expect(values.map(valueTickLabel(kind, step))).toEqual(labels);
  });
});

describe("quarterTicks", () => {
  const quarters = (from: number, to: number) =>
    Array.from({ length: (to - from + 1) * 4 }, (_, i) => `${from + Math.floor(i / 4)}-Q${(i % 4) + 1}`);

  it("ticks every quarter of a short span, labelled as quarters", () => {
    const ticks = quarterTicks(quarters(2025, 2025), 6);
    expect(ticks.ticks).toEqual(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]);
    expect(ticks.label("2025-Q3")).toBe("2025 Q3");
  });

  it.each([
    [
      12,
      ["2015-Q1", "2016-Q1", "2017-Q1", "2018-Q1", "2019-Q1", "2020-Q1", "2021-Q1", "2022-Q1", "2023-Q1", "2024-Q1", "2025-Q1", "2026-Q1"],
    ],
    [6, ["2016-Q1", "2018-Q1", "2020-Q1", "2022-Q1", "2024-Q1", "2026-Q1"]],
    [4, ["2016-Q1", "2019-Q1", "2022-Q1", "2025-Q1"]],
  ])("ticks the first quarter of regular years over a long span (at most %i)", (max, expected) => {
    const ticks = quarterTicks(quarters(2015, 2026), max);
    expect(ticks.ticks).toEqual(expected);
    expect(ticks.label("2016-Q1")).toBe("2016");
  });
});

describe("yearTicks", () => {
  it.each([
    [18.75, 6, [0, 5, 10, 15]],
    [18.75, 12, [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]],
    [3, 6, [0, 1, 2, 3]],
  ])("ticks whole years up to %d (at most %i)", (max, count, ticks) => {
    expect(yearTicks(max, count)).toEqual(ticks);
  });
});

describe("fitRows", () => {
  const row = (quarter: string, value: number | null) => ({ quarter: { value: quarter }, v: { value } });

  it("keeps the rows from the first to the last with a value, gaps inside included", () => {
    const rows = [row("a", null), row("b", 1), row("c", null), row("d", 2), row("e", null)];
    expect(fitRows(rows, ["v"]).map((r) => r.quarter?.value)).toEqual(["b", "c", "d"]);
  });

  it("keeps nothing of a series with no value", () => {
    expect(fitRows([row("a", null)], ["v"])).toEqual([]);
  });
});
