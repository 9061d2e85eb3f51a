import { describe, expect, it } from "vitest";
import { pdfText, renderPdf } from "./pdf.ts";

describe("renderPdf", () => {
  it("writes a PDF whose xref points at each object and whose text reads back", () => {
    const pdf = renderPdf([{ text: "Statement (copy)", bold: true, size: 16 }, { text: "Amount due: $12.34" }], "Test");
    const s = pdf.toString("latin1");
    expect(s.startsWith("%PDF-1.4")).toBe(true);
    expect(s.trimEnd().endsWith("%%EOF")).toBe(true);
    const xref = Number(/startxref\n(\d+)/.exec(s)![1]);
    expect(s.slice(xref, xref + 4)).toBe("xref");
    for (const m of s.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm))
      expect(s.slice(Number(m[1])).match(/^\d+ 0 obj/)).not.toBeNull();
    expect(pdfText(pdf)).toEqual(["Statement (copy)", "Amount due: $12.34"]);
  });

  it("starts a new page when one is full", () => {
    const pdf = renderPdf(Array.from({ length: 120 }, (_, i) => ({ text: `line ${i}` })));
    expect(/\/Count (\d+)/.exec(pdf.toString("latin1"))![1]).toBe("3");
    expect(pdfText(pdf)).toHaveLength(120);
  });
});
