import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { read999 } from "./999.ts";

const FIX = new URL("../test/fixtures/", import.meta.url);
const fixture = (path: string): string => readFileSync(new URL(path, FIX), "utf8");

describe("read999", () => {
  it("accepts and rejects the pyx12-generated 999s as their names say", () => {
    const files = readdirSync(new URL("pyx12-generated-999/", FIX));
    expect(files.length).toBe(7);
    for (const name of files) {
      const [ack] = read999(fixture(`pyx12-generated-999/${name}`));
      const accepted = name.startsWith("accept_");
      expect(ack!.sets.length, name).toBeGreaterThan(0);
      expect(
        ack!.sets.every((s) => s.accepted === accepted),
        name,
      ).toBe(true);
      expect(ack!.groupStatus?.status, name).toBe(accepted ? "A" : "R");
      expect(
        ack!.sets.every((s) => s.segmentErrors.length > 0 === !accepted),
        name,
      ).toBe(true);
      expect(ack!.issues, name).toEqual([]);
    }
  });

  it("reads imsweb's accepted and rejected 999s", () => {
    const [ok] = read999(fixture("imsweb-x12-parser/src/test/resources/837_5010/x12_999_accepted.txt"));
    expect(ok!.sets).toEqual([
      {
        set: "837",
        controlNumber: "0001",
        version: "005010X223A2",
        status: "A",
        statusDescription: "Accepted",
        accepted: true,
        errors: [],
        segmentErrors: [],
      },
    ]);
    expect(ok!.groupStatus).toEqual({
      status: "A",
      statusDescription: "Accepted",
      included: 1,
      received: 1,
      accepted: 1,
      errors: [],
    });
    const [bad] = read999(fixture("imsweb-x12-parser/src/test/resources/837_5010/x12_999_rejected.txt"));
    expect(bad!.group).toEqual({ functionalId: "HC", controlNumber: "28", version: "005010X223A2" });
    expect(bad!.sets[0]).toEqual({
      set: "837",
      controlNumber: "0028",
      status: "R",
      statusDescription: "Rejected",
      accepted: false,
      errors: [{ code: "5", description: "One or more segments in error" }],
      segmentErrors: [
        {
          segment: "NM",
          position: 17,
          code: "1",
          description: "Unrecognized segment ID",
          context: [],
          elementErrors: [],
        },
      ],
    });
    expect(bad!.groupStatus).toMatchObject({ status: "R", included: 1, received: 1, accepted: 0 });
  });

  it("reads pyx12's own 999 for an 834 as accepted", () => {
    const [ack] = read999(fixture("pyx12/pyx12/tests/834_ls_le_ls_5010.999.txt"));
    expect(ack!.group).toEqual({ functionalId: "BE", controlNumber: "146", version: "005010X220A1" });
    expect(ack!.sets.map((s) => [s.set, s.controlNumber, s.accepted])).toEqual([["834", "146001", true]]);
  });

  it("reads a partial acceptance with IK3, IK4 and CTX (mjkubba)", () => {
    const [ack] = read999(fixture("mjkubba-edi/demo/edi999-demo-005010X231.edi"));
    expect(ack!.sets.map((s) => [s.controlNumber, s.status, s.accepted])).toEqual([
      ["0001", "A", true],
      ["0002", "R", false],
      ["0003", "R", false],
    ]);
    expect(ack!.sets[1]!.segmentErrors).toEqual([
      {
        segment: "CLM",
        position: 22,
        code: "8",
        description: "Segment has data element errors",
        // ISA16 is "|" but the file writes CTX01 with ":", so the composite is not split
        context: [{ name: "CLM01:123456789" }],
        elementErrors: [
          { position: 2, reference: "782", code: "1", description: "Required data element missing", context: [] },
        ],
      },
    ]);
    expect(ack!.sets[2]!.segmentErrors[0]!.context).toEqual([
      {
        name: "SITUATIONAL TRIGGER",
        segment: "CLM",
        position: 43,
        elementPosition: "5:3",
        elementReference: "C023:1325",
      },
      { name: "CLM01:987654321" },
    ]);
    expect(ack!.groupStatus).toMatchObject({
      status: "P",
      statusDescription: "Partially accepted, at least one transaction set was rejected",
      included: 3,
      received: 3,
      accepted: 1,
    });
  });

  it("splits CTX01 into the business unit name and reference when the file uses ISA16", () => {
    const text = fixture("mjkubba-edi/demo/edi999-demo-005010X231.edi").replace("*T*|~", "*T*:~");
    const [ack] = read999(text);
    expect(ack!.sets[1]!.segmentErrors[0]!.context).toEqual([{ name: "CLM01", reference: "123456789" }]);
    expect(ack!.sets[2]!.segmentErrors[0]!.context[1]).toEqual({ name: "CLM01", reference: "987654321" });
  });

  it("splits IK401 into element, component and repetition positions and keeps the bad value", () => {
    const [ack] = read999(fixture("pyx12-generated-999/reject_LFH-demo.example9.999"));
    const clm = ack!.sets[0]!.segmentErrors[0]!;
    expect(clm).toMatchObject({ segment: "CLM", position: 18, code: "8" });
    expect(clm.elementErrors[0]).toEqual({
      position: 5,
      component: 1,
      reference: "1331",
      code: "5",
      description: "Data element too long",
      badValue: "22>B>1",
      context: [],
    });
    expect(clm.elementErrors[1]).toMatchObject({ code: "7", description: "Invalid code value" });
    const [multi] = read999(fixture("pyx12-generated-999/reject_imsweb-x12_multiple_st.999"));
    expect(multi!.sets[1]!.errors.map((e) => e.description)).toEqual([
      "Transaction set control number not unique within the functional group",
      "Number of included segments does not match actual count",
      "One or more segments in error",
    ]);
    expect(multi!.groupStatus?.errors).toEqual([
      { code: "5", description: "Number of included transaction sets does not match actual count" },
    ]);
  });

  it("reports a 999 without IK5 or AK9 instead of throwing", () => {
    const text = fixture("pyx12-generated-999/accept_moov-837p-sample.999")
      .replace("IK5*A~\n", "")
      .replace("AK9*A*1*1*1~\n", "");
    const [ack] = read999(text);
    expect(ack!.sets[0]!.accepted).toBe(false);
    expect(ack!.issues.map((i) => i.code)).toEqual(["missing-element", "missing-element"]);
  });
});
