import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { openStore } from "../../server/db/client.ts";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "capex-token-"));
const databasePath = join(dir, "capex.db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tokenCli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(join("node_modules", ".bin", "tsx"), ["scripts/token.ts", ...args], {
      env: { ...process.env, DATABASE_PATH: databasePath },
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
    expect(readFileSync(databasePath).includes(token)).toBe(false);
  });

  it("creates a token the API accepts for writing", async () => {
    const store = openStore(databasePath);
    const response = await createApp({ store }).request("/api/uploads/1/revert", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
    });
    store.sqlite.close();
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
