import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { X12Error } from "./errors.ts";
import { SegmentCursor } from "./scanner.ts";
import { readSegments, segments, tokenize } from "./tokenizer.ts";

const FIX = new URL("../test/fixtures/", import.meta.url);
const fixture = (path: string): string => readFileSync(new URL(path, FIX), "utf8");

const ISA =
  "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250101*1200*^*00501*000000001*0*P*:~";

describe("tokenize", () => {
  it("reads delimiters from the ISA and numbers segments from 1", () => {
    const segs = tokenize(`${ISA}GS*HC*A*B*20250101*1200*1*X*005010X222A1~ST*837*0001~SV1*HC:99213:25*100*UN*1~`);
    expect(segs.map((s) => s.id)).toEqual(["ISA", "GS", "ST", "SV1"]);
    expect(segs.map((s) => s.index)).toEqual([1, 2, 3, 4]);
    expect(segs[0]!.elements).toHaveLength(17);
    expect(segs[0]!.elements[16]).toBe(":");
    expect(segs[3]!.elements).toEqual(["SV1", "HC:99213:25", "100", "UN", "1"]);
  });

  it("accepts line breaks (LF or CRLF) after terminators and a missing final terminator", () => {
    const a = tokenize(`${ISA}\r\nGS*HC*A~\r\n\r\nST*837*0001~\nSE*2*0001`);
    expect(a.map((s) => s.elements)).toEqual([
      expect.any(Array),
      ["GS", "HC", "A"],
      ["ST", "837", "0001"],
      ["SE", "2", "0001"],
    ]);
  });

  it("uses a newline as the segment terminator when the ISA says so", () => {
    const isa = ISA.slice(0, -1);
    const segs = tokenize(`${isa}\r\nGS*HC*A\r\nST*837*0001\r\n`);
    expect(segs.map((s) => s.elements)).toEqual([expect.any(Array), ["GS", "HC", "A"], ["ST", "837", "0001"]]);
  });

  it("re-reads delimiters at every ISA, so one file may mix them", () => {
    const second = ISA.replaceAll("*", "|").replace("|:~", "|>!");
    const segs = tokenize(`${ISA}GS*HC*A~IEA*1*000000001~${second}GS|HC|B!SV1|HC>1|2!`);
    expect(segs.map((s) => s.elements.slice(0, 3))).toEqual([
      ["ISA", "00", "          "],
      ["GS", "HC", "A"],
      ["IEA", "1", "000000001"],
      ["ISA", "00", "          "],
      ["GS", "HC", "B"],
      ["SV1", "HC>1", "2"],
    ]);
  });

  it("reads the imsweb file written with other separators like its twin", () => {
    const read = (path: string): string[][] => {
      const c = new SegmentCursor(fixture(path));
      const out: string[][] = [];
      while (c.next()) {
        const d = c.delimiters!;
        // ISA16 differs by design; compare every other element with composites split
        out.push(
          c
            .elements()
            .slice(0, c.isIsa ? 16 : undefined)
            .flatMap((e) => e.split(d.component)),
        );
      }
      return out;
    };
    const plain = read("imsweb-x12-parser/src/test/resources/837_5010/x12_valid.txt");
    const other = read("imsweb-x12-parser/src/test/resources/837_5010/x12_valid_different_separators.txt");
    expect(other.length).toBeGreaterThan(30);
    expect(other).toEqual(plain);
  });

  it("throws X12Error no-isa for input that is not an interchange", () => {
    const err = (() => {
      try {
        tokenize(fixture("imsweb-x12-parser/src/test/resources/837_5010/x12_no_isa_line.txt"));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(X12Error);
    expect((err as X12Error).code).toBe("no-isa");
  });

  it("throws X12Error bad-isa for an ISA that cannot be read", () => {
    expect(() => tokenize("ISA*00*00~GS*HC~")).toThrow(
      expect.objectContaining({ code: "bad-isa", segment: "ISA", segmentIndex: 1 }),
    );
  });

  it("treats a letter in ISA11 (4010 style) as no repetition separator", () => {
    const c = new SegmentCursor(fixture("imsweb-x12-parser/src/test/resources/837_5010/x12_valid.txt"));
    c.next();
    expect(c.delimiters).toEqual({ element: "*", component: ":", repetition: "", segment: "~" });
  });
});

describe("SegmentCursor", () => {
  it("reads elements on demand without allocating the rest", () => {
    const c = new SegmentCursor(`${ISA}CLP*A1*1*211366.97*138018.4**MA~`);
    c.next();
    expect(c.next()).toBe(true);
    expect(c.id()).toBe("CLP");
    expect(c.count).toBe(7);
    expect(c.el(1)).toBe("A1");
    expect(c.cents(3)).toBe(21136697);
    expect(c.cents(4)).toBe(13801840);
    expect(c.cents(5)).toBeUndefined();
    expect(c.el(6)).toBe("MA");
    expect(c.el(40)).toBe("");
    expect(c.is(6, "MA")).toBe(true);
    expect(c.is(6, "M")).toBe(false);
    expect(c.empty(5)).toBe(true);
    expect(c.next()).toBe(false);
  });

  it("splits composites on the ISA16 separator", () => {
    const c = new SegmentCursor(`${ISA}SVC*HC:99213:25*1~`);
    c.next();
    c.next();
    expect(c.components(1)).toEqual(["HC", "99213", "25"]);
    expect(c.hasComponents(1)).toBe(true);
    expect(c.hasComponents(2)).toBe(false);
  });

  it("handles segments with many elements", () => {
    const many = Array.from({ length: 300 }, (_, i) => String(i)).join("*");
    const segs = tokenize(`${ISA}ZZ*${many}~`);
    expect(segs[1]!.elements).toHaveLength(301);
    expect(segs[1]!.elements[300]).toBe("299");
  });
});

describe("streams", () => {
  const text = fixture("linuxforhealth-x12/src/tests/resources/835_005010X221A1/secondary-payment.835");

  it("yields the same segments whatever the chunk boundaries", async () => {
    const whole = tokenize(text);
    for (const size of [1, 2, 3, 7, 64, 105, 106, 107, 4096]) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      const got = [];
      for await (const s of readSegments(chunks)) got.push(s);
      expect(got, `chunk size ${size}`).toEqual(whole);
    }
  });

  it("decodes bytes, including multi-byte characters split across chunks", async () => {
    const withName = text.replace("TOWNSEND", "TÖWNSEND");
    const bytes = new TextEncoder().encode(withName);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 5) chunks.push(bytes.subarray(i, i + 5));
    const got = [];
    for await (const s of readSegments(chunks)) got.push(s);
    expect(got).toEqual(tokenize(withName));
    expect(got.find((s) => s.elements[3] === "TÖWNSEND")).toBeDefined();
  });

  it("segments() iterates lazily", () => {
    const it = segments(text);
    expect(it.next().value?.id).toBe("ISA");
    expect(it.next().value?.id).toBe("GS");
  });
});
