import { describe, expect, it } from "vitest";
import { quarterlyCapex } from "../../web/src/features/capex/capexByCompany.ts";
import type { ObservationRecord } from "../../web/src/lib/api.ts";

const observation = (entity: string, period: string, value: number): ObservationRecord => ({
  entity,
  metric: "capex",
  period,
  periodEnd: "2025-03-31",
  fiscalLabel: null,
  value,
  unit: "USD_m",
  basis: "reported",
  source: "repo:owner/name:path/file 1.json@abcdef1",
  note: null,
});

describe("quarterlyCapex", () => {
  const view = quarterlyCapex(
    [
      observation("A", "2024-Q4", 10),
      observation("B", "2024-Q4", 5),
      observation("A", "2025-Q2", 12),
      observation("B", "2025-Q2", 6),
      observation("A", "2024-FY", 40),
      observation("OTHER", "2025-Q1", 99),
    ],
    ["A", "B"],
    { from: null, to: null },
  );

  it("has one row per calendar quarter from the first to the last figure, a quarter nobody reported included", () => {
    expect(view.quarters.map((row) => row.quarter)).toEqual(["2024-Q4", "2025-Q1", "2025-Q2"]);
  });

  it("totals a quarter only when every company is present, never a partial sum", () => {
    expect(view.quarters.map((row) => [row.total, row.drawnSum, row.missing])).toEqual([
      [15, 15, []],
      [null, 0, ["A", "B"]],
      [18, 18, []],
    ]);
  });

  it("ignores fiscal-year rows and companies outside the selection", () => {
    expect(view.quarters[0]!.figures.A!.value).toBe(10);
    expect(Object.keys(view.quarters[1]!.figures)).toEqual(["A", "B"]);
  });

  it("links a repository source to the file on GitHub", () => {
    expect(view.quarters[0]!.figures.A!.sourceUrl).toBe("https://github.com/owner/name/blob/abcdef1/path/file%201.json");
  });

  it("lists each company's runs of missing quarters", () => {
    expect(view.missingRuns).toEqual([
      { entity: "A", from: "2025-Q1", to: "2025-Q1", quarters: 1 },
      { entity: "B", from: "2025-Q1", to: "2025-Q1", quarters: 1 },
    ]);
  });
});
