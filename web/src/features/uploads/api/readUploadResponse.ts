// What POST /api/uploads answered, checked rather than trusted: a report (200), the server's one
// error shape (app.ts ErrorBody; a 422 carries the row problems), or anything else (a proxy's HTML
// 502 page, a truncated body), which becomes an error saying so. Every answer settles the upload.
import type { InferResponseType } from "hono/client";
import { z } from "zod";
import { BASES, METRIC_KINDS, UNITS } from "../../../../../server/domain/catalog.ts";
import { DELIMITERS } from "../../../../../server/domain/csvFormat.ts";
import { ApiError, type api } from "../../../lib/api.ts";

export type UploadReport = InferResponseType<typeof api.api.uploads.$post, 200>;
export type Problem = UploadReport["problems"][number];

/** A failed upload: the server's message, with the row problems when it rejected the file. */
export class UploadError extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly problems: Problem[],
  ) {
    super(status, message);
  }
}

const problem = z.object({ file: z.string(), line: z.number(), column: z.string(), value: z.string(), message: z.string() });
const figure = z.object({
  period: z.string(),
  periodEnd: z.string(),
  fiscalLabel: z.string().nullable(),
  value: z.number(),
  unit: z.enum(UNITS),
  basis: z.enum(BASES),
  source: z.string().nullable(),
  note: z.string().nullable(),
});
const count = z.number().int().nonnegative();
/** server/services/importObservations.ts ImportReport; readUploadResponse's return type keeps the two in step. */
const uploadReport = z.object({
  files: z.array(
    z.object({
      name: z.string(),
      sha256: z.string(),
      layout: z.enum(["long", "wide"]),
      delimiter: z.enum(Object.keys(DELIMITERS) as (keyof typeof DELIMITERS)[]),
      rows: count,
    }),
  ),
  warnings: z.array(problem),
  newEntities: z.array(z.string()),
  newMetrics: z.array(z.string()),
  unconfirmedMetrics: z.array(z.string()),
  changes: z.array(
    z.object({
      entity: z.string(),
      metric: z.string(),
      kind: z.enum(METRIC_KINDS),
      file: z.string().optional(),
      line: z.number().optional(),
      before: figure.nullable(),
      after: figure.nullable(),
    }),
  ),
  changesOmitted: count,
  problemsOmitted: count,
  warningsOmitted: count,
  dryRun: z.boolean(),
  committed: z.boolean(),
  uploadId: z.number().nullable(),
  sha256: z.string(),
  inserted: count,
  updated: count,
  unchanged: count,
  rejected: count,
  problems: z.array(problem),
  dataVersion: z.number(),
});
const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) });

/** The start of a body that is not JSON, as text: an HTML page's tags dropped, whitespace collapsed. */
function excerpt(text: string): string {
  const plain = text
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!plain) return "an empty body";
  return plain.length > 200 ? `${plain.slice(0, 199)}…` : plain;
}

const issue = (error: z.ZodError) => {
  const [first] = error.issues;
  return first ? `${first.path.join(".") || "the body"}: ${first.message}` : "unexpected shape";
};

/** The report of a 200; any other answer throws an UploadError with a message for the form. */
export function readUploadResponse(status: number, contentType: string | null, text: string): UploadReport {
  const answered = `The server answered ${status}`;
  let body: unknown;
  try {
    if (!/^application\/(.+\+)?json\b/i.test(contentType ?? "")) throw new SyntaxError("not JSON");
    body = JSON.parse(text);
  } catch {
    throw new UploadError(status, `${answered} with something other than JSON (${contentType || "no content type"}): ${excerpt(text)}`, []);
  }
  if (status === 200) {
    const report = uploadReport.safeParse(body);
    if (report.success) return report.data;
    throw new UploadError(status, `${answered} with JSON that is not an upload report (${issue(report.error)})`, []);
  }
  const failure = errorBody.safeParse(body);
  if (!failure.success) throw new UploadError(status, `${answered} with JSON that is not an error (${issue(failure.error)})`, []);
  const { message, details } = failure.data.error;
  if (status !== 422) throw new UploadError(status, message, []);
  const problems = z.array(problem).safeParse(details);
  if (!problems.success) throw new UploadError(status, `${message} (its problems could not be read: ${issue(problems.error)})`, []);
  throw new UploadError(status, message, problems.data);
}
