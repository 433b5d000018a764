// SEC figures through the import path of uploads, into a real store, on the recordings.
import { afterEach, describe, expect, it } from "vitest";
import { secReadings } from "../../../server/domain/sec/compare.ts";
import type { Vintage } from "../../../server/domain/sec/observations.ts";
import { getObservationHistory } from "../../../server/services/getObservationHistory.ts";
import { importObservations } from "../../../server/services/importObservations.ts";
import { importSecFacts } from "../../../server/services/importSecFacts.ts";
import { listObservations } from "../../../server/services/listObservations.ts";
import { listUploads } from "../../../server/services/listUploads.ts";
import { loadCatalogFiles } from "../../../server/services/seedDefaultData.ts";
import { type RECORDINGS, recorded } from "../../helpers/edgar.ts";
import { checksumRows, DATA_DIR, type TempStore, tempStore } from "../../helpers/store.ts";

let store: TempStore;
afterEach(() => store?.close());

/** A store with the default catalogs and no figures. */
async function catalogStore(): Promise<TempStore> {
  const empty = await tempStore("empty");
  await loadCatalogFiles(empty, DATA_DIR);
  return empty;
}

const importAlphabet = (recordings: (keyof typeof RECORDINGS)[], vintage: Vintage, dryRun = false) =>
  importSecFacts(store, secReadings([recorded(...recordings)], { vintage }), { fileName: `googl-${vintage}.csv`, dryRun });

const capexHistory = async (period: string) => (await getObservationHistory(store, { entity: "GOOGL", metric: "capex", period })).revisions;

describe("importSecFacts", () => {
  it("writes every figure as one upload by `sec`, and a second import of the same filings changes nothing", async () => {
    store = await catalogStore();
    const first = await importAlphabet(["googlApril"], "latest");
    expect(first).toMatchObject({ committed: true, updated: 0, rejected: 0, problems: [] });
    expect(first.inserted).toBe((await listObservations(store, { entities: ["GOOGL"] })).length);
    expect((await listUploads(store))[0]).toMatchObject({ id: first.uploadId, tokenName: "sec", fileName: "googl-latest.csv" });

    const before = await checksumRows(store);
    const again = await importAlphabet(["googlApril"], "latest");
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: first.inserted, uploadId: null });
    expect(await checksumRows(store)).toBe(before);
  });

  it("turns a period the later recording re-files into a revision naming both filings", async () => {
    // 2025 Q2 capex: 6 months 39,643 - 3 months 17,197 = 22,446. In the April recording the latest
    // filing behind it is the 10-Q of 2026-04-30 (0001652044-26-000048, re-filing the 3 months); the
    // July one adds the 10-Q of 2026-07-23 (0001652044-26-000071, re-filing the 6 months).
    store = await catalogStore();
    await importAlphabet(["googlApril"], "latest");
    const later = await importAlphabet(["googlApril", "googlJuly"], "latest");
    expect(later.committed).toBe(true);
    const change = later.changes.find((c) => c.metric === "capex" && c.after?.period === "2025-Q2");
    expect(change?.before).toMatchObject({ value: 22_446, source: "https://www.sec.gov/Archives/edgar/data/1652044/000165204426000048/" });
    expect(change?.after).toMatchObject({ value: 22_446, source: "https://www.sec.gov/Archives/edgar/data/1652044/000165204426000071/" });
    // The July recording's new quarter: 6 months 2026 less 3 months 2026, inserted.
    expect(later.changes.some((c) => c.before === null && c.metric === "capex" && c.after?.period === "2026-Q2")).toBe(true);

    const revisions = await capexHistory("2025-Q2");
    expect(revisions.map((r) => r.source)).toEqual([
      "https://www.sec.gov/Archives/edgar/data/1652044/000165204426000048/",
      "https://www.sec.gov/Archives/edgar/data/1652044/000165204426000071/",
    ]);
    expect(revisions.map((r) => r.tokenName)).toEqual(["sec", "sec"]);
  });

  it("turns a re-stated value into a revision from the original filing's figure to the later one's", async () => {
    // 2016 Q1 capex: 2,428 in the 10-Q of 2016-05-03, re-stated as 2,444 in that of 2017-05-02.
    store = await catalogStore();
    await importAlphabet(["googlApril"], "original");
    const latest = await importAlphabet(["googlApril"], "latest", true);
    expect(latest.dryRun).toBe(true);
    const change = latest.changes.find((c) => c.metric === "capex" && c.after?.period === "2016-Q1");
    expect(change?.before).toMatchObject({
      value: 2_428,
      basis: "reported",
      source: "https://www.sec.gov/Archives/edgar/data/1652044/000165204416000021/",
    });
    expect(change?.after).toMatchObject({
      value: 2_444,
      basis: "restated",
      source: "https://www.sec.gov/Archives/edgar/data/1652044/000165204417000014/",
    });
    expect(await capexHistory("2016-Q1")).toHaveLength(1);

    await importAlphabet(["googlApril"], "latest");
    const [original, restated] = await capexHistory("2016-Q1");
    expect([original?.value, restated?.value]).toEqual([2_428, 2_444]);
    expect(restated?.note).toContain("first filed at 2,428 in 10-Q 0001652044-16-000021 filed 2016-05-03");
  });

  it("keeps what a replaced figure said at the end of the new one's note", async () => {
    store = await catalogStore();
    await importObservations(
      store,
      [
        {
          name: "typed.csv",
          text: "entity,metric,period,period_end,value,unit,basis,source,note\nGOOGL,capex,2016-Q1,2016-03-31,2400,USD_m,estimate,https://press.example,typed up\n",
        },
      ],
      { tokenName: "ana" },
    );
    const report = await importAlphabet(["googlApril"], "latest");
    const change = report.changes.find((c) => c.metric === "capex" && c.after?.period === "2016-Q1");
    expect(change?.before?.value).toBe(2_400);
    expect(change?.after?.note).toMatch(
      /^SEC XBRL, latest filing 2017-05-02: .* Earlier figure: 2,400 USD_m \(estimate\), source https:\/\/press\.example; the filing differs by \+44 \(why unknown\); its note: typed up$/,
    );
  });
});
