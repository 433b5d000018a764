import { describe, expect, it } from "vitest";
import type { Figure } from "../../server/domain/revisions.ts";
import { buildReportView, MAX_CHANGE_ROWS } from "../../web/src/features/uploads/uploadReport.ts";

const figure = (value: number, more: Partial<Figure> = {}): Figure => ({
  period: "2025-Q3",
  periodEnd: "2025-09-30",
  fiscalLabel: null,
  value,
  unit: "USD_m",
  basis: "reported",
  source: "https://example.com/a",
  note: null,
  ...more,
});
const problem = (file: string, line: number) => ({ file, line, column: "value", value: "x", message: "m" });

describe("buildReportView", () => {
  it("lists problems and warnings in file and line order", () => {
    const view = buildReportView({
      problems: [problem("b.csv", 2), problem("a.csv", 9), problem("a.csv", 3)],
      warnings: [problem("a.csv", 5), problem("a.csv", 4)],
      changes: [],
    });
    expect(view.problems.map((p) => `${p.file}:${p.line}`)).toEqual(["a.csv:3", "a.csv:9", "b.csv:2"]);
    expect(view.warnings.map((p) => p.line)).toEqual([4, 5]);
  });

  it.each([
    ["a new figure", null, figure(1234.5), "—", "1,234.5", "new"],
    ["a revised figure", figure(100), figure(116.25), "100", "116.25", "+16.3%"],
    ["a removed figure", figure(100), null, "100", "—", "removed"],
    ["a figure that was zero", figure(0), figure(5), "0", "5", "from 0"],
  ])("shows %s with its old and new value and how it moved", (_, before, after, old, next, move) => {
    const [row] = buildReportView({
      warnings: [],
      changes: [{ entity: "MSFT", metric: "capex", kind: "flow", line: 7, before, after }],
    }).changes;
    expect(row).toMatchObject({ line: 7, entity: "MSFT", when: "2025 Q3", before: old, after: next, move });
  });

  it("names the other fields that changed, shortening long texts", () => {
    const [row] = buildReportView({
      warnings: [],
      changes: [
        {
          entity: "MSFT",
          metric: "capex",
          kind: "flow",
          before: figure(100, { note: "n".repeat(80) }),
          after: figure(100, { basis: "restated" }),
        },
      ],
    }).changes;
    expect(row!.alsoChanged).toEqual(["basis: reported → restated", `note: ${"n".repeat(59)}… → empty`]);
    expect(row!.line).toBeNull();
  });

  it("dates a point-in-time figure by its day", () => {
    const [row] = buildReportView({
      warnings: [],
      changes: [
        { entity: "OPENAI", metric: "ai_revenue_run_rate", kind: "point", before: null, after: figure(1, { periodEnd: "2025-08-04" }) },
      ],
    }).changes;
    expect(row!.when).toBe("2025-08-04");
  });

  it(`draws at most ${MAX_CHANGE_ROWS} changes and counts the rest`, () => {
    const changes = Array.from({ length: MAX_CHANGE_ROWS + 3 }, () => ({
      entity: "MSFT",
      metric: "capex",
      kind: "flow" as const,
      before: null,
      after: figure(1),
    }));
    const view = buildReportView({ warnings: [], changes });
    expect(view.changes).toHaveLength(MAX_CHANGE_ROWS);
    expect(view.moreChanges).toBe(3);
  });
});
