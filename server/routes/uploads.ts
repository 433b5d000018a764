import { type Context, Hono } from "hono";
import { z } from "zod";
import { decodeUtf8 } from "../csv/readCsv.ts";
import type { Store } from "../db/client.ts";
import { BadRequestError, RejectedDataError } from "../errors.ts";
import { getUpload } from "../services/getUpload.ts";
import { type CsvFile, importObservations } from "../services/importObservations.ts";
import { listUploads } from "../services/listUploads.ts";
import { revertUpload } from "../services/revertUpload.ts";
import type { RequireToken } from "./auth.ts";
import { validate } from "./validate.ts";

const uploadQuery = z
  .object({
    dryRun: z.enum(["true", "false"], { error: "expected true or false" }).optional(),
    /** The file name of a text/csv body; a multipart file brings its own. */
    name: z.string().max(255).optional(),
  })
  .strict();
const idParam = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, "expected an upload id (a positive whole number)")
    .transform(Number),
});

/** A name to show, never a path: whatever came before the last slash is dropped. */
function displayName(name: string | undefined): string {
  const path = name ?? "";
  const base = path
    .slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 255);
  return base || "upload.csv";
}

async function uploadedFile(c: Context, name: string | undefined): Promise<CsvFile> {
  const type = c.req.header("Content-Type") ?? "";
  if (/^multipart\/form-data/i.test(type)) {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const file = form.file;
    if (!(file instanceof File))
      throw new BadRequestError("Expected the CSV file in the form field file", [{ parameter: "file", message: "required" }]);
    return { name: displayName(file.name), text: decodeUtf8(await file.arrayBuffer()) };
  }
  if (/^text\//i.test(type)) return { name: displayName(name), text: decodeUtf8(await c.req.arrayBuffer()) };
  throw new BadRequestError("Expected a multipart/form-data upload or a text/csv body", [
    { parameter: "Content-Type", message: "expected multipart/form-data or text/csv" },
  ]);
}

/** The body's size is limited for every write in app.ts, before anything reads it. */
export const uploadRoutes = (store: Store, requireToken: RequireToken) => {
  const analyst = requireToken("analyst");
  return new Hono()
    .post("/", analyst, validate("query", uploadQuery), async (c) => {
      const { dryRun, name } = c.req.valid("query");
      const file = await uploadedFile(c, name);
      const report = importObservations(store, [file], { tokenName: c.get("token").name, dryRun: dryRun === "true" });
      if (!report.dryRun && !report.committed)
        throw new RejectedDataError(`${file.name} has ${report.problems.length} problem(s); nothing was written`, report.problems);
      return c.json(report, 200);
    })
    .get("/", validate("query", z.object({}).strict()), (c) => c.json({ uploads: listUploads(store) }, 200))
    .get("/:id", validate("param", idParam), (c) => c.json(getUpload(store, c.req.valid("param").id), 200))
    .post("/:id/revert", analyst, validate("param", idParam), (c) =>
      c.json(revertUpload(store, c.req.valid("param").id, { tokenName: c.get("token").name }), 200),
    );
};
