import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Whether the module at `moduleUrl` (its import.meta.url) is the script node was started with,
 * `node …/<name>.ts`: an operator command runs its main then, not when imported (nor when bundled
 * into something else that is run, whose URL no longer ends in the command's name).
 */
export function isEntryPoint(moduleUrl: string, name: string): boolean {
  const script = process.argv[1];
  if (!script || !new RegExp(`/${name}\\.[cm]?[jt]s$`).test(moduleUrl)) return false;
  try {
    return pathToFileURL(realpathSync(resolve(script))).href === moduleUrl;
  } catch {
    return false;
  }
}
