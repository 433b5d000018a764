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
    options?: { cause?: unknown; details?: unknown },
  ) {
    super(message, options);
    this.name = "ApiError";
    this.details = options?.details ?? null;
  }

  /** The error's `details` (app.ts ErrorBody): the bad parameters, a conflict's figures. */
  readonly details: unknown;
}

interface JsonResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

/** The body of a typed response's 200 variant (a route that names no status has only one). */
type SuccessBody<R extends JsonResponse> = [Extract<R, { status: 200 }>] extends [never]
  ? Awaited<ReturnType<R["json"]>>
  : Awaited<ReturnType<Extract<R, { status: 200 }>["json"]>>;

/** The JSON body of a successful response, or an ApiError carrying the server's message. */
export async function readJson<R extends JsonResponse>(response: R): Promise<SuccessBody<R>> {
  if (response.ok) return (await response.json()) as SuccessBody<R>;
  const body = (await response.json().catch(() => null)) as { error?: { message?: string; details?: unknown } } | null;
  throw new ApiError(response.status, body?.error?.message ?? `The server answered ${response.status}`, { details: body?.error?.details });
}

export type ObservationsResponse = InferResponseType<typeof api.api.observations.$get, 200>;
export type ObservationRecord = ObservationsResponse["observations"][number];
export type EntitiesResponse = InferResponseType<typeof api.api.entities.$get, 200>;
export type Entity = EntitiesResponse["entities"][number];

export type HealthResponse = InferResponseType<typeof api.api.health.$get, 200>;
export type ThesisResponse = InferResponseType<typeof api.api.thesis.$get, 200>;
export type ThesisQuarter = ThesisResponse["quarters"][number];
export type HistoryResponse = InferResponseType<typeof api.api.history.$get, 200>;
export type DataVersion = HistoryResponse["versions"][number];
export type StatusVintage = HistoryResponse["quarters"][number];
export type ChangesResponse = InferResponseType<typeof api.api.changes.$get, 200>;
