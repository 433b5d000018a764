// A figure cited to its SEC filing: the SEC's value, basis, source and note, with everything the
// figure it replaces said kept at the end of the note (its value, basis, dates that differ, source,
// by how much and why it differs, and its note), so no source is lost. The importer and the
// rewrite of data/ both use it, and citing a cited figure again with the same filing changes nothing.
import { exactMillions } from "../format.ts";
import type { Figure } from "../revisions.ts";
import { differenceOf, type SecReadings, whyDifferent } from "./compare.ts";
import { filingDateOfNote, type SecObservation } from "./observations.ts";

const EARLIER = " Earlier figure: ";

export function citedFigure(stored: Figure | null, sec: SecObservation, readings: SecReadings): Figure {
  return {
    period: sec.period,
    periodEnd: sec.periodEnd,
    fiscalLabel: sec.fiscalLabel ?? stored?.fiscalLabel ?? null,
    value: sec.value,
    unit: "USD_m",
    basis: sec.basis,
    source: sec.source,
    note: `${sec.note}${stored ? earlierPart(stored, sec, readings) : ""}`,
  };
}

/** What the replaced figure said; for one cited before, what that citation had kept. */
function earlierPart(stored: Figure, sec: SecObservation, readings: SecReadings): string {
  const note = stored.note ?? "";
  if (filingDateOfNote(note) !== null) {
    const at = note.indexOf(EARLIER);
    return at === -1 ? "" : note.slice(at);
  }
  const differs = [
    stored.periodEnd === sec.periodEnd ? null : `period end ${stored.periodEnd}`,
    stored.fiscalLabel === null || stored.fiscalLabel === (sec.fiscalLabel ?? stored.fiscalLabel)
      ? null
      : `fiscal label ${stored.fiscalLabel}`,
  ].filter((part) => part !== null);
  const difference = differenceOf(stored.value, sec);
  const differsBy =
    difference === 0
      ? ""
      : `; the filing differs by ${difference > 0 ? "+" : ""}${exactMillions(difference)} (${whyDifferent(stored.value, sec, readings) ?? "why unknown"})`;
  return `${EARLIER}${exactMillions(stored.value)} ${stored.unit} (${[stored.basis, ...differs].join(", ")}), source ${stored.source ?? "none"}${differsBy}${
    stored.note ? `; its note: ${stored.note}` : ""
  }`;
}
