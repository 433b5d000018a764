import { describe, expect, it } from "vitest";
import type { Figure } from "../../../../server/domain/revisions.ts";
import { citedFigure } from "../../../../server/domain/sec/cite.ts";
import type { SecReadings } from "../../../../server/domain/sec/compare.ts";
import type { SecObservation } from "../../../../server/domain/sec/observations.ts";

const SEC_NOTE =
  "SEC XBRL, latest filing 2025-08-27: us-gaap:Revenues: 3 months 2024-04-29 to 2024-07-28 30,040 (10-Q 0001045810-25-000209 filed 2025-08-27).";
const sec: SecObservation = {
  entity: "NVDA",
  metric: "revenue",
  period: "2024-Q2",
  periodEnd: "2024-07-28",
  fiscalLabel: "FY2025 Q2",
  value: 30_040,
  basis: "reported",
  source: "https://www.sec.gov/Archives/edgar/data/1045810/000104581025000209/",
  note: SEC_NOTE,
  filed: "2025-08-27",
  tags: ["Revenues"],
};
const press: Figure = {
  period: "2024-Q2",
  periodEnd: "2024-07-28",
  fiscalLabel: "FY2025 Q2",
  value: 30_000,
  unit: "USD_m",
  basis: "reported",
  source: "https://hawkdive.com/?p=136474",
  note: "NVIDIA fiscal quarter; source: $30.0 billion",
};
/** Nothing else the facts say: no other vintage or tag explains a difference. */
const readings: SecReadings = { observations: [sec], otherVintage: new Map(), singleTag: new Map() };
const EARLIER =
  " Earlier figure: 30,000 USD_m (reported), source https://hawkdive.com/?p=136474;" +
  " the filing differs by +40 (rounded source: 30,040 rounded to the nearest 100); its note: NVIDIA fiscal quarter; source: $30.0 billion";

describe("citedFigure", () => {
  it("gives a figure no one stored the SEC's value, basis, source and note", () => {
    expect(citedFigure(null, sec, readings)).toEqual({ ...press, value: 30_040, source: sec.source, note: SEC_NOTE });
  });

  it("keeps the replaced figure's value, basis, source and note at the end of the note", () => {
    expect(citedFigure(press, sec, readings).note).toBe(SEC_NOTE + EARLIER);
  });

  it("names the replaced figure's dates where they differ", () => {
    const note = citedFigure({ ...press, periodEnd: "2024-07-31", fiscalLabel: "Q2 FY25", basis: "estimate" }, sec, readings).note;
    expect(note).toContain(
      " Earlier figure: 30,000 USD_m (estimate, period end 2024-07-31, fiscal label Q2 FY25), source https://hawkdive.com",
    );
  });

  it("says when the replaced figure had no source or note", () => {
    const note = citedFigure({ ...press, value: 30_040, source: null, note: null }, sec, readings).note;
    expect(note).toBe(`${SEC_NOTE} Earlier figure: 30,040 USD_m (reported), source none`);
  });

  it("says when it cannot tell why the filing differs", () => {
    expect(citedFigure({ ...press, value: 29_000 }, sec, readings).note).toContain(
      "; the filing differs by +1,040 (why unknown); its note:",
    );
  });

  it("changes nothing when citing a cited figure again", () => {
    const once = citedFigure(press, sec, readings);
    expect(citedFigure(once, sec, readings)).toEqual(once);
  });

  it("keeps what an earlier citation kept, once, when a later filing replaces it", () => {
    const later = { ...sec, value: 30_041, note: SEC_NOTE.replace("2025-08-27:", "2026-08-26:") };
    expect(citedFigure(citedFigure(press, sec, readings), later, readings).note).toBe(later.note + EARLIER);
  });
});
