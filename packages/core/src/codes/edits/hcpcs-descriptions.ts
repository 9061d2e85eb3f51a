import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { codeSetsDir } from "../codeset-dir.ts";
import type { HcpcsRow } from "./hcpcs.ts";

/**
 * CMS's short descriptions of HCPCS Level II codes (e.g. J3420 "Vitamin b12 injection"), kept by
 * the HCPCS import from the alpha-numeric file as `hcpcs/descriptions-<year>.tsv.gz`
 * (`code<TAB>short description`), for what a patient statement prints. The 2020 file that ships
 * holds codes and dates only (see data/hcpcs/README.md): until the operator imports a CMS file,
 * HCPCS codes have no description here and statements fall back to their category.
 */
const PREFIX = "descriptions-";

export function writeHcpcsDescriptions(dataDir: string, year: string, rows: HcpcsRow[], overwrite: boolean) {
  const described = rows.filter((r) => r.short);
  if (!described.length) return undefined;
  const dir = join(dataDir, "hcpcs");
  const path = join(dir, `${PREFIX}${year}.tsv.gz`);
  if (existsSync(path) && !overwrite) throw new Error(`${path} exists; pass --force to replace it`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, gzipSync(described.map((r) => `${r.code}\t${r.short}`).join("\n") + "\n", { level: 9 }));
  return path;
}

const cache = new Map<string, Map<string, string>>();

/** Every code's short description, newest release last (so it wins); empty when none is loaded. */
function descriptions(): Map<string, string> {
  const dir = join(codeSetsDir(), "hcpcs");
  let table = cache.get(dir);
  if (table) return table;
  table = new Map();
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith(PREFIX) && f.endsWith(".tsv.gz")) : [];
  for (const f of files.sort())
    for (const line of gunzipSync(readFileSync(join(dir, f)))
      .toString("utf8")
      .split("\n")) {
      const [code, text] = line.split("\t");
      if (code && text) table.set(code, text);
    }
  cache.set(dir, table);
  return table;
}

/** CMS's short description of a HCPCS Level II code, when a release holding descriptions is loaded. */
export function hcpcsShortDescription(code: string): string | undefined {
  return descriptions().get(code.toUpperCase());
}

/** Forgets the loaded descriptions (tests that point the code-set directory elsewhere). */
export function resetHcpcsDescriptions() {
  cache.clear();
}
