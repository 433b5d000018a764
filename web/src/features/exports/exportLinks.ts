// Where the Export menu's links point: the view's parameters for the thesis, companies and
// scenarios tables; for the raw observations, the view's entities in its quarters (as of the view's
// version, when it has one).
import type { ExportFormat, TableName } from "../../../../server/domain/exportTables.ts";
import { NVIDIA } from "../../../../server/domain/inputs.ts";
import { DEFAULT_THESIS_PARAMS } from "../../../../server/domain/thesis.ts";

/** The observations behind the view: its companies, its AI companies and NVIDIA (the Sequoia line). */
function observationFilter({ companies, aiRevenue, from, to, asOf }: Record<string, string>): Record<string, string> {
  const entities = [companies ?? DEFAULT_THESIS_PARAMS.companies.join(","), aiRevenue ?? DEFAULT_THESIS_PARAMS.aiRevenue.join(","), NVIDIA];
  return { entity: [...new Set(entities.join(",").split(","))].join(","), ...(from && { from }), ...(to && { to }), ...(asOf && { asOf }) };
}

export function exportHref(table: TableName, format: ExportFormat, params: Record<string, string>): string {
  const query = table === "observations" ? observationFilter(params) : params;
  // An empty parameter would be a 400; leaving it out means its default.
  const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== "")).toString();
  return `/api/export/${table}.${format}${search ? `?${search}` : ""}`;
}
