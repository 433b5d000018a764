// Runs a CLI of scripts/ as `npm run` would (tsx), returning its exit code and output instead of throwing.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);

/** `cwd` defaults to the checkout; absolute paths let a test run a CLI from a temporary folder. */
export async function runScript(script: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }) {
  try {
    const { stdout, stderr } = await run(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", script), ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
