// The few ways a request can fail, each mapped to one HTTP status by app.onError.
import type { Problem } from "./csv/readCsv.ts";

export class AppError extends Error {
  constructor(
    readonly status: 400 | 404 | 422,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

/** Bad request parameters; details name each parameter. */
export class BadRequestError extends AppError {
  constructor(message: string, details: { parameter: string; message: string }[]) {
    super(400, "bad_request", message, details);
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
