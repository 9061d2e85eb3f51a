import { describe, expect, it } from "vitest";
import { scrub } from "./index.ts";
import { claimWith, ctxFor } from "./fixtures.ts";
import { x12Safe, x12SafeDeep } from "./x12text.ts";

describe("X12 separators in claim text", () => {
  it("sends each separator as a space, leaving other text alone", () => {
    expect(x12Safe("487 Oak St Apt 4*B")).toBe("487 Oak St Apt 4 B");
    expect(x12Safe("a~b:c^d")).toBe("a b c d");
    expect(x12Safe("O'Brien & Sons, 4-B")).toBe("O'Brien & Sons, 4-B");
    const at = new Date(0);
    expect(x12SafeDeep({ a: ["x*y", 3], b: { c: "p~q" }, at })).toEqual({ a: ["x y", 3], b: { c: "p q" }, at });
  });

  it("warns once per field, naming the field and the characters but never the patient's text", () => {
    const claim = claimWith((c) => {
      c.patient.address!.line1 = "487 Oak St Apt 4*B";
      c.patient.address!.city = "Spring~field";
    });
    const hits = scrub(ctxFor(claim)).filter((f) => f.ruleId === "x12.characters");
    expect(hits.map((h) => [h.path, h.severity])).toEqual([
      ["patient.address.city", "warning"],
      ["patient.address.line1", "warning"],
    ]);
    for (const h of hits) {
      expect(h.message).not.toContain("Oak");
      expect(h.message).not.toContain("Spring");
    }
  });
});
