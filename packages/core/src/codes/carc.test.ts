import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CARC_ACTIONS, carcDescription, describeCarc, GROUP_CODES, listCarcs } from "./carc.ts";
import { CODESETS_DIR_ENV } from "./codeset-dir.ts";

// The codes most often seen on real 835s: each must be in the shipped list.
const COMMON = [
  "1",
  "2",
  "3",
  "4",
  "5",
  "6",
  "9",
  "11",
  "15",
  "16",
  "18",
  "19",
  "22",
  "23",
  "24",
  "26",
  "27",
  "29",
  "31",
  "39",
  "40",
  "45",
  "49",
  "50",
  "51",
  "55",
  "58",
  "59",
  "90",
  "96",
  "97",
  "100",
  "101",
  "104",
  "107",
  "109",
  "119",
  "128",
  "129",
  "131",
  "133",
  "140",
  "146",
  "150",
  "151",
  "167",
  "170",
  "171",
  "177",
  "181",
  "182",
  "183",
  "185",
  "186",
  "187",
  "189",
  "197",
  "198",
  "199",
  "200",
  "204",
  "226",
  "227",
  "234",
  "235",
  "236",
  "237",
  "242",
  "251",
  "252",
  "253",
  "256",
  "258",
  "267",
  "271",
  "272",
  "273",
  "275",
  "276",
  "277",
  "280",
  "288",
  "289",
  "A1",
  "B1",
  "B4",
  "B5",
  "B7",
  "B8",
  "B9",
  "B10",
  "B11",
  "B12",
  "B13",
  "B14",
  "B15",
  "B16",
  "B20",
  "B22",
  "P1",
  "P2",
  "P3",
  "P4",
  "P5",
  "P6",
  "P7",
  "P8",
  "P9",
  "P10",
  "P11",
  "P12",
  "P13",
  "P14",
  "P15",
  "P16",
  "P17",
  "P18",
  "P19",
  "P20",
  "P21",
  "P22",
  "P23",
];

describe("CARC list", () => {
  it("covers the common codes, at least 120 in all, each with a description and a valid action", () => {
    const all = listCarcs();
    expect(all.length).toBeGreaterThanOrEqual(120);
    const missing = COMMON.filter((c) => carcDescription(c) === undefined);
    expect(missing).toEqual([]);
    for (const e of all) {
      expect(e.description.length, e.code).toBeGreaterThan(3);
      expect(CARC_ACTIONS, e.code).toContain(e.category);
    }
  });
  it("gives the standard descriptions", () => {
    expect(carcDescription("1")).toBe("Deductible Amount.");
    expect(carcDescription("45")).toBe(
      "Charge exceeds fee schedule/maximum allowable or contracted/legislated fee arrangement.",
    );
    expect(carcDescription("29")).toBe("The time limit for filing has expired.");
    expect(carcDescription("b13")).toMatch(/^Previously paid/);
    expect(carcDescription("999")).toBeUndefined();
  });
});

describe("describeCarc", () => {
  it("suggests the default action for each kind of reason", () => {
    expect(describeCarc("16").suggestedAction).toBe("correct_and_resubmit");
    expect(describeCarc("50").suggestedAction).toBe("appeal");
    expect(describeCarc("2").suggestedAction).toBe("bill_patient");
    expect(describeCarc("45").suggestedAction).toBe("write_off");
    expect(describeCarc("22").suggestedAction).toBe("bill_other_payer");
    expect(describeCarc("23").suggestedAction).toBe("none");
  });
  it("normalises the code and flags deactivated codes", () => {
    expect(describeCarc(" 045 ")).toMatchObject({ code: "45", known: true });
    expect(describeCarc("15")).toMatchObject({ known: true, deactivated: true });
    expect(describeCarc("16").deactivated).toBeUndefined();
  });
  it("lets the group code decide liability", () => {
    expect(describeCarc("50", "PR").suggestedAction).toBe("bill_patient"); // patient signed an ABN
    expect(describeCarc("204", "CO").suggestedAction).toBe("write_off"); // provider liable
    expect(describeCarc("204", "PR").suggestedAction).toBe("bill_patient");
    expect(describeCarc("23", "PR").suggestedAction).toBe("none");
    expect(describeCarc("50", "CO").suggestedAction).toBe("appeal");
  });
  it("still describes an unknown code", () => {
    expect(describeCarc("999")).toEqual({
      code: "999",
      description: "Unknown reason code 999",
      known: false,
      suggestedAction: "review",
    });
  });
  it("names the group codes", () => {
    expect(GROUP_CODES.CO).toBe("Contractual obligation");
    expect(Object.keys(GROUP_CODES).sort()).toEqual(["CO", "CR", "OA", "PI", "PR"]);
  });
});

describe("data directory override", () => {
  const saved = process.env[CODESETS_DIR_ENV];
  let dir: string | undefined;
  afterEach(() => {
    if (saved === undefined) delete process.env[CODESETS_DIR_ENV];
    else process.env[CODESETS_DIR_ENV] = saved;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  it("reads carc.json from CLAIMLEDGER_CODESETS_DIR and refuses a malformed one", () => {
    dir = mkdtempSync(join(tmpdir(), "carc-"));
    writeFileSync(
      join(dir, "carc.json"),
      JSON.stringify({ "1": { description: "Shipped beside the bundle.", category: "bill_patient" } }),
    );
    process.env[CODESETS_DIR_ENV] = dir;
    expect(carcDescription("1")).toBe("Shipped beside the bundle.");
    expect(carcDescription("45")).toBeUndefined();

    const bad = mkdtempSync(join(tmpdir(), "carc-bad-"));
    writeFileSync(join(bad, "carc.json"), JSON.stringify({ "1": { description: "x", category: "shrug" } }));
    process.env[CODESETS_DIR_ENV] = bad;
    expect(() => carcDescription("1")).toThrow(/bad entry for 1/);
    rmSync(bad, { recursive: true, force: true });

    process.env[CODESETS_DIR_ENV] = join(dir, "nowhere");
    expect(() => carcDescription("1")).toThrow(/cannot be read/);
  });
});
