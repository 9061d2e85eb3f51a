import { describe, expect, it } from "vitest";
import { pdfPlacedText, pdfText, printable, renderPages, renderPdf } from "./pdf.ts";

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

describe("names with accents", () => {
  it("prints José Muñoz and Zoë Brontë as written: WinAnsi bytes for the standard fonts, read back the same", () => {
    const names = ["José Muñoz", "Zoë Brontë", "François Œuvre-Straße", "Ana María Peña (née Ibáñez)"];
    const pdf = renderPdf(names.map((text) => ({ text })));
    const raw = pdf.toString("latin1");
    // Each font declares WinAnsiEncoding, in which é is 0xE9 (octal 351), ñ 0xF1 (361), ë 0xEB (353), Œ 0x8C (214).
    expect(raw.match(/\/Encoding \/WinAnsiEncoding/g)).toHaveLength(4);
    expect(raw).toContain("(Jos\\351 Mu\\361oz) Tj");
    expect(raw).toContain("(Zo\\353 Bront\\353) Tj");
    expect(raw).toContain("(Fran\\347ois \\214uvre-Stra\\337e) Tj");
    // The file itself stays ASCII: every non-ASCII character is an escape.
    expect([...raw].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    expect(pdfText(pdf)).toEqual(names);
  });

  it("composes a decomposed accent first, and prints ? only for what the fonts cannot show", () => {
    const decomposed = "Jose\u0301"; // e + combining acute, as some keyboards send it
    expect(pdfText(renderPdf([{ text: decomposed }]))).toEqual(["José"]);
    expect(printable("Zoë Brontë")).toBe(true);
    expect(printable("Łukasz")).toBe(false); // Ł is not in WinAnsiEncoding
    expect(pdfText(renderPdf([{ text: "Łukasz" }]))).toEqual(["?ukasz"]);
  });

  it("places text, boxes and rules where a layout puts them, right-aligning Courier figures", () => {
    const pdf = renderPages([
      {
        texts: [
          { x: 72, y: 600, text: "Zoë Brontë", bold: true },
          { x: 540, y: 100, text: "$1,234.56", mono: true, size: 10, align: "right" },
        ],
        shapes: [
          { kind: "box", x: 400, y: 80, w: 140, h: 30 },
          { kind: "rule", x: 0, y: 252, x2: 612, y2: 252, dash: true },
        ],
      },
    ]);
    // 9 characters of 10-point Courier are 9 x 6 = 54 points wide: the text starts at 540 - 54 = 486.
    expect(pdfPlacedText(pdf)).toEqual([
      { page: 1, x: 72, y: 600, text: "Zoë Brontë" },
      { page: 1, x: 486, y: 100, text: "$1,234.56" },
    ]);
    const raw = pdf.toString("latin1");
    expect(raw).toContain("400 80 140 30 re S");
    expect(raw).toContain("[4 3] 0 d 0.6 w 0 252 m 612 252 l S");
  });
});
