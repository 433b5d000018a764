import { describe, expect, it } from "vitest";
import { statusMarks, verdictHistoryTable, verdictHistoryTitle } from "../../web/src/features/history/verdictHistory.ts";

const published = (status: "red" | "amber" | "green", version: number) => ({ status, version, date: "2026-05-02T14:07:00.000Z" });
const QUARTERS = [
  { quarter: "2025-Q4", firstPublished: null, today: "unknown" as const, revised: false },
  { quarter: "2026-Q1", firstPublished: published("amber", 1), today: "amber" as const, revised: false },
  { quarter: "2026-Q2", firstPublished: published("amber", 2), today: "green" as const, revised: true },
];

describe("the verdict history", () => {
  it("draws a first-published mark only where one was known, and today's for every quarter", () => {
    expect(statusMarks(QUARTERS).map((m) => `${m.x}${m.y} ${m.status}${m.revised ? " revised" : ""}`)).toEqual([
      "00 unknown",
      "11 amber",
      "10 amber",
      "21 amber revised",
      "20 green revised",
    ]);
  });

  it("tabulates newest first, with where each first status came from", () => {
    const rows = verdictHistoryTable(QUARTERS).rows.map((r) => Object.values(r).map((c) => c.value));
    expect(rows).toEqual([
      ["2026-Q2", "amber", 2, "2026-05-02", "green", "yes"],
      ["2026-Q1", "amber", 1, "2026-05-02", "amber", "no"],
      ["2025-Q4", null, null, null, "unknown", "no"],
    ]);
  });

  it("names the quarters a revision turned, or says none did", () => {
    expect(verdictHistoryTitle(QUARTERS)).toBe(
      "Revisions changed the flag of 1 quarter after it was first published: 2026 Q2 (amber to green)",
    );
    expect(verdictHistoryTitle(QUARTERS.slice(0, 2))).toBe("No revision has changed a quarter's flag since it was first published");
  });
});
