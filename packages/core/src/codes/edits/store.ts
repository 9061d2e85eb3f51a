import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { EditSetInfo, EditSetKind } from "./types.ts";

/**
 * Where the edit sets live under the code-set directory, one file per release and a JSON
 * sidecar describing it:
 *   ncci/ptp-2026Q1.bin.gz     packed PTP table (ptp.ts)      ncci/ptp-2026Q1.json
 *   ncci/mue-2026-01-01.tsv.gz MUE table by effective date    ncci/mue-2026-01-01.json
 *   ncci/aoc-2026Q1.tsv.gz     add-on code edits              ncci/aoc-2026Q1.json
 *   hcpcs/hcpcs-2020.tsv.gz    HCPCS Level II codes + dates   hcpcs/hcpcs-2020.json
 *   cpt/cpt-2026.tsv.gz        a licensed CPT list (never shipped)
 *   agesex/dx-edits-v37.tsv.gz MCE age/sex diagnosis lists    agesex/dx-edits-v37.json
 *   agesex/preventive-age-bands.json
 */
export const SUBDIR: Readonly<Record<EditSetKind, string>> = {
  ptp: "ncci",
  mue: "ncci",
  aoc: "ncci",
  hcpcs: "hcpcs",
  cpt: "cpt",
  agesex: "agesex",
  bands: "agesex",
};
const EXT: Readonly<Record<EditSetKind, string>> = {
  ptp: ".bin.gz",
  mue: ".tsv.gz",
  aoc: ".tsv.gz",
  hcpcs: ".tsv.gz",
  cpt: ".tsv.gz",
  agesex: ".tsv.gz",
  bands: ".json",
};
const PREFIX: Readonly<Record<EditSetKind, string>> = {
  ptp: "ptp-",
  mue: "mue-",
  aoc: "aoc-",
  hcpcs: "hcpcs-",
  cpt: "cpt-",
  agesex: "dx-edits-",
  bands: "preventive-age-bands",
};

export interface StoredSet {
  info: EditSetInfo;
  /** Reads the data (decompressed). */
  read(): Buffer;
}

/** Every stored release of a kind, oldest version first (names sort by quarter/year/date). */
export function storedSets(dataDir: string, kind: EditSetKind): StoredSet[] {
  const dir = join(dataDir, SUBDIR[kind]);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter(
      (f) => f.startsWith(PREFIX[kind]) && f.endsWith(EXT[kind]) && (kind !== "bands" || f === `${PREFIX.bands}.json`),
    )
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const sidecar = kind === "bands" ? path : path.slice(0, -EXT[kind].length) + ".json";
      const meta = JSON.parse(readFileSync(sidecar, "utf8")) as { info?: EditSetInfo } & EditSetInfo;
      const info = meta.info ?? meta;
      return {
        info: { ...info, kind },
        read: () => {
          const b = readFileSync(path);
          return b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b) : b;
        },
      };
    });
}

/** Writes a release (data + sidecar) atomically; refuses to replace one unless `overwrite`. */
export function writeSet(dataDir: string, info: EditSetInfo, data: Buffer | string, overwrite = false): string {
  const dir = join(dataDir, SUBDIR[info.kind]);
  const name = `${PREFIX[info.kind]}${info.version}`;
  const path = join(dir, name + EXT[info.kind]);
  if (existsSync(path) && !overwrite) throw new Error(`${path} exists; pass --force to replace it`);
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, gzipSync(typeof data === "string" ? Buffer.from(data) : data, { level: 9 }));
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(info, null, 2)}\n`);
  renameSync(tmp, path);
  return path;
}
