/**
 * Edit tables built from the real-format fixture files in fixtures/ (see its README), for the
 * parsers' and scrub rules' unit tests. Nothing in production imports this file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AocTable, parseAocFile } from "./aoc.ts";
import { DxEditTable, parseDxEditFile, type AgeBand } from "./agesex.ts";
import type { EditTables } from "./coding-edits.ts";
import { CodeListTable, parseHcpcsFile } from "./hcpcs.ts";
import { MueTable, parseMueFile } from "./mue.ts";
import { PtpTable, parsePtpFile } from "./ptp.ts";
import type { EditSetInfo, EditSetKind } from "./types.ts";

/** A fixture file's path (resolved when called: the face re-exports this module, and a bundle has no dirname). */
export const fixturePath = (name: string) => join(import.meta.dirname, "fixtures", name);
export const fixture = (name: string) => readFileSync(fixturePath(name), "latin1");

const info = (kind: EditSetKind, version: string, entries: number, effective?: string): EditSetInfo => ({
  kind,
  label: `test ${kind} ${version}`,
  version,
  ...(effective ? { effective } : {}),
  partial: false,
  entries,
  source: "fixtures",
});

export function fixtureTables(): EditTables {
  const ptp = PtpTable.fromRows([
    ...parsePtpFile(fixture("ccipra-v322r0-f1.excerpt.txt")),
    ...parsePtpFile(fixture("synthetic-ptp.txt")),
  ]);
  const mue = new MueTable(
    [
      ...parseMueFile(fixture("MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv")),
      ...parseMueFile(fixture("synthetic-mue.csv")),
    ],
    "2010-01-01",
  );
  const aoc = new AocTable(parseAocFile(fixture("synthetic-aoc.txt")));
  const hcpcs = new CodeListTable(parseHcpcsFile(fixture("HCPC2020_ANWEB.excerpt.txt")).rows, 2020);
  const dx = new DxEditTable(parseDxEditFile(fixture("MCE_Simple_Code_Edits_v37.excerpt.txt")));
  const bandsFile = join(import.meta.dirname, "../../../data/agesex/preventive-age-bands.json");
  const bands = (JSON.parse(readFileSync(bandsFile, "utf8")) as { bands: AgeBand[] }).bands;
  return {
    ptp: [{ info: info("ptp", "2026Q3", ptp.size, "2026-07-01"), table: () => ptp }],
    mue: [{ info: info("mue", "2010-01-01", mue.size, "2010-01-01"), table: () => mue }],
    aoc: [{ info: info("aoc", "2026Q3", aoc.size), table: () => aoc }],
    hcpcs: [{ info: info("hcpcs", "2020", hcpcs.size), table: () => hcpcs }],
    cpt: [],
    agesex: [{ info: info("agesex", "v37", dx.size, "2019-10-01"), table: () => dx }],
    bands: [{ info: info("bands", "cited", bands.length), table: () => new Map(bands.map((b) => [b.code, b])) }],
  };
}
