// The two schemas are one: every table, column, key, index and check of the SQLite schema
// (server/db/schema.ts) has its twin in the PostgreSQL one (server/db/pgSchema.ts), with the same
// names and the type PostgreSQL gives it, and the migrations of each are what drizzle-kit
// generates from it now.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { getTableName, type SQL } from "drizzle-orm";
import { PgDialect, type PgTable, getTableConfig as pgTableConfig } from "drizzle-orm/pg-core";
import { SQLiteSyncDialect, type SQLiteTable, getTableConfig as sqliteTableConfig } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as pgSchema from "../../../server/db/pgSchema.ts";
import * as sqliteSchema from "../../../server/db/schema.ts";

const tablesOf = <T>(schema: Record<string, unknown>, isTable: (value: unknown) => value is T) =>
  Object.fromEntries(Object.entries(schema).filter((entry): entry is [string, T] => isTable(entry[1])));
const sqliteTables = tablesOf(sqliteSchema, (value): value is SQLiteTable => {
  try {
    sqliteTableConfig(value as SQLiteTable);
    return typeof value === "object" && value !== null && "getSQL" in value;
  } catch {
    return false;
  }
});
const pgTables = tablesOf(pgSchema, (value): value is PgTable => {
  try {
    pgTableConfig(value as PgTable);
    return typeof value === "object" && value !== null && "getSQL" in value;
  } catch {
    return false;
  }
});

/** SQLite's type of a column, as PostgreSQL states it: text compared byte by byte, JSON kept as written. */
const POSTGRES_TYPE: Record<string, string> = {
  integer: "integer",
  real: "double precision",
  text: 'text collate "C"',
  "text json": "json",
};

const sqliteSql = (query: SQL) => new SQLiteSyncDialect().sqlToQuery(query).sql;
const pgSql = (query: SQL) => new PgDialect().sqlToQuery(query).sql;

/** Each table in one comparable shape, columns and indexes by name. */
function sqliteShape(table: SQLiteTable) {
  const config = sqliteTableConfig(table);
  return {
    name: config.name,
    columns: Object.fromEntries(
      config.columns.map((column) => [
        column.name,
        {
          type:
            POSTGRES_TYPE[column.columnType === "SQLiteTextJson" ? "text json" : column.getSQLType()] ?? `unmapped ${column.getSQLType()}`,
          notNull: column.notNull,
          primary: column.primary,
          unique: column.isUnique,
          generated: (column as unknown as { autoIncrement?: boolean }).autoIncrement === true,
        },
      ]),
    ),
    indexes: Object.fromEntries(
      config.indexes.map(({ config: index }) => [
        index.name,
        {
          columns: index.columns.map((column) => ("name" in column ? column.name : "expression")),
          unique: index.unique,
          where: index.where ? sqliteSql(index.where) : null,
        },
      ]),
    ),
    checks: Object.fromEntries(config.checks.map((check) => [check.name, sqliteSql(check.value)])),
    foreignKeys: config.foreignKeys
      .map((key) => {
        const { columns, foreignColumns, foreignTable } = key.reference();
        return `${columns.map((c) => c.name).join(",")} -> ${getTableName(foreignTable)}(${foreignColumns.map((c) => c.name).join(",")})`;
      })
      .sort(),
  };
}

function pgShape(table: PgTable) {
  const config = pgTableConfig(table);
  return {
    name: config.name,
    columns: Object.fromEntries(
      config.columns.map((column) => [
        column.name,
        {
          type: column.getSQLType(),
          notNull: column.notNull,
          primary: column.primary,
          unique: column.isUnique,
          generated: column.generatedIdentity !== undefined,
        },
      ]),
    ),
    indexes: Object.fromEntries(
      config.indexes.map(({ config: index }) => [
        index.name,
        {
          columns: index.columns.map((column) => ("name" in column ? column.name : "expression")),
          unique: index.unique,
          where: index.where ? pgSql(index.where) : null,
        },
      ]),
    ),
    checks: Object.fromEntries(config.checks.map((check) => [check.name, pgSql(check.value)])),
    foreignKeys: config.foreignKeys
      .map((key) => {
        const { columns, foreignColumns, foreignTable } = key.reference();
        return `${columns.map((c) => c.name).join(",")} -> ${getTableName(foreignTable)}(${foreignColumns.map((c) => c.name).join(",")})`;
      })
      .sort(),
  };
}

describe("the SQLite and PostgreSQL schemas", () => {
  it("declare the same tables under the same names", () => {
    expect(Object.keys(pgTables).sort()).toEqual(Object.keys(sqliteTables).sort());
    expect(Object.keys(sqliteTables).length).toBeGreaterThanOrEqual(7);
  });

  for (const [name, table] of Object.entries(sqliteTables)) {
    it(`agree on ${name}: columns, types, keys, indexes, checks and foreign keys`, () => {
      const twin = pgTables[name];
      expect(twin, `pgSchema.ts has no ${name}`).toBeDefined();
      expect(pgShape(twin!)).toEqual(sqliteShape(table));
    });
  }

  it("have the migrations drizzle-kit generates from them now, checked in", () => {
    mkdirSync("var", { recursive: true });
    for (const [dialect, schema, folder] of [
      ["sqlite", "schema.ts", "migrations"],
      ["postgresql", "pgSchema.ts", "pg-migrations"],
    ] as const) {
      // Into a copy (a relative path: drizzle-kit takes --out as one): `generate` writes a
      // migration when the schema changed since the last one.
      const copy = join(relative(process.cwd(), mkdtempSync(join("var", "migrations-check-"))), folder);
      try {
        cpSync(join("server/db", folder), copy, { recursive: true });
        const output = execFileSync(
          "node_modules/.bin/drizzle-kit",
          ["generate", "--dialect", dialect, "--schema", `server/db/${schema}`, "--out", copy],
          {
            encoding: "utf8",
          },
        );
        expect(output, `${schema} has changed since its last migration: npm run db:generate`).toMatch(/No schema changes/);
      } finally {
        rmSync(join(copy, ".."), { recursive: true, force: true });
      }
    }
  });
});
