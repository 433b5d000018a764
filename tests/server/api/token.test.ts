// GET /api/token: whose token a request presents, so the Upload page checks a token when it is entered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { bearerTokens, type TempStore, tempStore } from "../../helpers/store.ts";

let store: TempStore;
let tokens: Awaited<ReturnType<typeof bearerTokens>>;
beforeAll(async () => {
  store = await tempStore("fixture-catalog");
  tokens = await bearerTokens(store);
});
afterAll(() => store.close());

describe("GET /api/token", () => {
  it.each([
    ["an analyst token", () => tokens.analyst, { name: "analyst-test", role: "analyst" }],
    ["a viewer token", () => tokens.viewer, { name: "viewer-test", role: "viewer" }],
  ])("names the owner and role of %s", async (_, headers, body) => {
    const response = await createApp({ store }).request("/api/token", { headers: headers() });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(body);
  });

  it.each([
    ["no token", {}, "Send a token as Authorization: Bearer TOKEN (npm run token -- create)"],
    ["a wrong token", { Authorization: "Bearer acm_wrong" }, "The token is not valid"],
  ])("answers 401 to %s, even when reads need no token", async (_, headers, message) => {
    const response = await createApp({ store, readRequiresToken: false }).request("/api/token", { headers });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).error.message).toBe(message);
  });
});
