import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ExportMenu } from "../../web/src/features/exports/components/ExportMenu.tsx";
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
    ["thesis", "csv", { asOf: "3" }, "/api/export/thesis.csv?asOf=3"],
    [
      "observations",
      "json",
      { companies: "AMZN", aiRevenue: "OPENAI", asOf: "2026-05-01" },
      "/api/export/observations.json?entity=AMZN%2COPENAI%2CNVDA&asOf=2026-05-01",
    ],
  ] as const)("links %s.%s for the view %j to %s", (table, format, params, href) => {
    expect(exportHref(table, format, params)).toBe(href);
  });
});

describe("ExportMenu", () => {
  it("offers the three tables in CSV, XLSX and JSON for the view's parameters", () => {
    const html = renderToStaticMarkup(createElement(ExportMenu, { params: { lookback: "2" } }));
    const links = [...html.matchAll(/<a href="([^"]+)" download="">([A-Z]+)<\/a>/g)].map(
      (m) => `${m[2]} ${m[1]!.replaceAll("&amp;", "&")}`,
    );
    expect(links).toHaveLength(9);
    expect(links).toContain("XLSX /api/export/thesis.xlsx?lookback=2");
    expect(links).toContain("CSV /api/export/companies.csv?lookback=2");
    expect(links.filter((link) => link.includes("observations.json"))).toHaveLength(1);
  });
});
