// SEC figures into the store through the one import path of uploads (importObservations), as a CSV
// in the upload format: a preview of every change with its old and new value, one transaction,
// a revision per changed figure and an upload entry with the token name `sec`.
import { OBSERVATION_COLUMNS } from "../csv/observationCsv.ts";
import { writeCsvRecords } from "../csv/writeCsv.ts";
import type { Store } from "../db/client.ts";
import { citedFigure } from "../domain/sec/cite.ts";
import type { SecReadings } from "../domain/sec/compare.ts";
import { secKey } from "../domain/sec/observations.ts";
import { type ImportReport, importObservations } from "./importObservations.ts";
import { storedFigures } from "./storedFigures.ts";

export async function importSecFacts(
  store: Store,
  readings: SecReadings,
  options: { fileName: string; dryRun: boolean },
): Promise<ImportReport> {
  const { observations } = readings;
  // Read before the import's transaction: a figure another upload changes in between only loses
  // what this figure's note would have kept of it; the import itself compares with the stored state.
  const stored = await storedFigures(store, observations);
  const records = observations.map((observation) => {
    const figure = citedFigure(stored.get(secKey(observation)) ?? null, observation, readings);
    return [
      observation.entity,
      observation.metric,
      figure.period,
      figure.periodEnd,
      figure.fiscalLabel,
      figure.value,
      figure.unit,
      figure.basis,
      figure.source,
      figure.note,
    ];
  });
  const file = { name: options.fileName, text: writeCsvRecords(OBSERVATION_COLUMNS, records) };
  return importObservations(store, [file], { tokenName: "sec", dryRun: options.dryRun });
}
