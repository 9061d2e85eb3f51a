import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "./import-mpfs.ts";
import { medicareFee, parseGpci, parsePprrvu, scaled, type MpfsSet } from "./mpfs.ts";

/**
 * CMS's own 2025 files (RVU25A, January release): an excerpt of PPRRVU25_JAN.csv (its 10 header
 * lines and 17 rows, descriptions removed) and the whole GPCI2025.csv. See fixtures/README.md.
 */
const fixture = (name: string) => join(import.meta.dirname, "fixtures", name);
const rvuText = readFileSync(fixture("PPRRVU25_JAN.excerpt.csv"), "latin1");
const gpciText = readFileSync(fixture("GPCI2025.csv"), "latin1");
const set: MpfsSet = {
  year: 2025,
  sources: [],
  rvus: parsePprrvu(rvuText).rvus,
  localities: parseGpci(gpciText).localities,
};
const AUSTIN = "04412-31"; // GPCI file row: 4412,TX,31,AUSTIN,1,1.046,0.914

describe("CMS's RVU and GPCI files", () => {
  it("reads the RVU file's columns by their stacked header names", () => {
    const r = parsePprrvu(rvuText);
    expect(r.errors).toEqual([]);
    expect(Object.keys(r.rvus)).toHaveLength(17);
    // File row: 99213,,…,A,,1.3,1.35,,0.57,,0.1,2.75,1.97,…,32.3465
    expect(r.rvus["99213"]).toEqual(["A", 130, 135, 57, 10, 0, 0, 323465]);
    // 71046-26 (professional component): 0.22, 0.08, 0.08, 0.01; 99221 is NA in the office.
    expect(r.rvus["71046-26"]).toEqual(["A", 22, 8, 8, 1, 0, 0, 323465]);
    expect(r.rvus["99221"]![5]).toBe(1);
    expect(r.rvus["93000"]![6]).toBe(1); // NA in a facility
    // The copy's anesthesia rows lost their leading zeros in a spreadsheet ("100" for 00100).
    expect(r.rvus["00100"]![0]).toBe("J");
    // Some of CMS's CSVs end with a DOS end-of-file mark (Ctrl-Z) on a row of empty cells.
    const withEof = parsePprrvu(`${rvuText}\x1a,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n`);
    expect([withEof.errors, Object.keys(withEof.rvus).length]).toEqual([[], 17]);
  });

  it("reads every GPCI locality, keyed by five-digit MAC and two-digit locality", () => {
    const g = parseGpci(gpciText);
    expect(g.errors).toEqual([]);
    // The file lists 109 localities between its header and its footnotes.
    expect(Object.keys(g.localities)).toHaveLength(109);
    expect(g.localities[AUSTIN]).toEqual({
      mac: "04412",
      locality: "31",
      state: "TX",
      name: "AUSTIN",
      work: 1000,
      pe: 1046,
      mp: 914,
    });
    expect(g.localities["02102-01"]).toMatchObject({ state: "AK", work: 1500, pe: 1081, mp: 592 });
  });

  it("prices a code with CMS's formula, rounded once to the cent", () => {
    // 99213 office, Austin: (1.30 x 1.000 + 1.35 x 1.046 + 0.10 x 0.914) x 32.3465
    //   = (1.30 + 1.4121 + 0.0914) x 32.3465 = 2.8035 x 32.3465 = 90.6834… -> $90.68
    expect(medicareFee(set, AUSTIN, "99213", undefined, "non_facility")).toMatchObject({ cents: 9068 });
    // Facility: (1.30 + 0.57 x 1.046 + 0.0914) = 1.98762 x 32.3465 = 64.2925… -> $64.29
    expect(medicareFee(set, AUSTIN, "99213", undefined, "facility")).toMatchObject({ cents: 6429 });
    // 99214 office, Alaska: (1.92 x 1.5 + 1.80 x 1.081 + 0.15 x 0.592) = 2.88 + 1.9458 + 0.0888
    //   = 4.9146 x 32.3465 = 158.9701… -> $158.97
    expect(medicareFee(set, "02102-01", "99214", undefined, "non_facility")).toMatchObject({ cents: 15897 });
    // 71046-26, Austin: 0.22 + 0.08 x 1.046 + 0.01 x 0.914 = 0.31282 x 32.3465 = 10.1186… -> $10.12
    expect(medicareFee(set, AUSTIN, "71046", "26", "non_facility")).toMatchObject({ cents: 1012 });
    // G0117 has status T (paid when no other service is): 0.45 + 1.42 x 1.046 + 0.02 x 0.914
    //   = 1.95362 x 32.3465 = 63.1921… -> $63.19
    expect(medicareFee(set, AUSTIN, "G0117", undefined, "non_facility")).toMatchObject({ cents: 6319 });
  });

  it("skips what CMS does not pay or does not price in the setting, saying why", () => {
    expect(medicareFee(set, AUSTIN, "36415", undefined, "non_facility")).toEqual({
      skipped: "not_payable",
      status: "X",
    });
    expect(medicareFee(set, AUSTIN, "A0021", undefined, "non_facility")).toMatchObject({ skipped: "not_payable" });
    expect(medicareFee(set, AUSTIN, "99221", undefined, "non_facility")).toMatchObject({
      skipped: "not_priced_in_setting",
    });
    expect(medicareFee(set, AUSTIN, "93000", undefined, "facility")).toMatchObject({
      skipped: "not_priced_in_setting",
    });
    expect(medicareFee(set, AUSTIN, "99215", undefined, "non_facility")).toEqual({ skipped: "not_in_file" });
  });

  it("keeps figures exact: no float enters before the one rounding", () => {
    expect(scaled("1.3", 2)).toBe(130);
    expect(scaled("0.869", 3)).toBe(869);
    expect(scaled("32.3465", 4)).toBe(323465);
    expect(scaled("1.005", 2)).toBeUndefined(); // more precision than the column holds
    expect(scaled("-1", 2)).toBeUndefined();
    expect(scaled("", 2)).toBeUndefined();
  });
});

describe("npm run import-mpfs", () => {
  const run = (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

  it("writes the year's set, and refuses to replace it without --force", () => {
    const dir = mkdtempSync(join(tmpdir(), "mpfs-"));
    const args = ["--year", "2025", "--rvu", fixture("PPRRVU25_JAN.excerpt.csv"), "--gpci", fixture("GPCI2025.csv")];
    const first = run([...args, "--out", dir]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain("17 codes and modifiers, 109 localities");
    expect(run([...args, "--out", dir]).err).toContain("pass --force");
    expect(run([...args, "--out", dir, "--force"]).code).toBe(0);
  });

  it("fails whole on a bad row, naming its line, and writes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "mpfs-"));
    const bad = join(dir, "PPRRVU-bad.csv");
    writeFileSync(bad, rvuText.replace("99213,,,A,,1.3,", "99213,,,A,,one,"));
    const r = run(["--year", "2025", "--rvu", bad, "--gpci", fixture("GPCI2025.csv"), "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line \d+: an RVU or the conversion factor is not a number/);
    const swapped = run([
      "--year",
      "2025",
      "--rvu",
      fixture("GPCI2025.csv"),
      "--gpci",
      fixture("GPCI2025.csv"),
      "--out",
      dir,
    ]);
    expect(swapped.err).toContain("is this a PPRRVU file?");
    expect(run(["--year", "25", "--rvu", "x", "--gpci", "y"]).code).toBe(2);
  });
});
