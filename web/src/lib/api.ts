// The one API client: typed from the server's routes, so a renamed field fails the typecheck.
import { hc, type InferResponseType } from "hono/client";
import type { AppType } from "../../../server/app.ts";
import { authorizationHeader } from "./token.ts";

// The tab's token goes with every request: writes need it, and reads too under READ_REQUIRES_TOKEN.
export const api = hc<AppType>("/", { headers: authorizationHeader });

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The JSON body of a successful response, or an ApiError carrying the server's message. */
export async function readJson<T>(response: { ok: boolean; status: number; json(): Promise<T> }): Promise<T> {
  if (response.ok) return response.json();
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  throw new ApiError(response.status, body?.error?.message ?? `The server answered ${response.status}`);
}

export type ObservationsResponse = InferResponseType<typeof api.api.observations.$get, 200>;
export type ObservationRecord = ObservationsResponse["observations"][number];
export type EntitiesResponse = InferResponseType<typeof api.api.entities.$get, 200>;
export type Entity = EntitiesResponse["entities"][number];
