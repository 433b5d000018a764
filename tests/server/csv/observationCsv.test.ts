import { describe, expect, it } from "vitest";
import { parseEntitiesCsv, parseMetricsCsv } from "../../../server/csv/catalogCsv.ts";
import {
  type Catalog,
  type LocatedObservation,
  noFindings,
  observationParser,
  readObservations,
} from "../../../server/csv/observationCsv.ts";
import type { CsvHead } from "../../../server/csv/readCsv.ts";
import type { UnstatedField } from "../../../server/domain/revisions.ts";
import { fixture } from "../../helpers/store.ts";

const catalog: Catalog = {
  entities: new Map(parseEntitiesCsv("entities.csv", fixture("entities.csv").text).items.map((e) => [e.id, e])),
  metrics: new Map(parseMetricsCsv("metrics.csv", fixture("metrics.csv").text).items.map((m) => [m.id, m])),
};
/** Reads a file, collecting what readObservations hands over. */
function parseObservationCsv(name: string, text: string, known: Catalog) {
  const observations: LocatedObservation[] = [];
  const result = readObservations(name, text, known, (observation) => observations.push(observation));
  return { ...result, observations };
}
const parse = (name: string) => parseObservationCsv(name, fixture(name).text, catalog);

describe("readObservations on a valid file", () => {
  const result = parse("good.csv");

  it("accepts every row and reports no problem", () => {
    expect(result.problems).toEqual([]);
    expect(result.observations).toHaveLength(7);
    expect(result.rejectedRows).toBe(0);
  });

  it("keeps every column, quoted commas and doubled quotes included", () => {
    expect(result.observations[1]).toMatchObject({
      file: "good.csv",
      line: 3,
      entity: "MSFT",
      metric: "capex",
      kind: "flow",
      period: "2025-Q4",
      fiscalLabel: "FY2026 Q2",
      value: 37507.5,
      unit: "USD_m",
      basis: "derived",
      source: "https://example.com/msft-10q2",
      note: 'six months minus three months; "derived" here',
    });
  });

  it("gives a flow without period_end its calendar quarter's last day", () => {
    expect(result.observations[1]!.periodEnd).toBe("2025-12-31");
  });

  it("reads an empty basis as reported", () => {
    expect(result.observations[2]).toMatchObject({ entity: "NVDA", basis: "reported", periodEnd: "2025-01-26", period: "2024-Q4" });
  });

  it("accepts a fiscal year ending within half a year of 31 December", () => {
    expect(result.observations[3]).toMatchObject({ period: "2025-FY", periodEnd: "2026-01-25", value: 130497 });
  });

  it("marks run-rates as point-in-time observations", () => {
    expect(result.observations[4]).toMatchObject({ kind: "point", unit: "USD_m_annualized", basis: "estimate" });
  });

  it("accepts a currency other than the metric's (Spotify reports in euros)", () => {
    expect(result.observations[6]).toMatchObject({ entity: "SPOT", unit: "EUR_m", value: 4190 });
  });

  it("warns, without rejecting, about an empty source", () => {
    expect(result.warnings).toEqual([
      { file: "good.csv", line: 7, column: "source", value: "", message: "no source given: the figure cannot be traced" },
    ]);
    expect(result.observations[5]!.source).toBeNull();
  });
});

describe("readObservations on header variants", () => {
  it("matches header names without regard to case or order and skips blank CRLF lines", () => {
    const result = parse("reordered-crlf.csv");
    expect(result.problems).toEqual([]);
    expect(result.observations).toMatchObject([
      { line: 3, entity: "AMZN", metric: "capex", period: "2025-Q1", value: 24254, periodEnd: "2025-03-31" },
    ]);
  });

  it("ignores a UTF-8 byte order mark", () => {
    const result = parse("bom.csv");
    expect(result.problems).toEqual([]);
    expect(result.observations[0]).toMatchObject({ entity: "AMZN", value: 1.5 });
  });

  it("rejects a file missing a required column and names the unknown one", () => {
    const result = parse("broken-header.csv");
    expect(result.observations).toEqual([]);
    expect(result.rejectedRows).toBe(1);
    expect(result.problems).toEqual([
      { file: "broken-header.csv", line: 1, column: "value", value: "", message: 'required column "value" is missing' },
      expect.objectContaining({ file: "broken-header.csv", line: 1, column: "valeu", message: expect.stringMatching(/^unknown column/) }),
    ]);
  });
});

describe("readObservations on broken rows", () => {
  const result = parse("broken-rows.csv");
  const at = (line: number) =>
    result.problems.filter((problem) => problem.line === line).map(({ column, value, message }) => ({ column, value, message }));

  it("rejects every bad row and hands over the valid ones, a repeated observation included (the importer finds repeats)", () => {
    expect(result.observations.map((o) => o.line)).toEqual([2, 16]);
    expect(result.rejectedRows).toBe(14);
  });

  it.each([
    [3, "value", "$19,394", /plain decimal number.*no currency sign/],
    [4, "entity", "msft", /unknown entity; did you mean MSFT\?/],
    [5, "metric", "Capex", /unknown metric; did you mean capex\?/],
    [6, "period", "2025-Q5", /YYYY-Qn/],
    [7, "period", "1970-Q1", /year from 1980 to 2100/],
    [8, "period_end", "2025-02-30", /real date/],
    [9, "period_end", "2025-08-31", /within 45 days of 2025-03-31/],
    [10, "value", "12%", /plain decimal number/],
    [11, "unit", "GBP_m", /expected one of USD_m, EUR_m, USD_m_annualized, users_m/],
    [12, "unit", "USD_m", /measured in USD_m_annualized/],
    [13, "period_end", "", /required for the point-in-time metric/],
    [14, "basis", "guess", /expected one of reported, derived/],
    [15, "value", "", /required/],
  ])("line %i: names column %s with value %j", (line, column, value, message) => {
    expect(at(line)).toEqual([{ column, value, message: expect.stringMatching(message) }]);
  });

  it("line 17: rejects a row with more fields than the header", () => {
    expect(at(17)).toEqual([{ column: "field 11", value: "extra", message: "the row has 11 fields; the header has 10" }]);
  });
});

describe("readObservations line numbers", () => {
  it("counts the lines of a quoted multi-line note, so the next row's problem names its own line", () => {
    const result = parse("multiline.csv");
    expect(result.observations.map((o) => o.line)).toEqual([2]);
    expect(result.problems).toEqual([expect.objectContaining({ line: 4, column: "value", value: "x" })]);
  });

  it("reports an unterminated quote as malformed CSV on the line where the row starts", () => {
    const result = parse("broken-quote.csv");
    expect(result.observations).toEqual([]);
    expect(result.problems[0]).toMatchObject({
      file: "broken-quote.csv",
      line: 2,
      message: expect.stringMatching(/malformed CSV: quoted field unterminated/),
    });
  });
});

describe("readObservations on spreadsheet exports", () => {
  const text = (...lines: string[]) => lines.join("\n");

  it.each([
    ["comma", 'entity,metric,period,value,unit\nMSFT,capex,2025-Q3,"1,234.5",USD_m'],
    ["semicolon", "entity;metric;period;value;unit\nMSFT;capex;2025-Q3;1,234.5;USD_m"],
    ["tab", 'entity\tmetric\tperiod\tvalue\tunit\nMSFT\tcapex\t2025-Q3\t"1,234.5"\tUSD_m'],
  ])("detects the %s delimiter and reads thousands separators", (delimiter, csv) => {
    const result = parseObservationCsv("export.csv", csv, catalog);
    expect(result).toMatchObject({ delimiter, layout: "long", problems: [] });
    expect(result.observations.map((o) => o.value)).toEqual([1234.5]);
  });

  it("rejects a comma number without a decimal point in a semicolon file: 1,234 may mean 1.234 there", () => {
    const result = parseObservationCsv("export.csv", text("entity;metric;period;value;unit", "MSFT;capex;2025-Q3;1,234;USD_m"), catalog);
    expect(result.problems).toEqual([
      expect.objectContaining({ line: 2, column: "value", value: "1,234", message: expect.stringMatching(/could be a decimal comma/) }),
    ]);
  });

  it("reads the wide layout as the same observations as the long one", () => {
    const long = parse("same-data-long.csv");
    const wide = parse("same-data-wide.csv");
    expect(wide).toMatchObject({ layout: "wide", delimiter: "semicolon", problems: [] });
    const strip = ({ file: _f, line: _l, valueColumn: _v, keyColumn: _k, ...o }: LocatedObservation) => o;
    expect(wide.observations.map(strip)).toEqual(long.observations.map(strip));
    expect(long.observations).toHaveLength(4);
  });

  it("names a wide cell's problems by the line and the period's column", () => {
    const result = parseObservationCsv("wide.csv", text("entity,metric,unit,2025-Q2,2025-Q3", "MSFT,capex,USD_m,100,12%"), catalog);
    expect(result.problems).toEqual([expect.objectContaining({ line: 2, column: "2025-Q3", value: "12%" })]);
    expect(result.observations).toEqual([]);
  });

  it("accepts a new entity and a new metric with a warning, the metric's kind inferred from its unit", () => {
    const result = parseObservationCsv(
      "new.csv",
      text(
        "entity,metric,period,period_end,value,unit,source",
        "ORCL,capex,2025-Q3,,8500,USD_m,x",
        "ORCL,backlog,2025-Q3,2025-08-31,455000,USD_m_annualized,x",
        "ORCL,capex,2025-Q4,,9000,USD_m,x",
      ),
      { ...catalog, confirmedMetrics: new Set(["backlog"]) },
    );
    expect(result.problems).toEqual([]);
    expect(result.newEntities).toEqual([expect.objectContaining({ id: "ORCL", name: "ORCL", group: "unclassified" })]);
    expect(result.newMetrics).toEqual([expect.objectContaining({ id: "backlog", kind: "point", unit: "USD_m_annualized" })]);
    expect(result.warnings.map(({ line, column, message }) => ({ line, column, message }))).toEqual([
      { line: 2, column: "entity", message: "new entity: committing adds ORCL to the catalog, named by its id" },
      {
        line: 3,
        column: "metric",
        message: "new metric: committing adds backlog to the catalog as a point in USD_m_annualized, named by its id",
      },
    ]);
  });
});

describe("observationParser, the parse and validate stage", () => {
  const head = (header: string[], problems: CsvHead["problems"] = []): CsvHead => ({ delimiter: "comma", header, problems });
  const LONG = ["entity", "metric", "period", "period_end", "value", "unit", "basis", "source"];
  const located = (more: Partial<LocatedObservation>): LocatedObservation => ({
    file: "a.csv",
    line: 2,
    valueColumn: "value",
    keyColumn: "period",
    // LONG has no fiscal_label or note column.
    unstated: ["fiscalLabel", "note"],
    entity: "MSFT",
    metric: "capex",
    kind: "flow",
    period: "2025-Q3",
    periodEnd: "2025-09-30",
    fiscalLabel: null,
    value: 100,
    unit: "USD_m",
    basis: "reported",
    source: "x",
    note: null,
    ...more,
  });

  it("turns a long record into its located observation, columns it lacks read as empty", () => {
    const findings = noFindings();
    const parse = observationParser("a.csv", head(LONG), catalog, findings);
    const cells = {
      entity: "MSFT",
      metric: "capex",
      period: "2025-Q3",
      period_end: "",
      value: "1,234.5",
      unit: "USD_m",
      basis: "",
      source: "x",
    };
    expect(parse?.({ line: 4, cells }, [])).toEqual([located({ line: 4, value: 1234.5 })]);
    const point = {
      ...cells,
      entity: "OPENAI",
      metric: "ai_revenue_run_rate",
      period: "2025-Q2",
      period_end: "2025-06-09",
      value: "10000",
      unit: "USD_m_annualized",
      basis: "run_rate",
    };
    expect(parse?.({ line: 5, cells: point }, [])).toEqual([
      located({
        line: 5,
        keyColumn: "period_end",
        entity: "OPENAI",
        metric: "ai_revenue_run_rate",
        kind: "point",
        period: "2025-Q2",
        periodEnd: "2025-06-09",
        value: 10000,
        unit: "USD_m_annualized",
        basis: "run_rate",
      }),
    ]);
    expect(findings).toEqual(noFindings());
  });

  it("turns each filled period cell of a wide record into an observation named by that column", () => {
    const findings = noFindings();
    const parse = observationParser("w.csv", head(["entity", "metric", "unit", "2025-q2", "2025-q3", "2025-fy"]), catalog, findings);
    const cells = { entity: "MSFT", metric: "capex", unit: "USD_m", "2025-q2": "", "2025-q3": "12", "2025-fy": "40" };
    // The wide layout has no period_end or fiscal_label column, and this header no basis, source or note.
    const unstated: UnstatedField[] = ["periodEnd", "fiscalLabel", "basis", "source", "note"];
    expect(parse?.({ line: 3, cells }, [])).toEqual([
      located({ file: "w.csv", line: 3, valueColumn: "2025-Q3", keyColumn: "2025-Q3", value: 12, source: null, unstated }),
      located({
        file: "w.csv",
        line: 3,
        unstated,
        valueColumn: "2025-FY",
        keyColumn: "2025-FY",
        period: "2025-FY",
        periodEnd: "2025-12-31",
        value: 40,
        source: null,
      }),
    ]);
    // The row's missing source is one warning, not one per period.
    expect(findings.warnings).toEqual([
      { file: "w.csv", line: 3, column: "source", value: "", message: "no source given: the figure cannot be traced" },
    ]);
  });

  it("rejects a record with problems in its structure or its cells, listing each, and counts it", () => {
    const findings = noFindings();
    const parse = observationParser("a.csv", head(LONG), catalog, findings);
    const structural = { file: "a.csv", line: 2, column: "source", value: "", message: "malformed CSV: quoted field unterminated" };
    const fine = { entity: "MSFT", metric: "capex", period: "2025-Q3", period_end: "", value: "1", unit: "USD_m", basis: "", source: "x" };
    expect(parse?.({ line: 2, cells: fine }, [structural])).toBeNull();
    expect(parse?.({ line: 3, cells: { ...fine, value: "12%", unit: "GBP_m" } }, [])).toBeNull();
    expect(findings.rejectedRows).toBe(2);
    expect(findings.problems).toEqual([
      structural,
      expect.objectContaining({ line: 3, column: "value", value: "12%", message: expect.stringMatching(/plain decimal number/) }),
      expect.objectContaining({ line: 3, column: "unit", value: "GBP_m", message: expect.stringMatching(/^expected one of/) }),
    ]);
  });

  it("gives no parser for a rejected header, listing the header row's own problems first", () => {
    const findings = noFindings();
    const own = { file: "a.csv", line: 1, column: "entity", value: "entity", message: "the column appears twice in the header" };
    expect(observationParser("a.csv", head(["entity", "entity", "period", "value"], [own]), catalog, findings)).toBeNull();
    expect(findings.problems).toEqual([
      own,
      { file: "a.csv", line: 1, column: "metric", value: "", message: 'required column "metric" is missing' },
      { file: "a.csv", line: 1, column: "unit", value: "", message: 'required column "unit" is missing' },
    ]);
    expect(findings.rejectedRows).toBe(0);
  });

  it("knows an id the file introduces in its later records, and leaves the catalog it was given as it was", () => {
    const findings = noFindings();
    const parse = observationParser("a.csv", head(LONG), catalog, findings);
    const cells = { entity: "ORCL", metric: "capex", period: "2025-Q3", period_end: "", value: "1", unit: "USD_m", basis: "", source: "x" };
    expect(parse?.({ line: 2, cells }, [])).toEqual([located({ entity: "ORCL", value: 1 })]);
    expect(parse?.({ line: 3, cells: { ...cells, entity: "orcl" } }, [])).toBeNull();
    expect(findings.newEntities).toEqual([
      { id: "ORCL", name: "ORCL", group: "unclassified", note: "Added by an upload; not yet described in entities.csv", launched: null },
    ]);
    expect(findings.warnings.map((warning) => [warning.line, warning.column])).toEqual([[2, "entity"]]);
    expect(findings.problems).toEqual([
      expect.objectContaining({ line: 3, column: "entity", message: "unknown entity; did you mean ORCL?" }),
    ]);
    expect(catalog.entities.has("ORCL")).toBe(false);
  });
});
