import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Column } from "../../server/domain/exportTables.ts";
import { ExportMenu } from "../../web/src/features/exports/components/ExportMenu.tsx";
import { downloadCsv } from "../../web/src/features/exports/downloadCsv.ts";
import { exportHref } from "../../web/src/features/exports/exportLinks.ts";

describe("exportHref", () => {
  it.each([
    ["thesis", "csv", {}, "/api/export/thesis.csv"],
    ["thesis", "xlsx", { lookback: "2", from: "2024-Q1" }, "/api/export/thesis.xlsx?lookback=2&from=2024-Q1"],
    ["companies", "json", { companies: "MSFT,AMZN", to: "" }, "/api/export/companies.json?companies=MSFT%2CAMZN"],
    ["observations", "csv", {}, "/api/export/observations.csv?entity=MSFT%2CGOOGL%2CAMZN%2CMETA%2COPENAI%2CANTHROPIC%2CNVDA"],
    [
      "observations",
      "xlsx",
      { companies: "MSFT", aiRevenue: "OPENAI", from: "2024-Q1", lookback: "2" },
      "/api/export/observations.xlsx?entity=MSFT%2COPENAI%2CNVDA&from=2024-Q1",
    ],
  ] as const)("links %s.%s for the view %j to %s", (table, format, params, href) => {
    expect(exportHref(table, format, params)).toBe(href);
  });
});

describe("ExportMenu", () => {
  it("offers the three tables in CSV, XLSX and JSON for the view's parameters", () => {
    const html = renderToStaticMarkup(createElement(ExportMenu, { params: { lookback: "2" } }));
    const links = [...html.matchAll(/<a href="([^"]+)" download="">([A-Z]+)<\/a>/g)].map((m) => `${m[2]} ${m[1]!.replaceAll("&amp;", "&")}`);
    expect(links).toHaveLength(9);
    expect(links).toContain("XLSX /api/export/thesis.xlsx?lookback=2");
    expect(links).toContain("CSV /api/export/companies.csv?lookback=2");
    expect(links.filter((link) => link.includes("observations.json"))).toHaveLength(1);
  });
});

describe("downloadCsv", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("downloads a chart's table through the export's CSV writer, neutralised", async () => {
    const link = { href: "", download: "", click: vi.fn() };
    vi.stubGlobal("document", { createElement: () => link });
    let blob: Blob | undefined;
    vi.spyOn(URL, "createObjectURL").mockImplementation((b) => ((blob = b as Blob), "blob:chart"));
    const columns: Column[] = [
      { key: "quarter", header: "Quarter", kind: "quarter" },
      { key: "capex", header: "Capex", kind: "usd_m" },
      { key: "note", header: "Note", kind: "text" },
    ];
    downloadCsv("capex-by-company.csv", columns, [{ quarter: "2025-Q1", capex: -5, note: "=1+1" }]);
    expect(link).toMatchObject({ href: "blob:chart", download: "capex-by-company.csv" });
    expect(link.click).toHaveBeenCalledOnce();
    expect(blob!.type).toBe("text/csv;charset=utf-8");
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await blob!.arrayBuffer())).toBe("\uFEFFQuarter,Capex (USD m),Note\r\n2025-Q1,-5,'=1+1\r\n");
  });
});
