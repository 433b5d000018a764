// GET /api/export/{table}.{csv|xlsx|json}: `thesis` and `companies` take the /api/thesis parameters,
// `scenarios` the /api/scenarios ones, `observations` the /api/observations ones; the file name
// carries the table and the data version.
import { type Context, Hono } from "hono";
import type { Store } from "../db/client.ts";
import type { ExportFormat } from "../domain/exportTables.ts";
import { computeInTurn } from "../services/computeInTurn.ts";
import { type ExportFile, exportTable } from "../services/exportTable.ts";
import { killerAppQuery, observationQuery, scenarioQuery, thesisQuery } from "../services/parameterSchemas.ts";
import { validate } from "./validate.ts";

const FORMAT = "(?:csv|xlsx|json)";

/** `thesis.csv` -> ["thesis", "csv"]; the route's pattern has already checked both. */
const split = <Table extends string>(file: string) => file.split(".") as [Table, ExportFormat];

const download = (c: Context, file: ExportFile) =>
  c.body(file.body, 200, { "Content-Type": file.contentType, "Content-Disposition": `attachment; filename="${file.fileName}"` });

export const exportRoutes = (store: Store) =>
  new Hono()
    .get(`/:file{(?:thesis|companies)\\.${FORMAT}}`, validate("query", thesisQuery(store)), async (c) => {
      const [table, format] = split<"thesis" | "companies">(c.req.param("file"));
      const { params, asOf } = c.req.valid("query");
      return download(c, await computeInTurn(() => exportTable(store, { table, params, asOf }, format)));
    })
    .get(`/:file{killer-apps\\.${FORMAT}}`, validate("query", killerAppQuery(store)), async (c) => {
      const [, format] = split(c.req.param("file"));
      const { params, asOf } = c.req.valid("query");
      return download(c, await computeInTurn(() => exportTable(store, { table: "killer-apps", params, asOf }, format)));
    })
    .get(`/:file{scenarios\\.${FORMAT}}`, validate("query", scenarioQuery(store)), async (c) => {
      const [, format] = split(c.req.param("file"));
      const { params, asOf } = c.req.valid("query");
      return download(c, await computeInTurn(() => exportTable(store, { table: "scenarios", params, asOf }, format)));
    })
    .get(`/:file{observations\\.${FORMAT}}`, validate("query", observationQuery(store)), async (c) => {
      const [, format] = split(c.req.param("file"));
      const { filter, asOf } = c.req.valid("query");
      return download(c, await computeInTurn(() => exportTable(store, { table: "observations", filter, asOf }, format)));
    });
