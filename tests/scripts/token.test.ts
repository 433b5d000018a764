import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { closeStore, openStore, type StoreLocation } from "../../server/db/client.ts";
import { removeLocation, storeEnv, tableRows, tempLocation } from "../helpers/store.ts";

const run = promisify(execFile);
let location: StoreLocation;
beforeAll(async () => {
  location = await tempLocation();
});
afterAll(() => removeLocation(null, location));

async function tokenCli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(join("node_modules", ".bin", "tsx"), ["scripts/token.ts", ...args], {
      env: { ...process.env, ...storeEnv(location) },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npm run token", () => {
  let token: string;

  it("create prints the token once, on its own line, and stores only its hash", async () => {
    const result = await tokenCli("create", "--name", "dana", "--role", "analyst");
    expect(result.code).toBe(0);
    token = result.stdout.trim();
    expect(token).toMatch(/^acm_[A-Za-z0-9_-]{43}$/);
    expect(result.stderr).toMatch(/shown only this once/);
    // Neither in the file nor in any row.
    if (location.dialect === "sqlite") expect(readFileSync(location.path).includes(token)).toBe(false);
    const store = await openStore(location);
    const rows = JSON.stringify(await tableRows(store, store.tables.apiTokens));
    await closeStore(store);
    expect(rows).toContain("dana");
    expect(rows).not.toContain(token);
  });

  it("creates a token the API accepts for writing", async () => {
    const store = await openStore(location);
    const response = await createApp({ store }).request("/api/uploads/1/revert", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
    });
    await closeStore(store);
    expect(response.status).toBe(404);
  });

  it("refuses a second token of the same name, and a role that does not exist", async () => {
    expect(await tokenCli("create", "--name", "dana", "--role", "viewer")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/already exists/),
    });
    expect(await tokenCli("create", "--name", "eve", "--role", "admin")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--role must be analyst or viewer/),
    });
  });

  it("lists names and roles, and revokes by name", async () => {
    expect((await tokenCli("list")).stdout).toMatch(/^dana\tanalyst\tcreated /);
    expect(await tokenCli("revoke", "--name", "dana")).toMatchObject({ code: 0, stdout: 'Revoked "dana"\n' });
    expect((await tokenCli("list")).stdout).toBe("");
  });
});
