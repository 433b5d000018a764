// On the recorded SEC responses (real data). Every expected figure was read by hand from the JSON:
// the facts' val in dollars, their start, end, accn and filed, as the comments give them.
import { describe, expect, it } from "vitest";
import { type CompanyFacts, parseCompanyFacts } from "../../../../server/domain/sec/companyFacts.ts";
import { calendarQuarterOf, filingDateOfNote, type SecObservation, secObservations } from "../../../../server/domain/sec/observations.ts";
import { recorded } from "../../../helpers/edgar.ts";

const nvda = recorded("nvda");
const googl = recorded("googlApril");
const msft = recorded("msft");

const find = (observations: SecObservation[], period: string) => {
  const found = observations.find((o) => o.period === period);
  if (!found) throw new Error(`no ${period}`);
  return found;
};
const folder = (cik: number, accession: string) => `https://www.sec.gov/Archives/edgar/data/${cik}/${accession.replaceAll("-", "")}/`;

describe("secObservations: year-to-date differencing", () => {
  // Alphabet 2024 capex (PaymentsToAcquirePropertyPlantAndEquipment, latest filings): 3 months 12,012
  // (0001652044-25-000043), 6 months 25,198 (-25-000062), 9 months 38,259 (-25-000091), full year
  // 52,535 (-26-000018).
  const capex = secObservations(googl, "capex", { vintage: "latest" });

  it.each([
    ["2024-Q1", "2024-03-31", 12_012, "reported", "0001652044-25-000043"],
    ["2024-Q2", "2024-06-30", 25_198 - 12_012, "derived", "0001652044-25-000062"],
    ["2024-Q3", "2024-09-30", 38_259 - 25_198, "derived", "0001652044-25-000091"],
    ["2024-Q4", "2024-12-31", 52_535 - 38_259, "derived", "0001652044-26-000018"],
  ])("gives %s as %d (%s), citing the later filing", (period, periodEnd, value, basis, accession) => {
    expect(find(capex, period)).toMatchObject({
      periodEnd,
      value,
      basis,
      source: folder(1652044, accession),
      fiscalLabel: `Q${period.at(-1)} 2024`,
    });
  });

  it("spells the quarters out: 12,012, 13,186, 13,061 and 14,276", () => {
    expect(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"].map((p) => find(capex, p).value)).toEqual([12_012, 13_186, 13_061, 14_276]);
  });

  it("writes the arithmetic, both filings and the tag in the note, starting with the latest filing's date", () => {
    const q2 = find(capex, "2024-Q2");
    expect(q2.note).toBe(
      "SEC XBRL, latest filing 2025-07-24: us-gaap:PaymentsToAcquirePropertyPlantAndEquipment: " +
        "6 months 2024-01-01 to 2024-06-30 25,198 (10-Q 0001652044-25-000062 filed 2025-07-24) minus " +
        "3 months 2024-01-01 to 2024-03-31 12,012 (10-Q 0001652044-25-000043 filed 2025-04-25) = 13,186.",
    );
    expect(filingDateOfNote(q2.note)).toBe("2025-07-24");
    expect(q2.filed).toBe("2025-07-24");
  });

  it("gives the full year as a fiscal-year row of its own", () => {
    expect(find(capex, "2024-FY")).toMatchObject({ value: 52_535, basis: "reported", fiscalLabel: "FY2024", periodEnd: "2024-12-31" });
  });
});

describe("secObservations: Q4 is the full year minus nine months", () => {
  it("gives NVIDIA's fiscal 2025 Q4 revenue as 130,497 - 91,166 = 39,331", () => {
    // Revenues 2024-01-29 to 2025-01-26: 130,497 (10-K 0001045810-26-000021, filed 2026-02-25);
    // 2024-01-29 to 2024-10-27: 91,166 (10-Q 0001045810-25-000230, filed 2025-11-19).
    const q4 = find(secObservations(nvda, "revenue", { vintage: "latest" }), "2024-Q4");
    expect(q4).toMatchObject({
      value: 39_331,
      basis: "derived",
      periodEnd: "2025-01-26",
      fiscalLabel: "FY2025 Q4",
      source: folder(1045810, "0001045810-26-000021"),
    });
    expect(q4.note).toContain("12 months 2024-01-29 to 2025-01-26 130,497 (10-K 0001045810-26-000021 filed 2026-02-25)");
    expect(q4.note).toContain("minus 9 months 2024-01-29 to 2024-10-27 91,166 (10-Q 0001045810-25-000230 filed 2025-11-19) = 39,331.");
  });

  it("takes both facts from filings as many years after their periods, so that they are on one basis", () => {
    // Alphabet's 2014 capex: the full year 10,959 (10-K and 8-K of 2016) was re-filed at 11,014 by
    // the 10-K of February 2017, two years on; the nine months 7,408 were only ever filed in
    // October 2015. 11,014 - 7,408 would mix the re-stated year with the old nine months.
    const q4 = find(secObservations(googl, "capex", { vintage: "latest" }), "2014-Q4");
    expect(q4.value).toBe(10_959 - 7_408);
    expect(q4.note).toContain("last filed at 11,014 in 10-K 0001652044-17-000008 filed 2017-02-03");
    expect(q4.note).toContain("Both as filed 1 year after their periods, so that they are on one basis.");
  });
});

describe("secObservations: a tag switch", () => {
  // NVIDIA's capex: PaymentsToAcquirePropertyPlantAndEquipment until the 10-Q of August 2020,
  // PaymentsToAcquireProductiveAssets after, which also re-filed the earlier periods.
  const latest = secObservations(nvda, "capex", { vintage: "latest" });

  it("reads a period only the old tag has from the old tag", () => {
    // 6 months to 2019-07-28: 241; 3 months to 2019-04-28: 128 (both PPE, 10-Qs of 2020).
    expect(find(latest, "2019-Q2")).toMatchObject({ value: 241 - 128, tags: ["PaymentsToAcquirePropertyPlantAndEquipment"] });
  });

  it("reads a period both tags have from the one filed latest", () => {
    // 3 months to 2020-04-26: 155 as PPE (10-Q 2020-05-21) and as ProductiveAssets (10-Q 2021-05-26).
    expect(find(latest, "2020-Q1")).toMatchObject({
      value: 155,
      tags: ["PaymentsToAcquireProductiveAssets"],
      source: folder(1045810, "0001045810-21-000064"),
    });
    expect(find(secObservations(nvda, "capex", { vintage: "original" }), "2020-Q1")).toMatchObject({
      tags: ["PaymentsToAcquirePropertyPlantAndEquipment"],
      source: folder(1045810, "0001045810-20-000065"),
    });
  });

  it("takes each year-to-date fact from its own latest tag, naming both in the note", () => {
    // 9 months to 2019-10-27: 344 as ProductiveAssets (10-Q 2020-11-18); 6 months: 241 as PPE only.
    const q3 = find(latest, "2019-Q3");
    expect(q3.value).toBe(344 - 241);
    expect(q3.tags).toEqual(["PaymentsToAcquireProductiveAssets", "PaymentsToAcquirePropertyPlantAndEquipment"]);
  });

  it("reads the new tag alone when asked for one tag", () => {
    const productive = secObservations(nvda, "capex", { vintage: "latest", tag: "PaymentsToAcquireProductiveAssets" });
    expect(productive.some((o) => o.period === "2019-Q2")).toBe(false);
    expect(find(productive, "2021-Q1").value).toBe(298);
  });
});

describe("secObservations: vintages", () => {
  // Alphabet 2016 Q1 capex: 2,428 (10-Q 0001652044-16-000021, 2016-05-03), re-stated as 2,444 (10-Q 0001652044-17-000014, 2017-05-02).
  it("gives the latest filing's figure as restated, naming the first", () => {
    const q1 = find(secObservations(googl, "capex", { vintage: "latest" }), "2016-Q1");
    expect(q1).toMatchObject({ value: 2_444, basis: "restated", source: folder(1652044, "0001652044-17-000014") });
    expect(q1.note).toContain("first filed at 2,428 in 10-Q 0001652044-16-000021 filed 2016-05-03");
  });

  it("gives the figure as originally reported with --vintage original, naming the later one", () => {
    const q1 = find(secObservations(googl, "capex", { vintage: "original" }), "2016-Q1");
    expect(q1).toMatchObject({ value: 2_428, basis: "reported", source: folder(1652044, "0001652044-16-000021") });
    expect(q1.note).toContain("last filed at 2,444 in 10-Q 0001652044-17-000014 filed 2017-05-02");
  });

  it("keeps a precise figure that a later filing only rounds", () => {
    // NVIDIA's operating cash flow, fiscal 2015: 905,656 thousand (10-K 2015-03-12), then 906 million (10-K 2016-03-17).
    expect(find(secObservations(nvda, "operating_cash_flow", { vintage: "latest" }), "2014-FY")).toMatchObject({
      value: 905.656,
      basis: "reported",
      source: folder(1045810, "0001045810-15-000036"),
    });
  });
});

describe("secObservations: fiscal placement by each fact's own dates", () => {
  it.each([
    // Microsoft's year ends 30 June: July to September 2024 is fiscal 2025 Q1, a 3-month fact of 14,923.
    [msft, "2024-Q3", "2024-09-30", "FY2025 Q1", 14_923],
    // April to June 2025 is fiscal 2025 Q4: full year 64,551 - nine months 47,472.
    [msft, "2025-Q2", "2025-06-30", "FY2025 Q4", 64_551 - 47_472],
    // Its fiscal 2025 has 184 days in 2024 and 181 in 2025.
    [msft, "2024-FY", "2025-06-30", "FY2025", 64_551],
    // NVIDIA's year ends in late January: 2024-10-28 to 2025-01-26 is mostly 2024 Q4.
    [nvda, "2024-Q4", "2025-01-26", "FY2025 Q4", 39_331],
    [nvda, "2024-Q1", "2024-04-28", "FY2025 Q1", 26_044],
    [nvda, "2024-FY", "2025-01-26", "FY2025", 130_497],
  ] as [CompanyFacts, string, string, string, number][])("places %s's figure in %s", (facts, period, periodEnd, fiscalLabel, value) => {
    const metric = facts === msft ? "capex" : "revenue";
    expect(find(secObservations(facts, metric, { vintage: "latest" }), period)).toMatchObject({ periodEnd, fiscalLabel, value });
  });

  it("never reads the filing's fy or fp: a fact with misleading ones lands by its dates", () => {
    const response = {
      cik: 1045810,
      entityName: "NVIDIA CORP",
      facts: {
        "us-gaap": {
          Revenues: {
            units: {
              USD: [
                {
                  start: "2024-04-29",
                  end: "2024-07-28",
                  val: 1_000_000,
                  accn: "0001045810-99-000001",
                  fy: 2019,
                  fp: "Q4",
                  form: "10-Q",
                  filed: "2024-08-28",
                },
              ],
            },
          },
        },
      },
    };
    const [only] = secObservations(parseCompanyFacts("misleading.json", JSON.stringify(response)), "revenue", { vintage: "latest" });
    expect(only).toMatchObject({ period: "2024-Q2", fiscalLabel: "FY2025 Q2", value: 1 });
  });
});

describe("calendarQuarterOf", () => {
  it.each([
    ["2024-10-28", "2025-01-26", "2024-Q4"],
    ["2024-07-01", "2024-09-30", "2024-Q3"],
    // 14 weeks, 49 days in each quarter: the later one.
    ["2023-02-11", "2023-05-19", "2023-Q2"],
  ])("puts %s to %s in %s", (start, end, quarter) => {
    expect(calendarQuarterOf(start, end)).toBe(quarter);
  });
});

describe("filingDateOfNote", () => {
  it.each([
    ["SEC XBRL, latest filing 2025-07-24: us-gaap:Revenues ...", "2025-07-24"],
    ["SEC XBRL, latest filing 2025-02-30: a date that does not exist", null],
    ["From a press release, filed 2025-07-24", null],
    [null, null],
  ])("reads %j as %j", (note, date) => {
    expect(filingDateOfNote(note)).toBe(date);
  });
});
