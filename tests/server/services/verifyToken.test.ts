// Tokens are stored as SHA-256 hashes only, and a presented token is compared with every stored
// hash by crypto.timingSafeEqual: the time an answer takes says nothing about how close a guess was.
import * as crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rows as queryRows } from "../../../server/db/query.ts";
import { createToken } from "../../../server/services/createToken.ts";
import { verifyToken } from "../../../server/services/verifyToken.ts";
import { type TempStore, tempStore } from "../../helpers/store.ts";

vi.mock("node:crypto", async (importOriginal) => {
  const original = await importOriginal<typeof crypto>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

let store: TempStore;
let created: { name: string; token: string }[];
beforeAll(async () => {
  store = await tempStore("empty");
  created = [];
  for (const name of ["ana", "ben", "cy"]) created.push(await createToken(store, { name, role: name === "cy" ? "viewer" : "analyst" }));
});
afterAll(() => store.close());

describe("createToken", () => {
  it("stores the token's SHA-256, never the token", async () => {
    const rows = await queryRows<{ token_hash: string }>(store, sql`select * from api_tokens order by name`);
    expect(rows.map((row) => row.token_hash)).toEqual(created.map(({ token }) => crypto.createHash("sha256").update(token).digest("hex")));
    const everything = JSON.stringify(rows);
    for (const { token } of created) expect(everything).not.toContain(token);
  });
});

describe("verifyToken", () => {
  const ben = () => created[1]!.token;
  // Ben's own last character, not another token's: that made this case flaky (1 run in 64).
  const lastChanged = (token: string) => `${token.slice(0, -1)}${token.at(-1) === "A" ? "B" : "A"}`;
  it.each([
    ["a valid token", () => ben(), { name: "ben", role: "analyst" }],
    ["a token differing in its last character", () => lastChanged(ben()), null],
    ["a made-up token", () => "acm_guess", null],
  ])("compares %s with every stored hash in constant time", async (_, presented, expected) => {
    const compare = vi.mocked(crypto.timingSafeEqual);
    compare.mockClear();
    expect(await verifyToken(store, presented())).toEqual(expected);
    expect(compare).toHaveBeenCalledTimes(created.length);
    for (const [a, b] of compare.mock.calls) expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
  });
});
