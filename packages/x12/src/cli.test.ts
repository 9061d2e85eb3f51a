import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The CLI from source, on this Node (24, type stripping); test/dist.test.ts runs the built one on Node 20.
const BIN = fileURLToPath(new URL("./cli.ts", import.meta.url));
const FIX = fileURLToPath(new URL("../test/fixtures/", import.meta.url));

function x12(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("x12 CLI", () => {
  it("check --json prints exactly file and transactions, with the 835 figures", () => {
    const file = join(FIX, "moov-io-x12/examples/example_5010_835/sample1.txt");
    const r = x12("check", file, "--json");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      file,
      transactions: [
        {
          set: "835",
          controlNumber: "0001",
          segments: 31,
          errors: [],
          paymentCents: -617350,
          claims: 1,
          paidCents: 0,
          providerAdjustmentCents: 617350,
          balanced: false,
        },
        {
          set: "835",
          controlNumber: "0002",
          segments: 31,
          errors: [],
          paymentCents: -617340,
          claims: 1,
          paidCents: 0,
          providerAdjustmentCents: 617340,
          balanced: true,
        },
      ],
    });
  });

  it("check --json lists structural errors per transaction and exits 1", () => {
    const file = join(FIX, "imsweb-x12-parser/src/test/resources/837_5010/x12_multiple_st.txt");
    const r = x12("check", "--json", file);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as {
      transactions: { set: string; errors: { code: string; segment: string; segmentIndex: number }[] }[];
    };
    expect(out.transactions.map((t) => [t.set, t.errors.map((e) => e.code)])).toEqual([
      ["837", ["se-count", "ge-count"]],
      ["837", ["se-count", "ge-count"]],
    ]);
    expect(out.transactions[0]!.errors[0]).toEqual({
      code: "se-count",
      segment: "SE",
      segmentIndex: 36,
      element: 1,
      message: expect.stringContaining("SE01 (segment 36)"),
    });
  });

  it("check prints one error per line on stdout and the 835 verdict on stderr", () => {
    const file = join(FIX, "mjkubba-edi/demo/edi835-demo-005010X221.edi");
    const r = x12("check", file);
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split("\n")).toEqual([
      `${file}: SE01 (segment 34): segment count "31" does not match the 32 segments from ST to SE`,
    ]);
    expect(r.stderr).toContain("NOT balanced");
    const ok = x12("check", join(FIX, "linuxforhealth-x12/src/tests/resources/835_005010X221A1/medicare-part-a.835"));
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe("");
    expect(ok.stderr).toContain(": balanced");
  });

  it("parse prints envelopes, transaction sets and segments as arrays of elements", () => {
    const file = join(FIX, "imsweb-x12-parser/src/test/resources/837_5010/x12_999_accepted.txt");
    const r = x12("parse", file);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.file).toBe(file);
    expect(out.interchanges[0].delimiters).toEqual({ element: "*", component: ":", repetition: "^", segment: "~" });
    expect(out.interchanges[0].groups[0].transactions[0]).toEqual({
      set: "999",
      controlNumber: "0001",
      version: "005010X231A1",
      segments: [
        ["ST", "999", "0001", "005010X231A1"],
        ["AK1", "HC", "17456", "005010X223A2"],
        ["AK2", "837", "0001", "005010X223A2"],
        ["IK5", "A"],
        ["AK9", "A", "1", "1", "1"],
        ["SE", "6", "0001"],
      ],
    });
    expect(out.interchanges[0].trailer).toEqual(["IEA", "1", "000000001"]);
  });

  it("exits 2 with a clear message for a missing file, a file without ISA, or bad usage", () => {
    const missing = x12("check", "/nonexistent/file.835");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read \/nonexistent\/file\.835/);
    const noIsa = x12("check", join(FIX, "imsweb-x12-parser/src/test/resources/837_5010/x12_no_isa_line.txt"));
    expect(noIsa.status).toBe(2);
    expect(noIsa.stderr).toMatch(/not an X12 interchange/);
    const dir = mkdtempSync(join(tmpdir(), "x12-"));
    writeFileSync(join(dir, "junk.txt"), "hello world\n");
    expect(x12("parse", join(dir, "junk.txt")).status).toBe(2);
    expect(x12("frobnicate", "x").status).toBe(2);
    expect(x12("check").status).toBe(2);
  });

  it("--help prints usage and exits 0", () => {
    const r = x12("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/x12 check FILE --json/);
  });
});
