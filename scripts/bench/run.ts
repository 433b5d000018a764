// npm run bench: every benchmark in one run, printed as one table (see docs/benchmarks.md).
// Not part of npm test: it takes minutes and its figures are measurements, not pass/fail.
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { apiBench } from "./api.ts";
import { frontendBench } from "./frontend.ts";
import { growthBench } from "./growth.ts";
import { ingestBench } from "./ingest.ts";
import { phoneBench } from "./phone.ts";
import { type Row, renderTable } from "./table.ts";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" } } });
const rows = Number(values.rows);
const dir = mkdtempSync(join(tmpdir(), "capex-bench-"));
const table: Row[] = [];
const step = async (name: string, run: () => Row[] | Promise<Row[]>) => {
  console.error(`bench: ${name}...`);
  table.push(...(await run()));
};

try {
  await step("ingest", () => ingestBench(join(dir, "ingest"), rows));
  await step("API on the default data", () => apiBench("API, default data", undefined, true));
  await step(`API on ${rows} observations`, () =>
    apiBench(`API, ${rows.toLocaleString("en-US")} observations`, join(dir, "ingest", "ours.db"), true),
  );
  await step("front end", frontendBench);
  await step("a phone on a slow network, and a desktop's controls", phoneBench);
  await step("growth", growthBench);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `Machine: ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${new Date().toISOString()}\n`,
);
console.log(renderTable(table));
