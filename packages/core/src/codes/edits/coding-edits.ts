import { codeSetsDir } from "../codeset-dir.ts";
import { AocTable } from "./aoc.ts";
import { DxEditTable, parseDxEditFile, type AgeBand } from "./agesex.ts";
import { CodeListTable } from "./hcpcs.ts";
import { MueTable } from "./mue.ts";
import { PtpTable } from "./ptp.ts";
import { storedSets } from "./store.ts";
import type { CodingEdits, EditSetInfo, EditSetKind } from "./types.ts";

/** One release of a set, its table built on first use. */
export interface Release<T> {
  info: EditSetInfo;
  table: () => T;
}

export interface EditTables {
  ptp: Release<PtpTable>[];
  mue: Release<MueTable>[];
  aoc: Release<AocTable>[];
  hcpcs: Release<CodeListTable>[];
  cpt: Release<CodeListTable>[];
  agesex: Release<DxEditTable>[];
  bands: Release<Map<string, AgeBand>>[];
}

function once<T>(f: () => T): () => T {
  let v: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      v = f();
      done = true;
    }
    return v as T;
  };
}

/** The release in force on a date: the latest whose effective date is on or before it (else the latest, for sets whose rows carry their own dates). */
function pick<T>(list: readonly Release<T>[], kind: EditSetKind, dos: string): Release<T> | undefined {
  for (let i = list.length - 1; i >= 0; i--) {
    const e = list[i]!.info.effective;
    if (!e || e <= dos) return list[i];
  }
  return kind === "mue" || kind === "agesex" ? undefined : list.at(-1);
}

/** CodingEdits over a set of releases (from the data directory, or built in memory by tests). */
export function codingEditsOf(t: EditTables): CodingEdits {
  const rel = <K extends EditSetKind>(kind: K, dos: string) => pick(t[kind] as Release<unknown>[], kind, dos);
  return {
    set: (kind, dos) => rel(kind, dos)?.info,
    ptp: (c1, c2, dos) => (rel("ptp", dos) as Release<PtpTable> | undefined)?.table().find(c1, c2, dos),
    mue: (code, dos) => (rel("mue", dos) as Release<MueTable> | undefined)?.table().get(code),
    addOn: (code, dos) => (rel("aoc", dos) as Release<AocTable> | undefined)?.table().find(code, dos),
    code: (kind, code, dos) =>
      (rel(kind, dos) as Release<CodeListTable> | undefined)?.table().status(code, dos) ?? { status: "unknown" },
    dxLists: (code, dos) => (rel("agesex", dos) as Release<DxEditTable> | undefined)?.table().lists(code) ?? [],
    ageBand: (code) => t.bands.at(-1)?.table().get(code),
  };
}

const yearOf = (info: EditSetInfo) => Number(/\d{4}/.exec(info.version)?.[0] ?? 0);

/** The releases stored under `dataDir`, each read and unpacked on first use. */
export function storedTables(dataDir: string): EditTables {
  const load = <T>(kind: EditSetKind, build: (data: Buffer, info: EditSetInfo) => T): Release<T>[] =>
    storedSets(dataDir, kind).map((s) => ({ info: s.info, table: once(() => build(s.read(), s.info)) }));
  return {
    ptp: load("ptp", (b) => PtpTable.fromBuffer(b)),
    mue: load("mue", (b, i) => MueTable.fromText(b.toString("utf8"), i.effective ?? "")),
    aoc: load("aoc", (b) => AocTable.fromText(b.toString("utf8"))),
    hcpcs: load("hcpcs", (b, i) => CodeListTable.fromText(b.toString("utf8"), yearOf(i))),
    cpt: load("cpt", (b, i) => CodeListTable.fromText(b.toString("utf8"), yearOf(i))),
    agesex: load("agesex", (b) => new DxEditTable(parseDxEditFile(b.toString("utf8")))),
    bands: load("bands", (b) => {
      const bands = (JSON.parse(b.toString("utf8")) as { bands: AgeBand[] }).bands;
      return new Map(bands.map((x) => [x.code, x]));
    }),
  };
}

const cache = new Map<string, { tables: EditTables; edits: CodingEdits }>();

function forDir(dir: string) {
  let c = cache.get(dir);
  if (!c) {
    const tables = storedTables(dir);
    c = { tables, edits: codingEditsOf(tables) };
    cache.set(dir, c);
  }
  return c;
}

/**
 * The coding edits of the code-set directory, once per process (a Lambda container): the list
 * of releases is read on first call, each table on the first claim that needs it.
 */
export function codingEdits(): CodingEdits {
  return forDir(codeSetsDir()).edits;
}

/** Every release loaded (or loadable) from the code-set directory, for GET /v1/code-sets. */
export function loadedEditSets(): EditSetInfo[] {
  const t = forDir(codeSetsDir()).tables;
  return Object.values(t).flatMap((list: Release<unknown>[]) => list.map((r) => r.info));
}

/** Forget what was loaded (after an import, in tests). */
export function resetCodingEdits(): void {
  cache.clear();
}
