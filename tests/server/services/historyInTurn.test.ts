// The history keeps each committed version's summary: after an upload, the versions before it are
// the summaries already made (the same objects), and only the new version is computed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { DEFAULT_THESIS_PARAMS } from "../../../server/domain/thesis.ts";
import { historyInTurn } from "../../../server/services/getVintages.ts";
import { bearerTokens, type TempStore, tempStore, uploadThrough } from "../../helpers/store.ts";

let store: TempStore;
let app: ReturnType<typeof createApp>;
let tokens: Awaited<ReturnType<typeof bearerTokens>>;

const upload = (period: string) =>
  uploadThrough(
    app,
    tokens.analyst,
    "history.csv",
    `entity,metric,period,value,unit,source\nNVDA,datacenter_revenue,${period},1,USD_m,https://example.com/nvda\n`,
  );

beforeAll(async () => {
  store = await tempStore("default-data");
  tokens = await bearerTokens(store);
  app = createApp({ store });
  await upload("2031-Q1");
});
afterAll(() => store.close());

describe("historyInTurn", () => {
  it("after an upload, reuses every earlier version's summary and adds one for the new version", async () => {
    const before = (await historyInTurn(store, DEFAULT_THESIS_PARAMS)).answer.versions;
    await upload("2031-Q2");
    const after = (await historyInTurn(store, DEFAULT_THESIS_PARAMS)).answer.versions;
    expect(after.map((v) => v.version)).toEqual([...before.map((v) => v.version), before.length + 1]);
    for (const [i, summary] of after.slice(0, before.length).entries()) expect(summary, `version ${summary.version}`).toBe(before[i]);
    expect(after.at(-1)).not.toBe(before.at(-1));
  });
});
