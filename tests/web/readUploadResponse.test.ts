import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { readUploadResponse, UploadError } from "../../web/src/features/uploads/api/readUploadResponse.ts";
import { bearerTokens, fixture, type TempStore, tempStore } from "../helpers/store.ts";

let store: TempStore;
let upload: (path: string, text: string) => Promise<{ status: number; type: string | null; text: string }>;
beforeAll(() => {
  store = tempStore("fixture-catalog");
  const app = createApp({ store, uploadMaxBytes: 4096 });
  const { analyst } = bearerTokens(store);
  upload = async (path, text) => {
    const response = await app.request(path, { method: "POST", headers: { ...analyst, "Content-Type": "text/csv" }, body: text });
    return { status: response.status, type: response.headers.get("Content-Type"), text: await response.text() };
  };
});
afterAll(() => store.close());

/** What readUploadResponse threw, for a closer look. */
function thrown(status: number, type: string | null, text: string): UploadError {
  try {
    readUploadResponse(status, type, text);
  } catch (error) {
    expect(error).toBeInstanceOf(UploadError);
    return error as UploadError;
  }
  throw new Error("readUploadResponse returned instead of throwing");
}

const NEW_ROW = "entity,metric,period,value,unit,source\nMSFT,capex,2026-Q3,40100,USD_m,https://example.com/msft-q\n";

describe("readUploadResponse on what the server sends", () => {
  // In order: the commit gives the revision a figure to revise.
  it.each([
    ["a commit", "/api/uploads?name=good.csv", fixture("good.csv").text, { committed: true, inserted: 7 }],
    [
      "a dry run with a new figure",
      "/api/uploads?dryRun=true&name=new.csv",
      NEW_ROW,
      { changes: [{ before: null, after: { value: 40100 } }] },
    ],
    // The file has no fiscal_label column, so the stored label stays.
    [
      "a dry run revising a figure",
      "/api/uploads?dryRun=true&name=revised.csv",
      NEW_ROW.replace("2026-Q3,40100", "2025-Q3,19400"),
      { changes: [{ before: { value: 19394, fiscalLabel: "FY2026 Q1" }, after: { value: 19400, fiscalLabel: "FY2026 Q1" } }] },
    ],
    ["a dry run with problems", "/api/uploads?dryRun=true&name=bad.csv", NEW_ROW.replace("40100", "4O100"), { problems: [{ line: 2 }] }],
  ])("returns the report of %s as sent", async (_, path, csv, shape) => {
    const { status, type, text } = await upload(path, csv);
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject(shape);
    expect(readUploadResponse(status, type, text)).toEqual(JSON.parse(text));
  });

  it("throws the server's message and row problems for a rejected file (422)", async () => {
    const { status, type, text } = await upload("/api/uploads?name=bad.csv", NEW_ROW.replace("40100", "4O100"));
    expect(status).toBe(422);
    const error = thrown(status, type, text);
    expect(error.status).toBe(422);
    expect(error.message).toBe("bad.csv has 1 problem(s); nothing was written");
    expect(error.problems).toEqual([expect.objectContaining({ file: "bad.csv", line: 2, column: "value", value: "4O100" })]);
  });

  it("throws the server's message, without problems, for any other error (413)", async () => {
    const { status, type, text } = await upload("/api/uploads?name=big.csv", NEW_ROW + "x".repeat(5000));
    expect(status).toBe(413);
    const error = thrown(status, type, text);
    expect(error.message).toBe("The file is larger than the 4 KB (4096 bytes) an upload may be: split it into several files");
    expect(error.problems).toEqual([]);
  });
});

describe("readUploadResponse on what a proxy or a broken answer sends", () => {
  it("says a 502 page is not JSON, with its text, rather than failing to parse it", () => {
    const page =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    const error = thrown(502, "text/html", page);
    expect(error.status).toBe(502);
    expect(error.message).toBe("The server answered 502 with something other than JSON (text/html): 502 Bad Gateway 502 Bad Gateway nginx");
    expect(error.problems).toEqual([]);
  });

  it.each([
    [504, null, "", "The server answered 504 with something other than JSON (no content type): an empty body"],
    [200, "application/json", '{"files":[', 'The server answered 200 with something other than JSON (application/json): {"files":['],
    [200, "text/plain", "{}", "The server answered 200 with something other than JSON (text/plain): {}"],
    [500, "text/plain", "y".repeat(500), `The server answered 500 with something other than JSON (text/plain): ${"y".repeat(199)}…`],
    [
      200,
      "application/json; charset=utf-8",
      "{}",
      "The server answered 200 with JSON that is not an upload report (files: Invalid input: expected array, received undefined)",
    ],
    [
      200,
      "application/json",
      "null",
      "The server answered 200 with JSON that is not an upload report (the body: Invalid input: expected object, received null)",
    ],
    [
      502,
      "application/problem+json",
      '{"title":"Bad Gateway"}',
      "The server answered 502 with JSON that is not an error (error: Invalid input: expected object, received undefined)",
    ],
    [
      422,
      "application/json",
      JSON.stringify({ error: { code: "rejected", message: "a.csv has 1 problem(s)", details: [{ line: 2 }] } }),
      "a.csv has 1 problem(s) (its problems could not be read: 0.file: Invalid input: expected string, received undefined)",
    ],
  ])("answers %i (%s) %j with an error saying what came back", (status, type, text, message) => {
    const error = thrown(status, type, text);
    expect(error.message).toBe(message);
    expect(error.problems).toEqual([]);
  });
});
