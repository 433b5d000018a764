// npm run backup -- FILE
// A consistent copy of the database (DATABASE_PATH), safe while the server runs and uploads commit:
// SQLite's online backup copies one committed state, and starts over when another connection
// commits meanwhile. The copy is written beside FILE and renamed when complete and checked, so FILE
// is never half a backup. Restoring: README, "Backup and restore".

import { existsSync, renameSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { readConfig } from "../server/config.ts";

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length !== 1) {
  console.error("usage: npm run backup -- FILE");
  process.exit(2);
}
const [file] = positionals as [string];
const source = readConfig().DATABASE_PATH;
if (!existsSync(source)) {
  console.error(`No database at ${source} (DATABASE_PATH)`);
  process.exit(2);
}

// Not openStore: a backup reads, it never migrates or seeds.
const sqlite = new Database(source, { fileMustExist: true });
sqlite.pragma("busy_timeout = 5000");
const partial = `${file}.partial-${process.pid}`;
try {
  const { totalPages } = await sqlite.backup(partial);
  const copy = new Database(partial, { fileMustExist: true });
  const integrity = copy.pragma("integrity_check", { simple: true });
  const version = copy.prepare<[], { version: number }>("select version from data_version").get()?.version ?? 0;
  copy.close();
  if (integrity !== "ok") throw new Error(`the copy failed integrity_check: ${integrity}`);
  renameSync(partial, file);
  console.log(`Backed up ${source} to ${file}: ${totalPages} pages, data version ${version}, integrity ok.`);
} catch (error) {
  rmSync(partial, { force: true });
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  sqlite.close();
}
