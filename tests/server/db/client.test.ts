// Which store the configuration selects, and how it is named in messages.
import { describe, expect, it } from "vitest";
import { readConfig } from "../../../server/config.ts";
import { describeLocation, storeLocation } from "../../../server/db/client.ts";

describe("the store a configuration selects", () => {
  it("is PostgreSQL when DATABASE_URL names a database, and the SQLite file at DATABASE_PATH otherwise", () => {
    expect(storeLocation(readConfig({ DATABASE_URL: "postgres://capex:secret@db.internal:5432/capex", DATABASE_PATH: "x.db" }))).toEqual({
      dialect: "postgres",
      url: "postgres://capex:secret@db.internal:5432/capex",
    });
    expect(storeLocation(readConfig({ DATABASE_URL: "postgresql:///capex" }))).toEqual({ dialect: "postgres", url: "postgresql:///capex" });
    expect(storeLocation(readConfig({ DATABASE_PATH: "/srv/capex.db" }))).toEqual({ dialect: "sqlite", path: "/srv/capex.db" });
    // Set but empty, as a shell leaves an unset variable in a template: SQLite.
    expect(storeLocation(readConfig({ DATABASE_URL: "" }))).toEqual({ dialect: "sqlite", path: "./var/capex.db" });
  });

  it.each(["mysql://capex@db/capex", "capex.db", "http://db.internal/capex"])("refuses DATABASE_URL=%s, saying what it expects", (url) => {
    expect(() => readConfig({ DATABASE_URL: url })).toThrow(
      /DATABASE_URL: expected a PostgreSQL URL such as postgres:\/\/user:password@host:5432\/capex/,
    );
  });

  it("names a database without its password", () => {
    expect(describeLocation({ dialect: "postgres", url: "postgres://capex:s3cret@db.internal:5432/capex" })).toBe(
      "postgres://capex:***@db.internal:5432/capex",
    );
    expect(describeLocation({ dialect: "sqlite", path: "/srv/capex.db" })).toBe("/srv/capex.db");
  });
});
