import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkX12 } from "./check.ts";
import { X12Error } from "./errors.ts";
import { parseX12 } from "./parse.ts";
import { tokenize } from "./tokenizer.ts";
import { formatSegment, resolveDelimiters, writeInterchange } from "./writer.ts";
import type { InterchangeData, SegmentData } from "./writer.ts";

const header = {
  senderId: "SENDER",
  receiverId: "RECEIVER",
  controlNumber: 12,
  date: new Date(Date.UTC(2025, 6, 4, 9, 5)),
};

function data(segments: SegmentData[], controlNumber = "0001"): InterchangeData {
  return {
    header,
    groups: [
      {
        header: {
          functionalId: "HC",
          senderCode: "SENDER",
          receiverCode: "RECEIVER",
          controlNumber: 3,
          version: "005010X222A1",
        },
        transactions: [{ set: "837", controlNumber, implementationReference: "005010X222A1", segments }],
      },
    ],
  };
}

describe("writeInterchange", () => {
  it("writes a fixed-width ISA and envelopes with computed counts and the caller's control numbers", () => {
    const text = writeInterchange(
      data([
        ["BHT", "0019", "00", "X", "20250704", "0905", "CH"],
        ["NM1", "41", "2", "ACME"],
      ]),
      { lineBreaks: true },
    );
    const lines = text.split("\n");
    expect(lines[0]).toBe(
      "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250704*0905*^*00501*000000012*0*P*:~",
    );
    expect(lines[0]).toHaveLength(106);
    expect(lines.slice(1)).toEqual([
      "GS*HC*SENDER*RECEIVER*20250704*0905*3*X*005010X222A1~",
      "ST*837*0001*005010X222A1~",
      "BHT*0019*00*X*20250704*0905*CH~",
      "NM1*41*2*ACME~",
      "SE*4*0001~",
      "GE*1*3~",
      "IEA*1*000000012~",
      "",
    ]);
    expect(checkX12(text).errors).toEqual([]);
  });

  it("drops trailing empty elements and components, keeps inner ones", () => {
    const d = resolveDelimiters();
    expect(formatSegment(["NM1", "85", "2", "X", undefined, "", "", "", "XX", "1", "", undefined], d)).toBe(
      "NM1*85*2*X*****XX*1",
    );
    expect(formatSegment(["SV1", ["HC", "99213", "", "", "", ""], "10"], d)).toBe("SV1*HC:99213*10");
    expect(formatSegment(["CLM", "A", "1", undefined, undefined, ["11", "B", "1"]], d)).toBe("CLM*A*1***11:B:1");
    expect(formatSegment(["HI", ["ABK", "J069"], ["ABF", "R05"]], d)).toBe("HI*ABK:J069*ABF:R05");
  });

  it("joins repeated values with the repetition separator and checks each", () => {
    const d = resolveDelimiters();
    expect(formatSegment(["EQ", { repeat: ["30", "98", "UC"] }], d)).toBe("EQ*30^98^UC");
    expect(formatSegment(["EQ", { repeat: ["30"] }, undefined, { repeat: [] }], d)).toBe("EQ*30");
    expect(() => formatSegment(["EQ", { repeat: ["30", "9*8"] }], d)).toThrow(/EQ01 .*element separator/);
    const none = resolveDelimiters({ repetition: "" });
    expect(formatSegment(["EQ", { repeat: ["30"] }], none)).toBe("EQ*30");
    expect(() => formatSegment(["EQ", { repeat: ["30", "98"] }], none)).toThrow(/no repetition separator/);
  });

  it("throws a clear X12Error when an element holds a delimiter", () => {
    const attempt = (seg: SegmentData) => () => writeInterchange(data([["BHT", "0019"], seg]));
    expect(attempt(["NM1", "41", "2", "SMITH*JONES"])).toThrow(
      expect.objectContaining({
        code: "delimiter-in-element",
        segment: "NM1",
        segmentIndex: 5,
        element: 3,
        message: 'NM103 (segment 5): "SMITH*JONES" contains the element separator "*"',
      }),
    );
    expect(attempt(["NM1", "41", "2", "A~B"])).toThrow(
      expect.objectContaining({ code: "delimiter-in-element", element: 3 }),
    );
    expect(attempt(["NM1", "41", "2", "A:B"])).toThrow(/component separator/);
    expect(attempt(["NM1", "41", "2", "A^B"])).toThrow(/repetition separator/);
    expect(attempt(["SV1", ["HC", "9:9"]])).toThrow(expect.objectContaining({ element: 1 }));
    expect(attempt(["NTE", "ADD", "line\nbreak"])).toThrow(X12Error);
  });

  it("rejects bad envelope input", () => {
    expect(() => writeInterchange({ ...data([]), header: { ...header, senderId: "A".repeat(16) } })).toThrow(
      /longer than 15/,
    );
    expect(() => writeInterchange({ ...data([]), header: { ...header, controlNumber: 1_000_000_000 } })).toThrow(
      /ISA13/,
    );
    expect(() => writeInterchange(data([], "12"))).toThrow(/ST02/);
    expect(() => writeInterchange(data([["nm1", "x"]]))).toThrow(/segment id/);
  });

  it("writes with other delimiters", () => {
    const text = writeInterchange(data([["SV1", ["HC", "99213"], "10"]]), {
      delimiters: { element: "|", component: ">", segment: "!", repetition: "~" },
    });
    expect(text.startsWith("ISA|00|")).toBe(true);
    expect(text).toContain("SV1|HC>99213|10!");
    expect(checkX12(text).errors).toEqual([]);
  });
});

describe("write/read round trip (property)", () => {
  // element text: printable ASCII without the delimiters * : ^ ~
  const char = fc.constantFrom(
    ..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,-/()&'@#$%!?+=_".split(""),
  );
  const text = fc.string({ unit: char, maxLength: 12 });
  const element = fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 4 }));
  const id = fc.constantFrom("NM1", "REF", "DTP", "N3", "N4", "PER", "AMT", "CAS", "LX", "K3", "NTE");
  const segment = fc
    .tuple(id, fc.array(element, { minLength: 1, maxLength: 12 }))
    .map(([i, els]): SegmentData => [i, ...els]);

  it("any element values without delimiters survive writing and reading back", () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 20 }), fc.boolean(), (segs, lineBreaks) => {
        const written = writeInterchange(data(segs), { lineBreaks });
        const parsed = parseX12(written);
        const tx = parsed.interchanges[0]!.groups[0]!.transactions[0]!;
        const body = tx.segments.slice(1, -1).map((s) => s.elements);
        const expected = segs.map((s) => {
          const els = s.map((e) => (typeof e === "string" ? e : (e as string[]).join(":").replace(/:+$/, "")));
          while (els.length > 1 && els[els.length - 1] === "") els.pop();
          return els;
        });
        expect(body).toEqual(expected);
        expect(checkX12(written).errors).toEqual([]);
        expect(tokenize(written)).toHaveLength(segs.length + 6);
      }),
      { numRuns: 300 },
    );
  });
});
