// A table of the thesis or the scenarios (for their parameters) or of the raw observations (for
// their filter) as a CSV, XLSX or JSON file, with the sources and method behind it. The route and
// the CLI both call it.
import { writeCsv } from "../csv/writeCsv.ts";
import type { Store } from "../db/client.ts";
import {
  companiesTable,
  type ExportFormat,
  KILLER_APP_RULES,
  killerAppsTable,
  observationsBehind,
  observationsTable,
  SCENARIO_FORMULAS,
  scenarioAssumptions,
  scenariosTable,
  sourcesTable,
  type TableExport,
  THESIS_FORMULAS,
  thesisTable,
} from "../domain/exportTables.ts";
import { inputFilters } from "../domain/inputs.ts";
import { APP_METRICS, type KillerAppParams } from "../domain/killerApps.ts";
import { AS_OF_PARAMETERS, type AsOf, type ScenarioParams } from "../domain/parameters.ts";
import { plainRows } from "../domain/table.ts";
import type { ThesisParams } from "../domain/thesis.ts";
import { writeWorkbook } from "../xlsx/writeWorkbook.ts";
import { getDataVersion } from "./getDataVersion.ts";
import { getKillerApps } from "./getKillerApps.ts";
import { getScenarios, scenarioThesisParams } from "./getScenarios.ts";
import { getThesis } from "./getThesis.ts";
import { killerAppsExportAsOf, observationsExportAsOf, scenariosExportAsOf, thesisExportAsOf } from "./getVintages.ts";
import { listObservations, type ObservationFilter } from "./listObservations.ts";

export type ExportRequest =
  | { table: "thesis" | "companies"; params: ThesisParams; asOf?: AsOf | null }
  | { table: "observations"; filter: ObservationFilter; asOf?: AsOf | null }
  | { table: "killer-apps"; params: KillerAppParams; asOf?: AsOf | null }
  | { table: "scenarios"; params: ScenarioParams; asOf?: AsOf | null };

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: string | Uint8Array<ArrayBuffer>;
  dataVersion: number;
  rowCount: number;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8; header=present",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json; charset=utf-8",
};

const asText = (value: unknown) =>
  Array.isArray(value) ? value.join(",") : value === null || value === undefined ? "not set" : String(value);
const parametersOf = (params: object) => Object.fromEntries(Object.entries(params).map(([name, value]) => [name, asText(value)]));

/** An export as of a version says so among its parameters. */
const asOfParameter = (asOf: AsOf | null | undefined): Record<string, string> => (asOf ? { asOf: AS_OF_PARAMETERS.asOf.format(asOf) } : {});

/** Every figure the thesis of these parameters reads. */
const observationsOf = (store: Store, params: ThesisParams) => inputFilters(params).flatMap((input) => listObservations(store, input));

/** The table with its parameters and sources, read in one transaction: one state of the data. */
function tableExport(store: Store, request: ExportRequest): TableExport {
  return store.sqlite.transaction((): TableExport => {
    if (request.table === "observations") {
      const { dataVersion, observations } = request.asOf
        ? observationsExportAsOf(store, request.filter, request.asOf)
        : { dataVersion: getDataVersion(store).version, observations: listObservations(store, request.filter) };
      return {
        name: request.table,
        dataVersion,
        table: observationsTable(observations),
        parameters: { ...parametersOf(request.filter), ...asOfParameter(request.asOf) },
        formulas: [],
        sources: sourcesTable(observations),
      };
    }
    if (request.table === "killer-apps") {
      const { watch, figures } = request.asOf
        ? killerAppsExportAsOf(store, request.params, request.asOf)
        : (() => {
            const { answer: now } = getKillerApps(store, request.params);
            const apps = [...now.apps.map((v) => v.app.id), ...now.yardsticks.map((y) => y.id)];
            return { watch: now, figures: listObservations(store, { entities: apps, metrics: [...APP_METRICS] }) };
          })();
      return {
        name: request.table,
        dataVersion: watch.dataVersion,
        table: killerAppsTable(watch),
        parameters: { ...parametersOf(watch.params), ...asOfParameter(request.asOf) },
        formulas: KILLER_APP_RULES,
        sources: sourcesTable(figures),
      };
    }
    if (request.table === "scenarios") {
      // The thesis the scenarios were computed from (cached): its figures are the sources.
      const { scenarios, thesis, figures } = request.asOf
        ? scenariosExportAsOf(store, request.params, request.asOf)
        : (() => {
            const { answer: now } = getThesis(store, scenarioThesisParams(request.params));
            return { scenarios: getScenarios(store, request.params).answer, thesis: now, figures: observationsOf(store, now.params) };
          })();
      return {
        name: request.table,
        dataVersion: scenarios.dataVersion,
        table: scenariosTable(scenarios),
        parameters: { ...parametersOf(request.params), ...scenarioAssumptions(scenarios), ...asOfParameter(request.asOf) },
        formulas: SCENARIO_FORMULAS,
        sources: sourcesTable(observationsBehind(request.table, thesis, figures)),
      };
    }
    const { thesis, figures } = request.asOf
      ? thesisExportAsOf(store, request.params, request.asOf)
      : (() => {
          const { answer: now } = getThesis(store, request.params);
          return { thesis: now, figures: observationsOf(store, now.params) };
        })();
    return {
      name: request.table,
      dataVersion: thesis.dataVersion,
      table: request.table === "thesis" ? thesisTable(thesis) : companiesTable(thesis),
      parameters: { ...parametersOf(thesis.params), ...asOfParameter(request.asOf) },
      formulas: THESIS_FORMULAS,
      sources: sourcesTable(observationsBehind(request.table, thesis, figures)),
    };
  })();
}

async function bodyOf(doc: TableExport, format: ExportFormat): Promise<string | Uint8Array<ArrayBuffer>> {
  if (format === "csv") return writeCsv(doc.table.columns, doc.table.rows);
  if (format === "xlsx") return writeWorkbook(doc);
  const { name, dataVersion, parameters, table, formulas, sources } = doc;
  return JSON.stringify({
    table: name,
    dataVersion,
    parameters,
    columns: table.columns,
    rows: plainRows(table),
    formulas,
    sources: plainRows(sources),
  });
}

export async function exportTable(store: Store, request: ExportRequest, format: ExportFormat): Promise<ExportFile> {
  const doc = tableExport(store, request);
  return {
    fileName: `ai-capex-${doc.name}-v${doc.dataVersion}.${format}`,
    contentType: CONTENT_TYPES[format],
    body: await bodyOf(doc, format),
    dataVersion: doc.dataVersion,
    rowCount: doc.table.rows.length,
  };
}
