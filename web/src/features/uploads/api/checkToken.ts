import { api, readJson } from "../../../lib/api.ts";

/** Whose token this is (GET /api/token), asked with this token rather than the one kept for the tab. */
export async function checkToken(token: string) {
  return readJson(await api.api.token.$get(undefined, { headers: { Authorization: `Bearer ${token}` } }));
}
