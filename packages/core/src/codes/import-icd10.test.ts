import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CODESETS_DIR_ENV } from "./codeset-dir.ts";
import { loadedFiscalYears, lookupIcd10 } from "./icd10cm.ts";
import { detectIcd10Format, importIcd10File, main, parseIcd10Release } from "./import-icd10.ts";

// Synthetic FY2027 release files in the three accepted formats.

/** A line of the CMS order file: order number cols 1-5, code cols 7-13, flag col 15, descriptions. */
function orderLine(n: number, code: string, billable: 0 | 1, desc: string): string {
  return `${String(n).padStart(5, "0")} ${code.padEnd(7)} ${billable} ${desc.padEnd(60)} ${desc}`;
}

const ORDER_FILE = [
  orderLine(1, "A00", 0, "Cholera"),
  orderLine(2, "A000", 1, "Cholera due to Vibrio cholerae 01, biovar cholerae"),
  orderLine(3, "A001", 1, "Cholera due to Vibrio cholerae 01, biovar eltor"),
  orderLine(4, "A009", 1, "Cholera, unspecified"),
  orderLine(5, "E11", 0, "Type 2 diabetes mellitus"),
  orderLine(6, "E116", 0, "Type 2 diabetes mellitus with other specified complications"),
  orderLine(7, "E1165", 1, "Type 2 diabetes mellitus with hyperglycemia"),
  orderLine(8, "E1169", 1, "Type 2 diabetes mellitus with other specified complication"),
  orderLine(9, "I10", 1, "Essential (primary) hypertension"),
  orderLine(10, "Z9989", 1, "Dependence on other enabling machines and devices"),
].join("\r\n");

const CODES_FILE = [
  "A000    Cholera due to Vibrio cholerae 01, biovar cholerae",
  "A001    Cholera due to Vibrio cholerae 01, biovar eltor",
  "E1165   Type 2 diabetes mellitus with hyperglycemia",
  "I10     Essential (primary) hypertension",
  "",
].join("\n");

const LIST_FILE = ["E11.65", "i10", "", "S72001A", "E11.65"].join("\n");

let dir: string;
const savedEnv = process.env[CODESETS_DIR_ENV];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "icd10-import-"));
  process.env[CODESETS_DIR_ENV] = dir;
});
afterEach(() => {
  if (savedEnv === undefined) delete process.env[CODESETS_DIR_ENV];
  else process.env[CODESETS_DIR_ENV] = savedEnv;
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("parseIcd10Release", () => {
  it("detects each format from its first line", () => {
    expect(detectIcd10Format(orderLine(1, "A00", 0, "Cholera"))).toBe("order");
    expect(detectIcd10Format("A000    Cholera due to Vibrio cholerae")).toBe("codes");
    expect(detectIcd10Format("E11.65")).toBe("list");
  });
  it("keeps only flag-1 lines of an order file, dotted and sorted", () => {
    expect(parseIcd10Release(ORDER_FILE)).toEqual({
      format: "order",
      codes: ["A00.0", "A00.1", "A00.9", "E11.65", "E11.69", "I10", "Z99.89"],
    });
  });
  it("reads the codes file and plain lists, de-duplicating", () => {
    expect(parseIcd10Release(CODES_FILE).codes).toEqual(["A00.0", "A00.1", "E11.65", "I10"]);
    expect(parseIcd10Release(LIST_FILE)).toEqual({ format: "list", codes: ["E11.65", "I10", "S72.001A"] });
  });
  it("refuses lines that do not fit the format, naming the line", () => {
    expect(() => parseIcd10Release(`${orderLine(1, "A000", 1, "Cholera")}\nA001    Cholera`)).toThrow(/line 2/);
    expect(() => parseIcd10Release("E11.65\nE11.6.5\n")).toThrow(/line 2/);
    expect(() => parseIcd10Release("\n\n")).toThrow(/no codes/);
  });
  it("refuses a list that includes header codes as billable", () => {
    expect(() => parseIcd10Release("E11\nE11.65\n")).toThrow(/E11 \(parent of E11.65\)/);
  });
});

describe("importIcd10File", () => {
  it("imports an order file as FY2027 and lookups for FY2027 dates use it", () => {
    const r = importIcd10File(write("icd10cm_order_2027.txt", ORDER_FILE), 2027, dir);
    expect(r).toMatchObject({ format: "order", count: 7 });
    expect(r.path).toBe(join(dir, "icd10cm", "icd10cm-billable-fy2027.txt.gz"));
    expect(gunzipSync(readFileSync(r.path)).toString()).toBe("A00.0\nA00.1\nA00.9\nE11.65\nE11.69\nI10\nZ99.89\n");

    expect(loadedFiscalYears()).toEqual([2027]);
    expect(lookupIcd10("E11.65", "2026-10-01")).toEqual({ status: "billable" });
    expect(lookupIcd10("E116", "2027-09-30")).toMatchObject({
      status: "not_billable",
      hint: expect.stringContaining("E11.65, E11.69"),
    });
    expect(lookupIcd10("E11.9", "2026-11-15")).toEqual({ status: "unknown" }); // not in this (synthetic) set
    expect(lookupIcd10("E11.65", "2026-09-30")).toEqual({ status: "no_code_set", fiscalYear: 2026 });
  });
  it("imports a gzipped codes file", () => {
    importIcd10File(write("icd10cm-codes-2027.txt.gz", gzipSync(CODES_FILE)), 2027, dir);
    expect(lookupIcd10("A00.1", "2027-01-02")).toEqual({ status: "billable" });
    expect(lookupIcd10("A00", "2027-01-02")).toMatchObject({ status: "not_billable" });
  });
  it("refuses to replace a year already installed, or a file name naming another year, unless forced", () => {
    const list = write("codes-2027.txt", LIST_FILE);
    importIcd10File(list, 2027, dir);
    expect(() => importIcd10File(list, 2027, dir)).toThrow(/exists/);
    expect(importIcd10File(list, 2027, dir, true).count).toBe(3);
    expect(() => importIcd10File(list, 2028, dir)).toThrow(/2027 release but --fy is 2028/);
  });
});

describe("import-icd10 command line", () => {
  it("imports into --out and reports; bad arguments exit 2, failures exit 1", () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };
    const out = join(dir, "out");
    expect(main([write("list.txt", LIST_FILE), "--fy", "2027", "--out", out], io)).toBe(0);
    expect(lines.pop()).toMatch(
      /^Imported 3 billable ICD-10-CM codes for FY2027 \(list file\) into .*out\/icd10cm\/icd10cm-billable-fy2027\.txt\.gz$/,
    );
    expect(main([join(dir, "list.txt")], io)).toBe(2);
    expect(main([join(dir, "list.txt"), "--fy", "27"], io)).toBe(2);
    expect(main([join(dir, "missing.txt"), "--fy", "2027"], io)).toBe(1);
    expect(lines.pop()).toMatch(/^ERR Import failed/);
  });
  it("runs as a script under node", () => {
    const script = fileURLToPath(new URL("./import-icd10.ts", import.meta.url));
    const run = spawnSync(process.execPath, [script, write("order.txt", ORDER_FILE), "--fy", "2027", "--out", dir], {
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Imported 7 billable");
    expect(loadedFiscalYears()).toEqual([2027]);
  });
});
