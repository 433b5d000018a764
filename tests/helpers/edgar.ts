// The recorded SEC companyfacts responses of tests/fixtures/edgar (real SEC data), parsed as the importer parses them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CompanyFacts, mergeCompanyFacts, parseCompanyFacts } from "../../server/domain/sec/companyFacts.ts";

export const EDGAR = fileURLToPath(new URL("../fixtures/edgar", import.meta.url));

export const RECORDINGS = {
  nvda: "nvda-companyfacts-2026-05-20.json",
  googlApril: "googl-companyfacts-2026-04-30.json",
  googlJuly: "googl-companyfacts-2026-07-23.json",
  msft: "msft-companyfacts-2026-07-29.json",
  meta: "meta-companyfacts-2026-04-30.json",
} as const;

export const recordingPath = (name: keyof typeof RECORDINGS) => join(EDGAR, RECORDINGS[name]);

/** One company's facts from one or more of its recordings, merged as `npm run sec` merges them. */
export function recorded(...names: (keyof typeof RECORDINGS)[]): CompanyFacts {
  return mergeCompanyFacts(
    names.map((name) => ({
      file: RECORDINGS[name],
      facts: parseCompanyFacts(RECORDINGS[name], readFileSync(recordingPath(name), "utf8")),
    })),
  );
}
