import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Environment variable naming the code-set data directory (overrides the default location). */
export const CODESETS_DIR_ENV = "CLAIMLEDGER_CODESETS_DIR";

let defaultDir: string | undefined;

/**
 * The directory holding the code-set data files (icd10cm/, carc.json, rarc.json).
 *
 * `CLAIMLEDGER_CODESETS_DIR` wins when set, so a Lambda bundle can ship the data beside it;
 * otherwise packages/core/data, resolved relative to this module. Read on every call (cheap), so
 * tests and tools can point it elsewhere; the loaders cache per resolved path.
 */
export function codeSetsDir(): string {
  const override = process.env[CODESETS_DIR_ENV];
  if (override) return override;
  try {
    defaultDir ??= fileURLToPath(new URL("../../data/", import.meta.url));
    return defaultDir;
  } catch (cause) {
    // A CommonJS bundle has no import.meta.url: the operator must say where the data is.
    throw new Error(`Cannot locate the code-set data directory: set ${CODESETS_DIR_ENV}`, { cause });
  }
}

const jsonCache = new Map<string, unknown>();

/** Reads and parses a JSON data file from the code-set directory once per path, then caches it. */
export function loadJsonDataFile(name: string): unknown {
  const path = join(codeSetsDir(), name);
  if (!jsonCache.has(path)) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (cause) {
      throw new Error(`Code-set data file ${path} cannot be read (is ${CODESETS_DIR_ENV} right?)`, { cause });
    }
    jsonCache.set(path, JSON.parse(text) as unknown);
  }
  return jsonCache.get(path);
}
