// The few ways a request can fail, each mapped to one HTTP status by app.onError. Each class sets
// its name and may carry the error that caused it (as Hono's HTTPException does), so a log shows
// both and a response shows neither.
import type { Problem } from "./domain/problem.ts";

type Status = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

export class AppError extends Error {
  constructor(
    readonly status: Status,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad request parameters; details name each parameter. */
export class BadRequestError extends AppError {
  constructor(message: string, details: { parameter: string; message: string }[], options?: { cause?: unknown }) {
    super(400, "bad_request", message, details, options);
  }
}

/** No token, or one that is not ours. */
export class UnauthorizedError extends AppError {
  constructor(message: string) {
    super(401, "unauthorized", message);
  }
}

/** A valid token whose role may not do this. */
export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(403, "forbidden", message);
  }
}

/** The request contradicts the data's present state (reverting what later uploads built on). */
export class ConflictError extends AppError {
  constructor(message: string, details: unknown = null) {
    super(409, "conflict", message, details);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(413, "payload_too_large", message, null, options);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, "not_found", message);
  }
}

/** Data that failed validation; details are the row problems, nothing was written. */
export class RejectedDataError extends AppError {
  constructor(message: string, problems: Problem[]) {
    super(422, "rejected", message, problems);
  }
}

/** Too many invalid tokens from one client address: it may try again after `retryAfterSeconds`. */
export class TooManyRequestsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, "too_many_requests", `Too many invalid tokens from this address: try again in ${retryAfterSeconds} s`);
  }
}

/** The server is busy with as much work as it takes at once: try again after `retryAfterSeconds`. */
export class ServiceUnavailableError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(503, "busy", message);
  }
}
