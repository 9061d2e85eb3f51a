/** Runs a bench script in a fresh Node process and returns the JSON it prints on its last line. */
import { execFile } from "node:child_process";

/** Workspace packages resolve to their TypeScript sources, as under `npm run bench` (package.json). */
const SOURCE_CONDITION = "--conditions=@claimledger/source";

export function runChild<T = any>(
  script: string,
  args: string[],
  nodeFlags: string[] = [],
  timeoutMs = 300_000,
): Promise<T> {
  return new Promise((ok, fail) => {
    execFile(
      process.execPath,
      [SOURCE_CONDITION, ...nodeFlags, script, ...args],
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: "" } },
      (err, stdout, stderr) => {
        if (err) return fail(new Error(`${script} ${args.join(" ")} failed: ${err.message}\n${stderr.slice(-2000)}`));
        const last = stdout.trim().split("\n").at(-1) ?? "";
        try {
          ok(JSON.parse(last) as T);
        } catch {
          fail(new Error(`${script} printed no JSON: ${stdout.slice(-500)}\n${stderr.slice(-2000)}`));
        }
      },
    );
  });
}
