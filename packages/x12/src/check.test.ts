import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkX12, checkX12Stream } from "./check.ts";
import { writeInterchange } from "./writer.ts";

const FIX = new URL("../test/fixtures/", import.meta.url);
const fixture = (path: string): string => readFileSync(new URL(path, FIX), "utf8");
const IMSWEB = "imsweb-x12-parser/src/test/resources/837_5010/";

/** A valid interchange: 2 groups, 3 transaction sets, one segment per line. */
function valid(): string {
  const tx = (cn: string) => ({
    set: "837",
    controlNumber: cn,
    implementationReference: "005010X222A1",
    segments: [["BHT", "0019", "00", "1", "20250101", "1200", "CH"]] as const,
  });
  return writeInterchange(
    {
      header: { senderId: "S", receiverId: "R", controlNumber: 905, date: new Date(Date.UTC(2025, 0, 1, 12)) },
      groups: [
        {
          header: { functionalId: "HC", senderCode: "S", receiverCode: "R", controlNumber: 1, version: "005010X222A1" },
          transactions: [tx("0001"), tx("0002")],
        },
        {
          header: { functionalId: "HC", senderCode: "S", receiverCode: "R", controlNumber: 2, version: "005010X222A1" },
          transactions: [tx("0003")],
        },
      ],
    },
    { lineBreaks: true },
  );
}

const codes = (text: string): string[] => checkX12(text).errors.map((e) => e.code);

describe("checkX12 on constructed interchanges", () => {
  it("finds nothing wrong with a valid interchange and counts its parts", () => {
    const r = checkX12(valid());
    expect(r.errors).toEqual([]);
    expect(r.interchanges).toBe(1);
    expect(r.groups).toBe(2);
    expect(r.transactions.map((t) => [t.set, t.controlNumber, t.segments, t.functionalId, t.version])).toEqual([
      ["837", "0001", 3, "HC", "005010X222A1"],
      ["837", "0002", 3, "HC", "005010X222A1"],
      ["837", "0003", 3, "HC", "005010X222A1"],
    ]);
  });

  it("reports a wrong SE01 with its segment, position and element", () => {
    const r = checkX12(valid().replace("SE*3*0002", "SE*4*0002"));
    expect(r.errors).toEqual([
      {
        code: "se-count",
        segment: "SE",
        segmentIndex: 8,
        element: 1,
        message: 'SE01 (segment 8): segment count "4" does not match the 3 segments from ST to SE',
      },
    ]);
    expect(r.transactions[1]!.errors).toHaveLength(1);
    expect(r.transactions[0]!.errors).toHaveLength(0);
  });

  it("reports SE02, GE01, GE02, IEA01 and IEA02 mismatches", () => {
    expect(codes(valid().replace("SE*3*0001", "SE*3*0009"))).toEqual(["se-control"]);
    expect(codes(valid().replace("GE*2*1", "GE*3*1"))).toEqual(["ge-count"]);
    expect(codes(valid().replace("GE*2*1", "GE*2*7"))).toEqual(["ge-control"]);
    expect(codes(valid().replace("IEA*2*000000905", "IEA*1*000000905"))).toEqual(["iea-count"]);
    expect(codes(valid().replace("IEA*2*000000905", "IEA*2*000000906"))).toEqual(["iea-control"]);
  });

  it("attaches envelope errors to every transaction set inside the envelope", () => {
    const r = checkX12(valid().replace("GE*2*1", "GE*2*7").replace("IEA*2*000000905", "IEA*2*1"));
    expect(r.transactions.map((t) => t.errors.map((e) => e.code))).toEqual([
      ["ge-control", "iea-control"],
      ["ge-control", "iea-control"],
      ["iea-control"],
    ]);
    expect(r.errors.map((e) => e.code)).toEqual(["ge-control", "iea-control"]);
  });

  it("reports missing SE, GE and IEA", () => {
    expect(codes(valid().replace("SE*3*0001~\n", ""))).toEqual(["missing-se"]);
    expect(codes(valid().replace("GE*1*2~\n", ""))).toEqual(["missing-ge"]);
    expect(codes(valid().replace("IEA*2*000000905~\n", ""))).toEqual(["missing-iea"]);
    expect(codes(valid().replace(/SE\*3\*0003~\n[^]*$/, ""))).toEqual(["missing-se", "missing-ge", "missing-iea"]);
  });

  it("reports ST without GS, GE without GS, SE without ST and segments outside any envelope", () => {
    const text = valid();
    expect(codes(text.replace("GS*HC*S*R*20250101*1200*2*X*005010X222A1~\n", ""))).toEqual([
      "missing-gs",
      "missing-gs",
      "iea-count",
    ]);
    expect(codes(text.replace("GE*2*1~\n", "GE*2*1~\nNM1*41*2*X~\n"))).toEqual(["outside-envelope"]);
    expect(codes(text.replace("ST*837*0002*005010X222A1~\n", ""))).toEqual([
      "outside-envelope",
      "missing-st",
      "ge-count",
    ]);
    expect(codes(`${text}NM1*41*2*X~\n`)).toEqual(["outside-envelope"]);
  });

  it("reports a last segment without its terminator", () => {
    expect(codes(valid().replace(/~\n$/, ""))).toEqual(["missing-terminator"]);
  });

  it("accepts a TA1 between ISA and GS or GE and IEA, nowhere else", () => {
    expect(codes(valid().replace("IEA*", "TA1*000000907*131031*1147*A*000~\nIEA*"))).toEqual([]);
    expect(codes(valid().replace("ST*837*0003", "TA1*000000907*131031*1147*A*000~\nST*837*0003"))).toEqual([
      "outside-envelope",
    ]);
  });

  it("checks the ISA fixed width and element widths", () => {
    const text = valid().replace("*ZZ*S              *", "*ZZ*S             *");
    const r = checkX12(text);
    expect(r.errors.map((e) => [e.code, e.element])).toEqual([
      ["isa-width", undefined],
      ["isa-element", 6],
    ]);
  });

  it("reports a composite written with another separator than ISA16", () => {
    const text = valid().replace("BHT*0019*00*1*20250101*1200*CH~\nSE*3*0001", "CLM*A*1***11>B>1~\nSE*3*0001");
    expect(checkX12(text).errors).toEqual([
      expect.objectContaining({ code: "bad-composite", segment: "CLM", element: 5 }),
    ]);
  });

  it("gives the same result over a stream", async () => {
    const text = valid().replace("SE*3*0002", "SE*4*0002");
    const chunks = text.match(/[^]{1,13}/g)!;
    expect(await checkX12Stream(chunks)).toEqual(checkX12(text));
  });
});

describe("checkX12 on the fixtures' known defects", () => {
  it("imsweb files carry the defects their names say", () => {
    const first = (name: string) => checkX12(fixture(IMSWEB + name)).errors.map((e) => e.code);
    expect(first("x12_multiple_gs.txt")).toContain("iea-count");
    expect(first("x12_multiple_st.txt")).toContain("ge-count");
    expect(first("x12_bad_first_line.txt")).toEqual(expect.arrayContaining(["isa-width", "isa-element"]));
    expect(first("x12_bad_segment_identifier.txt").filter((c) => c === "bad-segment-id")).toHaveLength(3);
    expect(first("x12_999_accepted.txt")).toEqual(["iea-control"]);
    const multiIsa = checkX12(fixture(IMSWEB + "x12_multiple_isa.txt"));
    expect(multiIsa.interchanges).toBe(2);
    expect(multiIsa.transactions).toHaveLength(2);
  });

  it("counts SE01 against the segments actually present", () => {
    const r = checkX12(fixture(IMSWEB + "x12_segment_errors.txt"));
    expect(r.errors).toEqual([
      expect.objectContaining({ code: "se-count", segment: "SE", segmentIndex: 25, element: 1 }),
    ]);
    expect(r.transactions[0]!.segments).toBe(23);
  });

  it("flags demo.example9.837's component separator mismatch", () => {
    const r = checkX12(fixture("linuxforhealth-x12/src/tests/resources/837_005010X222A2/demo.example9.837"));
    expect(r.errors).toEqual([
      expect.objectContaining({ code: "bad-composite", segment: "CLM", segmentIndex: 20, element: 5 }),
    ]);
  });

  it("flags managed-care.835's BPR16, which is not a date", () => {
    const r = checkX12(fixture("linuxforhealth-x12/src/tests/resources/835_005010X221A1/managed-care.835"));
    expect(r.errors).toEqual([
      expect.objectContaining({ code: "invalid-date", segment: "BPR", segmentIndex: 4, element: 16 }),
    ]);
    expect(r.transactions[0]!.balance?.balanced).toBe(true);
  });

  it("a clean 837 from moov-io has no structural error", () => {
    expect(checkX12(fixture("moov-io-x12/examples/example_5010_837p/sample.txt")).errors).toEqual([]);
  });
});
