/**
 * Builds the console when its dist/ is missing or older than its sources, so `npm start`,
 * `npm test` and a deploy work on a fresh clone with no extra step. `npm run build:console`
 * builds unconditionally.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL("..", import.meta.url));
/** packages/console; SST bundles sst.config.ts (and this file with it) elsewhere, but runs in the repo root. */
export const CONSOLE_ROOT = existsSync(join(here, "vite.config.ts")) ? here : resolve("packages/console");
export const CONSOLE_DIST = join(CONSOLE_ROOT, "dist");

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .reduce((m, d) => Math.max(m, statSync(join(d.parentPath, d.name)).mtimeMs), st.mtimeMs);
}

/** True when dist/index.html is older than any source, the page, or the build config. */
export function consoleStale(): boolean {
  const built = join(CONSOLE_DIST, "index.html");
  if (!existsSync(built)) return true;
  const sources = Math.max(
    ...["src", "index.html", "vite.config.ts", "package.json"].map((p) => newest(join(CONSOLE_ROOT, p))),
  );
  return statSync(built).mtimeMs < sources;
}

export function buildConsole(opts: { quiet?: boolean } = {}): void {
  const vite = join(dirname(createRequire(import.meta.url).resolve("vite/package.json")), "bin/vite.js");
  execFileSync(process.execPath, [vite, "build", "--logLevel", opts.quiet ? "warn" : "info"], {
    cwd: CONSOLE_ROOT,
    stdio: opts.quiet ? ["ignore", "ignore", "inherit"] : "inherit",
  });
}

/** Builds only if needed; returns whether it built. */
export function ensureConsoleBuilt(opts: { quiet?: boolean } = {}): boolean {
  if (!consoleStale()) return false;
  buildConsole(opts);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--force")) buildConsole();
  else if (!ensureConsoleBuilt()) console.log("console is up to date");
}
