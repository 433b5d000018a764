// The status matrix of the upload and history endpoints, in-process against a temporary SQLite file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { bearerTokens, checksumRows, type TempStore, tempStore } from "../../helpers/store.ts";

const NEW_QUARTER = "entity,metric,period,value,unit,source\nMSFT,capex,2026-Q3,40100,USD_m,https://example.com/msft-q\n";

let store: TempStore;
let app: ReturnType<typeof createApp>;
let tokens: ReturnType<typeof bearerTokens>;
beforeAll(() => {
  store = tempStore("default-data");
  tokens = bearerTokens(store);
  app = createApp({ store, uploadMaxBytes: 4096 });
});
afterAll(() => store.close());

const csvBody = (headers: Record<string, string>, body: BodyInit = NEW_QUARTER) => ({
  method: "POST",
  headers: { ...headers, "Content-Type": "text/csv" },
  body,
});
const request = async (path: string, init?: RequestInit) => {
  const response = await app.request(path, init);
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
};

describe("POST /api/uploads?dryRun=true", () => {
  it("200: reports what would change and writes nothing", async () => {
    const before = checksumRows(store);
    const { status, body } = await request("/api/uploads?dryRun=true&name=q3.csv", csvBody(tokens.analyst));
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, committed: false, uploadId: null, inserted: 1, updated: 0, problems: [] });
    expect(body.files).toEqual([expect.objectContaining({ name: "q3.csv", layout: "long", delimiter: "comma", rows: 1 })]);
    expect(body.changes).toEqual([
      expect.objectContaining({ entity: "MSFT", metric: "capex", line: 2, before: null, after: expect.objectContaining({ value: 40100 }) }),
    ]);
    expect(checksumRows(store)).toBe(before);
  });

  it("200: accepts a multipart form and keeps only the file's name, never its path", async () => {
    const form = new FormData();
    form.append("file", new File([NEW_QUARTER], "../../etc/q3 export.csv", { type: "text/csv" }));
    const { status, body } = await request("/api/uploads?dryRun=true", { method: "POST", headers: tokens.analyst, body: form });
    expect(status).toBe(200);
    expect(body.files[0].name).toBe("q3 export.csv");
  });

  it.each([
    ["no token", {}, 401, "unauthorized"],
    ["a wrong token", { Authorization: "Bearer acm_not-a-token" }, 401, "unauthorized"],
    ["a token in the wrong scheme", { Authorization: "Basic YW5hbHlzdDp4" }, 401, "unauthorized"],
  ])("401 with %s, asking for a Bearer token", async (_, headers, status, code) => {
    const response = await request("/api/uploads?dryRun=true", csvBody(headers));
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
  });

  it("403 with a viewer token", async () => {
    const { status, body } = await request("/api/uploads?dryRun=true", csvBody(tokens.viewer));
    expect(status).toBe(403);
    expect(body.error).toMatchObject({ code: "forbidden", message: expect.stringContaining("viewer-test") });
  });

  it.each([
    ["?dryRun=yes", "dryRun"],
    ["?dryRun=true&sheet=1", "sheet"],
  ])("400 for %s, naming the parameter", async (query, parameter) => {
    const { status, body } = await request(`/api/uploads${query}`, csvBody(tokens.analyst));
    expect(status).toBe(400);
    expect(body.error.details).toEqual([expect.objectContaining({ parameter })]);
  });

  it("400 for a body that is neither a form nor text", async () => {
    const { status, body } = await request("/api/uploads?dryRun=true", {
      method: "POST",
      headers: { ...tokens.analyst, "Content-Type": "application/json" },
      body: "{}",
    });
    expect(status).toBe(400);
    expect(body.error.details).toEqual([expect.objectContaining({ parameter: "Content-Type" })]);
  });

  it("400 for a form without a file", async () => {
    const form = new FormData();
    form.append("text", NEW_QUARTER);
    const { status, body } = await request("/api/uploads?dryRun=true", { method: "POST", headers: tokens.analyst, body: form });
    expect(status).toBe(400);
    expect(body.error.details).toEqual([{ parameter: "file", message: "required" }]);
  });

  it("413 for a body over UPLOAD_MAX_BYTES, before it is parsed, with a message", async () => {
    const huge = `${NEW_QUARTER}${"x".repeat(5000)}`;
    const { status, body } = await request("/api/uploads?dryRun=true", csvBody(tokens.analyst, huge));
    expect(status).toBe(413);
    expect(body.error).toEqual({
      code: "payload_too_large",
      message: "The file is larger than the 4 KB (4096 bytes) an upload may be: split it into several files",
      details: null,
    });
  });

  it("413 for a streamed body without Content-Length that grows too large", async () => {
    const chunk = new TextEncoder().encode("y".repeat(1024));
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 6; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const { status } = await request("/api/uploads?dryRun=true", { ...csvBody(tokens.analyst, stream), duplex: "half" } as RequestInit);
    expect(status).toBe(413);
  });
});

describe("POST /api/uploads", () => {
  let uploadId: number;

  it("200: commits, records the upload with the token's name, and bumps the data version", async () => {
    const { status, body } = await request("/api/uploads?name=q3.csv", csvBody(tokens.analyst));
    expect(status).toBe(200);
    expect(body).toMatchObject({ committed: true, inserted: 1, dataVersion: 2 });
    uploadId = body.uploadId;
    const list = await request("/api/uploads");
    expect(list.body.uploads[0]).toMatchObject({
      id: uploadId,
      kind: "upload",
      fileName: "q3.csv",
      tokenName: "analyst-test",
      inserted: 1,
      sha256: body.sha256,
    });
  });

  it("200: the same file again changes nothing and records nothing", async () => {
    const before = checksumRows(store);
    const { status, body } = await request("/api/uploads?name=q3.csv", csvBody(tokens.analyst));
    expect(status).toBe(200);
    expect(body).toMatchObject({ committed: true, uploadId: null, inserted: 0, updated: 0, unchanged: 1, changes: [] });
    expect(checksumRows(store)).toBe(before);
  });

  it("422 for a file with problems, listing them", async () => {
    const { status, body } = await request(
      "/api/uploads",
      csvBody(tokens.analyst, "entity,metric,period,value,unit\nMSFT,capex,2026-Q4,$1,USD_m\n"),
    );
    expect(status).toBe(422);
    expect(body.error.details).toEqual([expect.objectContaining({ line: 2, column: "value", value: "$1" })]);
  });

  it.each([
    [{}, 401],
    [{ Authorization: "Bearer nope" }, 401],
  ])("401 without a valid token", async (headers, status) => {
    expect((await request("/api/uploads", csvBody(headers))).status).toBe(status);
  });

  it("403 with a viewer token", async () => {
    expect((await request("/api/uploads", csvBody(tokens.viewer))).status).toBe(403);
  });

  it("413 for a body over the limit", async () => {
    expect((await request("/api/uploads", csvBody(tokens.analyst, "z".repeat(4097)))).status).toBe(413);
  });

  describe("GET /api/uploads/:id", () => {
    it("200: the upload with its report", async () => {
      const { status, body } = await request(`/api/uploads/${uploadId}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        id: uploadId,
        report: {
          files: [expect.objectContaining({ name: "q3.csv" })],
          changes: [
            {
              entity: "MSFT",
              metric: "capex",
              kind: "flow",
              file: "q3.csv",
              line: 2,
              before: null,
              after: expect.objectContaining({ value: 40100 }),
            },
          ],
        },
      });
    });

    it.each(["abc", "0", "1.5"])("400 for the id %j", async (id) => {
      expect((await request(`/api/uploads/${id}`)).status).toBe(400);
    });

    it("404 for an upload that does not exist", async () => {
      const { status, body } = await request("/api/uploads/999");
      expect(status).toBe(404);
      expect(body.error).toEqual({ code: "not_found", message: "No upload 999", details: null });
    });
  });

  describe("POST /api/uploads/:id/revert", () => {
    it("401 without a token, 403 with a viewer token", async () => {
      expect((await request(`/api/uploads/${uploadId}/revert`, { method: "POST" })).status).toBe(401);
      expect((await request(`/api/uploads/${uploadId}/revert`, { method: "POST", headers: tokens.viewer })).status).toBe(403);
    });

    it("400 for a malformed id, 404 for an unknown one", async () => {
      expect((await request("/api/uploads/x/revert", { method: "POST", headers: tokens.analyst })).status).toBe(400);
      expect((await request("/api/uploads/999/revert", { method: "POST", headers: tokens.analyst })).status).toBe(404);
    });

    it("200: reverts, records the revert, and marks the upload reverted", async () => {
      const { status, body } = await request(`/api/uploads/${uploadId}/revert`, { method: "POST", headers: tokens.analyst });
      expect(status).toBe(200);
      expect(body).toMatchObject({ kind: "revert", revertsUploadId: uploadId, tokenName: "analyst-test", deleted: 1 });
      expect((await request(`/api/uploads/${uploadId}`)).body.revertedByUploadId).toBe(body.id);
      expect((await request("/api/observations?entity=MSFT&metric=capex&from=2026-Q3")).body.count).toBe(0);
    });

    it("409 for an upload already reverted", async () => {
      const { status, body } = await request(`/api/uploads/${uploadId}/revert`, { method: "POST", headers: tokens.analyst });
      expect(status).toBe(409);
      expect(body.error.code).toBe("conflict");
    });
  });
});

describe("GET /api/uploads", () => {
  it("200: newest first, without the reports", async () => {
    const { status, body } = await request("/api/uploads");
    expect(status).toBe(200);
    expect(body.uploads.map((upload: any) => upload.kind)).toEqual(["revert", "upload", "upload"]);
    expect(body.uploads.at(-1)).toMatchObject({ tokenName: "seed", fileName: expect.stringContaining("hyperscalers.csv") });
    expect(body.uploads[0]).not.toHaveProperty("report");
  });

  it("400 for an unknown parameter", async () => {
    expect((await request("/api/uploads?limit=5")).status).toBe(400);
  });
});

describe("GET /api/observations/history", () => {
  it("200: every revision of one figure, oldest first, with its upload", async () => {
    const { status, body } = await request("/api/observations/history?entity=MSFT&metric=capex&period=2026-Q3");
    expect(status).toBe(200);
    expect(body.revisions.map((r: any) => [r.uploadKind, r.value, r.tokenName])).toEqual([
      ["upload", 40100, "analyst-test"],
      ["revert", null, "analyst-test"],
    ]);
    expect(body.revisions[1].replacesRevisionId).toBe(body.revisions[0].id);
  });

  it("200: the seed's revision of a default figure", async () => {
    const { body } = await request("/api/observations/history?entity=MSFT&metric=capex&period=2025-Q1");
    expect(body.revisions).toEqual([expect.objectContaining({ uploadKind: "upload", tokenName: "seed", replacesRevisionId: null })]);
  });

  it.each([
    ["entity=MSFT&metric=capex", "period"],
    ["entity=MSFT&metric=capex&period=2026-Q9", "period"],
    ["entity=MS FT&metric=capex&period=2026-Q3", "entity"],
  ])("400 for ?%s, naming %s", async (query, parameter) => {
    const { status, body } = await request(`/api/observations/history?${query}`);
    expect(status).toBe(400);
    expect(body.error.details).toEqual([expect.objectContaining({ parameter })]);
  });

  it("404 for a figure never recorded", async () => {
    expect((await request("/api/observations/history?entity=MSFT&metric=capex&period=1999-Q1")).status).toBe(404);
  });
});

describe("READ_REQUIRES_TOKEN", () => {
  const closed = () => createApp({ store, readRequiresToken: true });

  it.each([
    "/api/health",
    "/api/observations?metric=capex",
    "/api/uploads",
    "/api/observations/history?entity=MSFT&metric=capex&period=2025-Q1",
  ])("401 for %s without a token, 200 with a viewer token", async (path) => {
    expect((await closed().request(path)).status).toBe(401);
    expect((await closed().request(path, { headers: tokens.viewer })).status).toBe(200);
  });

  it("leaves reads open by default", async () => {
    expect((await app.request("/api/health")).status).toBe(200);
  });
});

describe("an upload that restates a stored figure", () => {
  // data/ai-and-cycles.csv line 9: NVDA revenue 2020-Q4, 5003, derived, period end 2021-01-31,
  // fiscal label FY2021 Q4, with a note on how it was derived.
  const STORED = { value: 5003, basis: "derived", periodEnd: "2021-01-31", fiscalLabel: "FY2021 Q4" };
  const SEC = "https://www.sec.gov/Archives/edgar/data/1045810/000104581023000017/";
  const dryRun = (csv: string) => request("/api/uploads?dryRun=true", csvBody(tokens.analyst, csv));

  it("leaves it unchanged when the wide layout gives the same value: no column, no change", async () => {
    const { body } = await dryRun("entity,metric,unit,2020-Q4\nNVDA,revenue,USD_m,5003\n");
    expect(body).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, problems: [] });
  });

  it("keeps the period end, fiscal label, basis and note the file has no column for when the value changes", async () => {
    const { body } = await dryRun("entity,metric,unit,source,2020-Q4\nNVDA,revenue,USD_m,https://example.com/restated,5004\n");
    expect(body).toMatchObject({ updated: 1, unchanged: 0 });
    expect(body.changes[0].after).toMatchObject({ ...STORED, value: 5004, source: "https://example.com/restated" });
    expect(body.changes[0].after.note).toMatch(/^SEC XBRL, latest filing 2023-02-24/);
  });

  it("warns when the value is unchanged but the row's basis and empty note would replace the stored ones", async () => {
    const { body } = await dryRun(`entity,metric,unit,basis,source,note,2020-Q4\nNVDA,revenue,USD_m,reported,${SEC},,5003\n`);
    expect(body).toMatchObject({ updated: 1, unchanged: 0, problems: [] });
    expect(body.changes[0].after).toMatchObject({ ...STORED, basis: "reported", note: null });
    expect(body.warnings).toEqual([
      {
        file: "upload.csv",
        line: 2,
        column: "2020-Q4",
        value: "5003",
        message:
          'the value is unchanged, but committing changes basis ("derived" → "reported") and note ("SEC XBRL, latest filing 2023-02-24: us-…" → empty): check that the row means to',
      },
    ]);
  });

  it("keeps the fiscal label a long file has no column for, and writes what it commits", async () => {
    const restating = tempStore("default-data");
    try {
      const committed = await createApp({ store: restating }).request(
        "/api/uploads",
        csvBody(
          bearerTokens(restating).analyst,
          `entity,metric,period,period_end,value,unit,basis,source,note\nNVDA,revenue,2020-Q4,2021-01-31,5004,USD_m,derived,${SEC},restated\n`,
        ),
      );
      expect(committed.status).toBe(200);
      const row = restating.sqlite
        .prepare(
          "select value, basis, period_end as periodEnd, fiscal_label as fiscalLabel, note from observations where entity = 'NVDA' and metric = 'revenue' and period = '2020-Q4'",
        )
        .get();
      expect(row).toEqual({ ...STORED, value: 5004, note: "restated" });
    } finally {
      restating.close();
    }
  });
});
