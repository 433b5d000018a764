// npm run backup -- FILE
// A consistent copy of the database, safe while servers run and uploads commit, written beside
// FILE and renamed when complete and checked, so FILE is never half a backup. Restoring: README,
// "Backup and restore".
// - SQLite (DATABASE_PATH): SQLite's online backup copies one committed state, and starts over
//   when another connection commits meanwhile; the copy must pass integrity_check.
// - PostgreSQL (DATABASE_URL): pg_dump in its custom format, which reads one snapshot; the copy
//   must list its contents with pg_restore --list.
// Either way it prints the data version the copy holds, read from the copy itself.

import { execFileSync } from "node:child_process";
import { existsSync, renameSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { readConfig } from "../server/config.ts";
import { describeLocation, storeLocation } from "../server/db/client.ts";

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length !== 1) {
  console.error("usage: npm run backup -- FILE");
  process.exit(2);
}
const [file] = positionals as [string];
const location = storeLocation(readConfig());
if (location.dialect === "sqlite" && !existsSync(location.path)) {
  console.error(`No database at ${location.path} (DATABASE_PATH)`);
  process.exit(2);
}

const partial = `${file}.partial-${process.pid}`;
try {
  const { copied, version, checked } = location.dialect === "sqlite" ? await backUpSqlite(location.path) : backUpPostgres(location.url);
  renameSync(partial, file);
  console.log(`Backed up ${describeLocation(location)} to ${file}: ${copied}, data version ${version}, ${checked}.`);
} catch (error) {
  rmSync(partial, { force: true });
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exitCode = 1;
}

/** What was copied, the data version the copy holds, and how it was checked. */
interface Copy {
  copied: string;
  version: number;
  checked: string;
}

async function backUpSqlite(source: string): Promise<Copy> {
  // Not openStore: a backup reads, it never migrates or seeds.
  const sqlite = new Database(source, { fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  try {
    const { totalPages } = await sqlite.backup(partial);
    const copy = new Database(partial, { fileMustExist: true });
    const integrity = copy.pragma("integrity_check", { simple: true });
    const version = copy.prepare<[], { version: number }>("select version from data_version").get()?.version ?? 0;
    copy.close();
    if (integrity !== "ok") throw new Error(`the copy failed integrity_check: ${integrity}`);
    return { copied: `${totalPages} pages`, version, checked: "integrity ok" };
  } finally {
    sqlite.close();
  }
}

function backUpPostgres(url: string): Copy {
  const run = (command: string, args: string[]) => {
    try {
      return execFileSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      const failed = error as NodeJS.ErrnoException & { stderr?: string };
      if (failed.code === "ENOENT") throw new Error(`${command} is not installed (Debian: apt-get install postgresql-client)`);
      throw new Error(`${command} failed: ${failed.stderr?.trim() || failed.message}`);
    }
  };
  run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, url]);
  const tables = run("pg_restore", ["--list", partial])
    .split("\n")
    .filter((line) => / TABLE DATA /.test(line)).length;
  // The version the dump holds: its one data_version row, as pg_restore writes it (id, version, changed_at).
  const rows = run("pg_restore", ["--data-only", "--table=data_version", "--file=-", partial]);
  const version = Number(/^1\t(\d+)\t/m.exec(rows)?.[1] ?? 0);
  return { copied: `pg_dump custom format, ${tables} tables`, version, checked: "pg_restore --list ok" };
}
