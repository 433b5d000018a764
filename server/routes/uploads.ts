import { type Context, Hono } from "hono";
import { z } from "zod";
import { decodeUtf8 } from "../csv/readCsv.ts";
import type { Store } from "../db/client.ts";
import { idListSchema } from "../domain/parameters.ts";
import { BadRequestError, RejectedDataError } from "../errors.ts";
import { getUpload } from "../services/getUpload.ts";
import type { CsvFile } from "../services/importObservations.ts";
import { listUploads } from "../services/listUploads.ts";
import { importOffThread, revertOffThread } from "../services/offThread.ts";
import type { VerifiedToken } from "../services/verifyToken.ts";
import { validate } from "./validate.ts";

const uploadQuery = z
  .object({
    dryRun: z.enum(["true", "false"], { error: "expected true or false" }).optional(),
    /** The file name of a text/csv body; a multipart file brings its own. */
    name: z.string().max(255).optional(),
    /** Metric ids the analyst confirms as new (the preview names any it found). */
    newMetrics: idListSchema("metric").optional(),
  })
  .strict();
const idParam = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, "expected an upload id (a positive whole number)")
    .transform(Number),
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** A name to show, never a path: whatever came before the last slash is dropped. */
function displayName(name: string | undefined): string {
  const last = (name ?? "").split(/[\\/]/).at(-1) ?? "";
  return last.replace(CONTROL_CHARACTERS, "").trim().slice(0, 255) || "upload.csv";
}

async function uploadedFile(c: Context, name: string | undefined): Promise<CsvFile> {
  const type = c.req.header("Content-Type") ?? "";
  if (/^multipart\/form-data/i.test(type)) {
    const form = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
    const files = Object.entries(form).flatMap(([field, value]) =>
      (Array.isArray(value) ? value : [value]).filter((part): part is File => part instanceof File).map((part) => ({ field, part })),
    );
    if (files.length > 1) {
      const parts = files.map(({ field, part }) => `${field} (${displayName(part.name)})`).join(", ");
      throw new BadRequestError(`Send one file per upload; this form has ${files.length}: ${parts}`, [
        { parameter: "file", message: `expected one file part, got ${files.length}: ${parts}` },
      ]);
    }
    const file = files[0]?.field === "file" ? files[0].part : undefined;
    if (!file) throw new BadRequestError("Expected the CSV file in the form field file", [{ parameter: "file", message: "required" }]);
    return { name: displayName(file.name), text: decodeUtf8(await file.arrayBuffer()) };
  }
  if (/^text\//i.test(type)) return { name: displayName(name), text: decodeUtf8(await c.req.arrayBuffer()) };
  throw new BadRequestError("Expected a multipart/form-data upload or a text/csv body", [
    { parameter: "Content-Type", message: "expected multipart/form-data or text/csv" },
  ]);
}

/**
 * Every write here has passed app.ts's guard before it runs: an analyst token (in `token`), then
 * the body's size limit.
 */
export const uploadRoutes = (store: Store) =>
  new Hono<{ Variables: { token: VerifiedToken } }>()
    .post("/", validate("query", uploadQuery), async (c) => {
      const { dryRun, name, newMetrics } = c.req.valid("query");
      const file = await uploadedFile(c, name);
      const report = await importOffThread(store, [file], {
        tokenName: c.get("token").name,
        dryRun: dryRun === "true",
        confirmNewMetrics: newMetrics ?? [],
      });
      if (!report.dryRun && !report.committed)
        throw new RejectedDataError(`${file.name} has ${report.problems.length} problem(s); nothing was written`, report.problems);
      return c.json(report, 200);
    })
    .get("/", validate("query", z.object({}).strict()), async (c) => c.json({ uploads: await listUploads(store) }, 200))
    .get("/:id", validate("param", idParam), async (c) => c.json(await getUpload(store, c.req.valid("param").id), 200))
    .post("/:id/revert", validate("param", idParam), async (c) =>
      c.json(await revertOffThread(store, c.req.valid("param").id, { tokenName: c.get("token").name }), 200),
    );
