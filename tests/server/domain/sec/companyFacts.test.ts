import { describe, expect, it } from "vitest";
import { CompanyFactsError, mergeCompanyFacts, parseCompanyFacts } from "../../../../server/domain/sec/companyFacts.ts";

const fact = (overrides: Record<string, unknown> = {}) => ({
  start: "2025-01-01",
  end: "2025-03-31",
  val: 17_197_000_000,
  accn: "0001652044-25-000043",
  fy: 2025,
  fp: "Q1",
  form: "10-Q",
  filed: "2025-04-25",
  ...overrides,
});
const response = (facts: Record<string, unknown>, cik: unknown = 1652044) =>
  JSON.stringify({ cik, entityName: "Alphabet Inc.", facts: { "us-gaap": facts } });
const capex = (...facts: unknown[]) => ({ PaymentsToAcquirePropertyPlantAndEquipment: { label: "Capex", units: { USD: facts } } });

describe("parseCompanyFacts", () => {
  it("reads the table's tags of the company its CIK names, and only duration facts in USD", () => {
    const text = response({
      ...capex(fact(), fact({ start: undefined })),
      AccountsPayableCurrent: { units: { USD: [fact()] } },
      Revenues: { units: { "USD/shares": [{ nonsense: true }] } },
    });
    const parsed = parseCompanyFacts("googl.json", text);
    expect(parsed.company.entity).toBe("GOOGL");
    expect(parsed.facts).toEqual([
      {
        tag: "PaymentsToAcquirePropertyPlantAndEquipment",
        start: "2025-01-01",
        end: "2025-03-31",
        val: 17_197_000_000,
        accn: "0001652044-25-000043",
        form: "10-Q",
        filed: "2025-04-25",
      },
    ]);
  });

  it("accepts the CIK as digits, as some mirrors write it", () => {
    expect(parseCompanyFacts("f.json", response(capex(fact()), "0001652044")).company.entity).toBe("GOOGL");
  });

  it.each([
    ["text that is not JSON", "{", "f.json: not JSON"],
    ["a company outside the table", response({}, 320193), "f.json: CIK 320193 (Alphabet Inc.) is not a company of the SEC table"],
    ["no facts at all", JSON.stringify({ cik: 1652044, entityName: "x" }), "f.json: not a companyfacts response: facts:"],
    [
      "a bad accession number",
      response(capex(fact({ accn: "0001652044-25" }))),
      "facts.us-gaap.PaymentsToAcquirePropertyPlantAndEquipment.units.USD[0].accn: expected an accession number",
    ],
    ["a date that does not exist", response(capex(fact({ end: "2025-02-30" }))), "units.USD[0].end: expected a date YYYY-MM-DD"],
    ["a period that ends before it starts", response(capex(fact({ start: "2025-04-01" }))), "units.USD[0].start: start is after end"],
    ["a fraction of a dollar", response(capex(fact({ val: 1.5 }))), "units.USD[0].val: expected whole dollars"],
    ["a value beyond exact doubles", response(capex(fact({ val: 2 ** 60 }))), "units.USD[0].val:"],
    ["a list of facts that is not one", response({ PaymentsToAcquirePropertyPlantAndEquipment: { units: { USD: "many" } } }), "units.USD:"],
  ])("rejects %s, naming the file and where", (_, text, message) => {
    expect(() => parseCompanyFacts("f.json", text)).toThrow(CompanyFactsError);
    expect(() => parseCompanyFacts("f.json", text)).toThrow(message);
  });

  it("refuses a text larger than any companyfacts response before parsing it", () => {
    expect(() => parseCompanyFacts("huge.json", " ".repeat(64 * 1024 * 1024 + 1))).toThrow("huge.json: larger than 64 MB");
  });

  it("refuses more facts per tag than any company files", () => {
    const many = Array.from({ length: 20_001 }, () => fact());
    expect(() => parseCompanyFacts("f.json", response(capex(...many)))).toThrow("units.USD:");
  });
});

describe("mergeCompanyFacts", () => {
  const file = (name: string, ...facts: unknown[]) => ({ file: name, facts: parseCompanyFacts(name, response(capex(...facts))) });

  it("keeps a fact that two responses both hold once, and every other", () => {
    const later = fact({ accn: "0001652044-26-000048", filed: "2026-04-30" });
    const merged = mergeCompanyFacts([file("april.json", fact()), file("july.json", fact(), later)]);
    expect(merged.facts.map((f) => f.accn)).toEqual(["0001652044-25-000043", "0001652044-26-000048"]);
  });

  it("refuses two values for one tag, period and filing, naming both files", () => {
    expect(() => mergeCompanyFacts([file("a.json", fact()), file("b.json", fact({ val: 1_000_000 }))])).toThrow(
      "PaymentsToAcquirePropertyPlantAndEquipment 2025-01-01 to 2025-03-31 in filing 0001652044-25-000043 is 17197000000 in a.json but 1000000 in b.json",
    );
  });

  it("refuses two values within one response too", () => {
    expect(() => mergeCompanyFacts([file("a.json", fact(), fact({ val: 1_000_000 }))])).toThrow("in a.json but 1000000 in a.json");
  });

  it("refuses responses of two companies", () => {
    const nvidia = { file: "nvda.json", facts: parseCompanyFacts("nvda.json", response({}, 1045810)) };
    expect(() => mergeCompanyFacts([file("googl.json", fact()), nvidia])).toThrow("nvda.json is NVDA's, googl.json is GOOGL's");
  });
});
