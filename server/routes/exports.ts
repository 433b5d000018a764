// GET /api/export/{table}.{csv|xlsx|json}: `thesis` and `companies` take the /api/thesis parameters,
// `scenarios` the /api/scenarios ones, `observations` the /api/observations ones; the file name
// carries the table and the data version, the ETag those and the parameters (304 when the client
// has it, before anything is computed).
import { type Context, Hono } from "hono";
import type { Store } from "../db/client.ts";
import type { ExportFormat } from "../domain/exportTables.ts";
import { computeInTurn } from "../services/computeInTurn.ts";
import { type ExportRequest, exportTable, exportTag } from "../services/exportTable.ts";
import { getDataVersion } from "../services/getDataVersion.ts";
import { killerAppQuery, observationQuery, scenarioQuery, thesisQuery } from "../services/parameterSchemas.ts";
import { clientHas } from "./cachedResponse.ts";
import { validate } from "./validate.ts";

const FORMAT = "(?:csv|xlsx|json)";

/** `thesis.csv` -> ["thesis", "csv"]; the route's pattern has already checked both. */
const split = <Table extends string>(file: string) => file.split(".") as [Table, ExportFormat];

/** The file, or 304 when the client has it at the present data version; revalidated on every use (no-cache). */
async function download(c: Context, store: Store, request: ExportRequest, format: ExportFormat) {
  c.header("Cache-Control", "no-cache");
  const current = exportTag(request, format, (await getDataVersion(store)).version);
  if (clientHas(c, current)) {
    c.header("ETag", current);
    return c.body(null, 304);
  }
  const file = await computeInTurn(() => exportTable(store, request, format));
  return c.body(file.body, 200, {
    ETag: file.etag,
    "Content-Type": file.contentType,
    "Content-Disposition": `attachment; filename="${file.fileName}"`,
  });
}

export const exportRoutes = (store: Store) =>
  new Hono()
    .get(`/:file{(?:thesis|companies)\\.${FORMAT}}`, validate("query", thesisQuery(store)), async (c) => {
      const [table, format] = split<"thesis" | "companies">(c.req.param("file"));
      const { params, asOf } = c.req.valid("query");
      return download(c, store, { table, params, asOf }, format);
    })
    .get(`/:file{killer-apps\\.${FORMAT}}`, validate("query", killerAppQuery(store)), async (c) => {
      const [, format] = split(c.req.param("file"));
      const { params, asOf } = c.req.valid("query");
      return download(c, store, { table: "killer-apps", params, asOf }, format);
    })
    .get(`/:file{scenarios\\.${FORMAT}}`, validate("query", scenarioQuery(store)), async (c) => {
      const [, format] = split(c.req.param("file"));
      const { params, asOf } = c.req.valid("query");
      return download(c, store, { table: "scenarios", params, asOf }, format);
    })
    .get(`/:file{observations\\.${FORMAT}}`, validate("query", observationQuery(store)), async (c) => {
      const [, format] = split(c.req.param("file"));
      const { filter, asOf } = c.req.valid("query");
      return download(c, store, { table: "observations", filter, asOf }, format);
    });
