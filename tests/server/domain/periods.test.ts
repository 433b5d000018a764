import { describe, expect, it } from "vitest";
import { defaultPeriodEnd, formatPeriod, parseIsoDay, parsePeriod, periodEndMismatch } from "../../../server/domain/periods.ts";

const day = (text: string) => parseIsoDay(text)!;

describe("parsePeriod", () => {
  it.each([
    ["2025-Q3", { kind: "quarter", year: 2025, quarter: 3 }],
    ["2024-FY", { kind: "fiscalYear", year: 2024 }],
    ["2025-Q5", null],
    ["2025Q3", null],
    ["25-Q3", null],
  ])("reads %s", (text, expected) => {
    expect(parsePeriod(text)).toEqual(expected);
  });
});

describe("parseIsoDay", () => {
  it("accepts a real date and rejects an impossible one", () => {
    expect(parseIsoDay("2024-02-29")).not.toBeNull();
    expect(parseIsoDay("2025-02-29")).toBeNull();
    expect(parseIsoDay("2025-13-01")).toBeNull();
    expect(parseIsoDay("2025-1-01")).toBeNull();
  });
});

describe("periodEndMismatch", () => {
  it("accepts NVIDIA's quarter ended 2025-01-26 as 2024-Q4 (26 days after the calendar quarter)", () => {
    expect(periodEndMismatch(parsePeriod("2024-Q4")!, day("2025-01-26"), "flow")).toBeNull();
  });
  it("accepts Apple's quarter ended 2023-04-01 as 2023-Q1", () => {
    expect(periodEndMismatch(parsePeriod("2023-Q1")!, day("2023-04-01"), "flow")).toBeNull();
  });
  it("rejects a flow ending 46 days from its calendar quarter's end", () => {
    expect(periodEndMismatch(parsePeriod("2024-Q4")!, day("2025-02-15"), "flow")).toMatch(/45 days of 2024-12-31/);
  });
  it("accepts NVIDIA's fiscal 2026 (ended 2026-01-25) as 2025-FY", () => {
    expect(periodEndMismatch(parsePeriod("2025-FY")!, day("2026-01-25"), "flow")).toBeNull();
  });
  it("rejects a fiscal year ending more than half a year from 31 December", () => {
    expect(periodEndMismatch(parsePeriod("2025-FY")!, day("2026-07-15"), "flow")).not.toBeNull();
  });
  it("requires a point-in-time date inside its quarter", () => {
    expect(periodEndMismatch(parsePeriod("2024-Q2")!, day("2024-06-30"), "point")).toBeNull();
    expect(periodEndMismatch(parsePeriod("2024-Q2")!, day("2024-07-01"), "point")).toMatch(/inside its period/);
  });
});

describe("defaultPeriodEnd", () => {
  it("is the calendar period's last day", () => {
    expect(defaultPeriodEnd(parsePeriod("2024-Q1")!)).toBe("2024-03-31");
    expect(defaultPeriodEnd(parsePeriod("2024-Q4")!)).toBe("2024-12-31");
    expect(defaultPeriodEnd(parsePeriod("2024-FY")!)).toBe("2024-12-31");
  });
});

describe("formatPeriod", () => {
  it("writes quarters the way analysts do", () => {
    expect(formatPeriod("2025-Q3")).toBe("2025 Q3");
    expect(formatPeriod("2024-FY")).toBe("FY 2024");
  });
});
