// A server stopped with SIGTERM while an upload is in flight, as a supervisor or a load balancer's
// drain stops it: it takes no new connection, answers the upload (committed), exits 0, and a server
// started again on the same database has the upload's figures.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoreLocation } from "../../server/db/client.ts";
import { largeObservationCsv, sleep } from "../helpers/largeImport.ts";
import { newToken, removeLocation, tempLocation } from "../helpers/store.ts";
import { startServer } from "./server.ts";

const ROWS = 30_000;

let location: StoreLocation;
beforeAll(async () => {
  location = await tempLocation("default-data");
});
afterAll(() => removeLocation(null, location));

/**
 * A POST of `body` that asks `Expect: 100-continue`: the server answers Continue once it has taken
 * the request up (no longer an idle connection a shutdown may close), then the body is sent;
 * `sent` once all of it has left, `answered` with the answer.
 */
function postUpload(url: string, token: string, body: string) {
  let markSent: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => {
    markSent = resolve;
  });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers = { Authorization: `Bearer ${token}`, "Content-Type": "text/csv", Expect: "100-continue" };
    const req = request(url, { method: "POST", headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        text += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      response.on("error", reject);
    });
    req.on("error", reject);
    req.on("finish", markSent);
    req.on("continue", () => req.end(body));
    req.flushHeaders();
  });
  return { sent, answered };
}

const health = async (url: string) =>
  (await (await fetch(`${url}/api/health`)).json()) as { observations: number; dataVersion: { version: number } };

describe("SIGTERM during an upload", () => {
  it(`finishes the ${ROWS}-row upload in flight, refuses new connections, exits 0; the upload is there after a restart`, async () => {
    const server = await startServer(location);
    const token = await newToken(location, "shutdown-test");
    const before = await health(server.url);
    // The upload is on its way (taken up by the server, its body sent) when the signal comes: the
    // signal waits for that, not for a time that a loaded machine may outrun.
    const { sent, answered } = postUpload(`${server.url}/api/uploads?name=large.csv`, token, largeObservationCsv(ROWS));
    await sent;
    const stopped = server.stop();
    await sleep(100);
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    const response = await answered;
    const report = JSON.parse(response.body) as { committed: boolean; inserted: number; updated: number; dataVersion: number };
    expect(response.status).toBe(200);
    expect(report).toMatchObject({ committed: true, dataVersion: before.dataVersion.version + 1 });
    // Most of the rows are new; the few the default data already has are revised.
    expect(report.inserted + report.updated).toBe(ROWS);
    expect(await stopped).toBe(0);

    const again = await startServer(location);
    try {
      expect(await health(again.url)).toMatchObject({
        observations: before.observations + report.inserted,
        dataVersion: { version: report.dataVersion },
      });
    } finally {
      await again.stop();
    }
  }, 120_000);
});
