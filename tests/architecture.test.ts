// The one-way imports docs/architecture.md draws, checked on every file: a layer may import only
// the layers below it, and the domain nothing but itself and zod.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "migrations" || entry.name === "dist" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

interface Import {
  target: string;
  typeOnly: boolean;
}

/** Every `import ... from "x"` and `export ... from "x"` of a file, relative targets resolved from the root. */
function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(/^(import|export)(\s+type)?[^;]*?from\s+"([^"]+)";/gms)].map((match) => {
    const [, , type, specifier = ""] = match;
    const target = specifier.startsWith(".") ? relative(ROOT, resolve(ROOT, dirname(file), specifier)) : specifier;
    return { target, typeOnly: type !== undefined };
  });
}

const packageOf = (target: string) => (target.startsWith("@") ? target.split("/").slice(0, 2).join("/") : target.split("/")[0]);

/** Who may import what: a folder or package prefix, or a test on the import. */
const RULES: { layer: string; allowed: (i: Import) => boolean }[] = [
  { layer: "server/domain", allowed: (i) => i.target.startsWith("server/domain/") || i.target === "zod" },
  {
    layer: "server/csv",
    allowed: (i) => /^server\/(domain|csv)\//.test(i.target) || ["papaparse", "zod", "node:fs"].includes(i.target),
  },
  {
    layer: "server/db",
    allowed: (i) =>
      /^server\/(domain|db)\//.test(i.target) ||
      ["drizzle-orm", "better-sqlite3", "pg", "pg-copy-streams"].includes(packageOf(i.target) ?? "") ||
      i.target.startsWith("node:"),
  },
  {
    layer: "server/services",
    allowed: (i) =>
      /^server\/(domain|csv|db|xlsx|services)\//.test(i.target) ||
      i.target === "server/errors.ts" ||
      ["drizzle-orm", "better-sqlite3", "zod"].includes(packageOf(i.target) ?? "") ||
      i.target.startsWith("node:"),
  },
  {
    // Routes parse input and call services: the store only as a type, no SQL.
    layer: "server/routes",
    allowed: (i) =>
      /^server\/(domain|services|routes)\//.test(i.target) ||
      i.target === "server/errors.ts" ||
      i.target === "server/csv/readCsv.ts" ||
      (i.target === "server/db/client.ts" && i.typeOnly) ||
      ["hono", "@hono/node-server", "@hono/zod-validator", "zod"].includes(packageOf(i.target) ?? ""),
  },
  { layer: "scripts", allowed: (i) => !i.target.startsWith("server/routes/") && i.target !== "server/app.ts" },
  {
    // The web shares the pure domain and the CSV writer, and only the API's type from the server.
    layer: "web/src",
    allowed: (i) =>
      !i.target.startsWith("server/") ||
      i.target.startsWith("server/domain/") ||
      i.target === "server/csv/writeCsv.ts" ||
      (i.target === "server/app.ts" && i.typeOnly),
  },
];

describe("imports point one way", () => {
  for (const { layer, allowed } of RULES) {
    it(`${layer} imports only what its layer may`, () => {
      const files = sourceFiles(layer);
      expect(files.length).toBeGreaterThan(0);
      const forbidden = files.flatMap((file) =>
        importsOf(file)
          .filter((i) => !allowed(i))
          .map((i) => `${file} -> ${i.target}`),
      );
      expect(forbidden).toEqual([]);
    });
  }

  it("reads every import of a file, type-only ones and re-exports included", () => {
    const imports = importsOf("web/src/lib/chartTable.ts");
    expect(imports).toContainEqual({ target: "server/domain/table.ts", typeOnly: true });
    expect(imports).toContainEqual({ target: "server/csv/writeCsv.ts", typeOnly: false });
  });
});
