// A server stopped with SIGTERM while an upload is in flight, as a supervisor or a load balancer's
// drain stops it: it takes no new connection, answers the upload (committed), exits 0, and a server
// started again on the same database has the upload's figures.
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

const health = async (url: string) =>
  (await (await fetch(`${url}/api/health`)).json()) as { observations: number; dataVersion: { version: number } };

describe("SIGTERM during an upload", () => {
  it(`finishes the ${ROWS}-row upload in flight, refuses new connections, exits 0; the upload is there after a restart`, async () => {
    const server = await startServer(location);
    const token = await newToken(location, "shutdown-test");
    const before = await health(server.url);
    const upload = fetch(`${server.url}/api/uploads?name=large.csv`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/csv" },
      body: largeObservationCsv(ROWS),
    });
    // The upload is on its way (its body sent, its rows being read) when the signal comes.
    await sleep(500);
    const stopped = server.stop();
    await sleep(100);
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    const response = await upload;
    const report = (await response.json()) as { committed: boolean; inserted: number; updated: number; dataVersion: number };
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
