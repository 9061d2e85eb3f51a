import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixturePath } from "./fixture-tables.ts";
import { codingEditsOf, storedTables } from "./coding-edits.ts";
import { main } from "./import-edits.ts";
import { hcpcsShortDescription, resetHcpcsDescriptions } from "./hcpcs-descriptions.ts";
import { CODESETS_DIR_ENV } from "../codeset-dir.ts";

const f = fixturePath;

describe("import-edits (operator command)", () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "edits-"));
    [out, err] = [[], []];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("imports each CMS file into the code-set directory, where the scrubber finds it by date", () => {
    expect(
      main(
        [
          "ptp",
          f("ccipra-v322r0-f1.excerpt.txt"),
          f("synthetic-ptp.txt"),
          "--quarter",
          "2026Q3",
          "--partial",
          "--out",
          dir,
        ],
        io,
      ),
    ).toBe(0);
    expect(
      main(["mue", f("MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv"), "--partial", "--out", dir], io),
    ).toBe(0);
    expect(main(["aoc", f("synthetic-aoc.txt"), "--quarter", "2026Q3", "--out", dir], io)).toBe(0);
    expect(main(["hcpcs", f("HCPC2020_ANWEB.excerpt.txt"), "--year", "2020", "--out", dir], io)).toBe(0);
    expect(
      main(
        [
          "agesex",
          f("MCE_Simple_Code_Edits_v37.excerpt.txt"),
          "--version",
          "v37",
          "--effective",
          "2019-10-01",
          "--out",
          dir,
        ],
        io,
      ),
    ).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(/^Imported 21 entries: CMS NCCI PTP practitioner 2026Q3 \(partial\) into /);

    const e = codingEditsOf(storedTables(dir));
    expect(e.set("ptp", "2026-08-01")).toMatchObject({ version: "2026Q3", partial: true, entries: 21 });
    expect(e.ptp("80053", "80048", "2026-08-01")).toMatchObject({ modifier: 0 });
    // The MUE table took its effective date from the file name and applies from that day on.
    expect(e.set("mue", "2026-06-30")).toBeUndefined();
    expect(e.mue("0009U", "2026-07-01")).toMatchObject({ value: 2, mai: 3 });
    expect(e.addOn("0999T", "2026-08-01")).toMatchObject({ type: 1 });
    expect(e.code("hcpcs", "A7042", "2026-08-01")).toEqual({ status: "terminated", terminated: "2014-12-31" });
    expect(e.dxLists("O80", "2026-08-01")).toEqual(["maternity", "female"]);
  });

  it("keeps CMS's short descriptions of HCPCS codes, which patient statements print", () => {
    expect(main(["hcpcs", f("HCPC2020_ANWEB.excerpt.txt"), "--year", "2020", "--out", dir], io)).toBe(0);
    const before = process.env[CODESETS_DIR_ENV];
    process.env[CODESETS_DIR_ENV] = dir;
    resetHcpcsDescriptions();
    try {
      expect(hcpcsShortDescription("J3420")).toBe("Vitamin b12 injection");
      expect(hcpcsShortDescription("g0008")).toBe("Admin influenza virus vac");
      expect(hcpcsShortDescription("99214")).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env[CODESETS_DIR_ENV];
      else process.env[CODESETS_DIR_ENV] = before;
      resetHcpcsDescriptions();
    }
    // The shipped 2020 file holds codes and dates, no descriptions.
    expect(hcpcsShortDescription("J3420")).toBeUndefined();
  });

  it("refuses to replace a release without --force, and bad arguments", () => {
    const args = ["hcpcs", f("HCPC2020_ANWEB.excerpt.txt"), "--year", "2020", "--out", dir];
    expect(main(args, io)).toBe(0);
    expect(main(args, io)).toBe(1);
    expect(err.at(-1)).toMatch(/exists; pass --force/);
    expect(main([...args, "--force"], io)).toBe(0);
    expect(main(["ptp", f("synthetic-ptp.txt"), "--out", dir], io)).toBe(1);
    expect(err.at(-1)).toMatch(/--quarter/);
    expect(main(["nope"], io)).toBe(2);
  });
});
