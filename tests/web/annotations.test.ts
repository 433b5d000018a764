import { describe, expect, it } from "vitest";
import { ANNOTATIONS, annotationsFor, annotationText, withAnnotations } from "../../web/src/lib/annotations.ts";

describe("annotationsFor", () => {
  it("gives a chart the annotations that concern it within its quarters, in time order", () => {
    const quarters = ["2022-Q3", "2022-Q4", "2024-Q2", "2024-Q3"];
    expect(annotationsFor("capex-vs-ai-revenue", quarters).map((a) => a.id)).toEqual(["chatgpt", "column", "msft-resegmented"]);
    expect(annotationsFor("coverage", quarters.slice(2)).map((a) => a.id)).toEqual(["column"]);
    expect(annotationsFor("earlier-cycles", quarters)).toEqual([]);
  });

  it("gives every annotation a source, and a link where there is one", () => {
    for (const a of ANNOTATIONS) {
      expect(a.source.label.length).toBeGreaterThan(10);
      if (a.source.href) expect(a.source.href).toMatch(/^https:\/\//);
    }
  });
});

describe("withAnnotations", () => {
  const table = {
    columns: [
      { key: "quarter", header: "Quarter", kind: "quarter" as const },
      { key: "v", header: "V", kind: "usd_m" as const },
    ],
    rows: [
      { quarter: { value: "2022-Q4" }, v: { value: 1 } },
      { quarter: { value: "2023-Q1" }, v: { value: 2 } },
    ],
  };
  const chatgpt = annotationsFor("coverage", ["2022-Q4"]);

  it("adds a column saying what happened in each quarter's row, empty where nothing did", () => {
    const annotated = withAnnotations(table, chatgpt);
    expect(annotated.columns.map((c) => c.header)).toEqual(["Quarter", "V", "Marked on the time axis"]);
    expect(annotated.rows.map((r) => r.annotation?.value)).toEqual([annotationText(chatgpt[0]!), ""]);
    expect(annotationText(chatgpt[0]!)).toBe(
      'ChatGPT (2022 Q4, 2022-11-30): OpenAI launches ChatGPT: year 0 of the AI cycle. Source: OpenAI, "Introducing ChatGPT", https://openai.com/index/chatgpt/.',
    );
  });

  it("leaves a table without annotations as it is", () => {
    expect(withAnnotations(table, [])).toBe(table);
  });
});
