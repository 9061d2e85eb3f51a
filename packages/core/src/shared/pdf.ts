/**
 * A small PDF 1.4 writer for text documents (statements, invoices): Helvetica and Courier, each bold
 * too, in WinAnsiEncoding, so names with accents (José Muñoz, Zoë Brontë) print as written. Two ways
 * to lay out: lines that flow down the page (`renderPdf`, new page when one is full), or pages whose
 * every text, box and rule is placed at its own coordinates (`renderPages`: a statement's envelope
 * window and remittance stub). Content streams are left uncompressed and non-ASCII is written as
 * octal escapes, so a test (or a person with a text editor) can read the figures back out of the file.
 */

export interface PdfLine {
  text: string;
  size?: number;
  bold?: boolean;
  /** Extra space before the line, in points. */
  gap?: number;
  /** Courier, for tables whose columns line up by padding. */
  mono?: boolean;
}

/** A text placed on the page: x, y of its baseline start in points from the bottom-left corner. */
export interface PdfText {
  x: number;
  y: number;
  text: string;
  size?: number;
  bold?: boolean;
  mono?: boolean;
  /** "right": x is where the text ends (Courier only: its widths are all 0.6 em). */
  align?: "left" | "right";
}

/** A stroked rectangle (x, y its bottom-left corner), or a rule from (x, y) to (x2, y2); dashed for a tear line. */
export type PdfShape =
  | { kind: "box"; x: number; y: number; w: number; h: number; dash?: boolean }
  | { kind: "rule"; x: number; y: number; x2: number; y2: number; dash?: boolean };

export interface PdfPage {
  texts: PdfText[];
  shapes?: PdfShape[];
}

export const PAGE_W = 612;
export const PAGE_H = 792;
const MARGIN = 56;

/** WinAnsiEncoding's bytes 0x80-0x9F (the rest of 0xA0-0xFF is Latin-1 itself). */
const WIN_ANSI_HIGH: Record<number, number> = {
  0x20ac: 0x80,
  0x201a: 0x82,
  0x0192: 0x83,
  0x201e: 0x84,
  0x2026: 0x85,
  0x2020: 0x86,
  0x2021: 0x87,
  0x02c6: 0x88,
  0x2030: 0x89,
  0x0160: 0x8a,
  0x2039: 0x8b,
  0x0152: 0x8c,
  0x017d: 0x8e,
  0x2018: 0x91,
  0x2019: 0x92,
  0x201c: 0x93,
  0x201d: 0x94,
  0x2022: 0x95,
  0x2013: 0x96,
  0x2014: 0x97,
  0x02dc: 0x98,
  0x2122: 0x99,
  0x0161: 0x9a,
  0x203a: 0x9b,
  0x0153: 0x9c,
  0x017e: 0x9e,
  0x0178: 0x9f,
};
const UNICODE_OF: Record<number, number> = Object.fromEntries(
  Object.entries(WIN_ANSI_HIGH).map(([u, b]) => [b, Number(u)]),
);

/** The WinAnsi byte of a character, or undefined when the standard fonts cannot print it. */
export function winAnsiByte(ch: string): number | undefined {
  const u = ch.codePointAt(0)!;
  if (u >= 0x20 && u <= 0x7e) return u;
  if (u >= 0xa0 && u <= 0xff) return u;
  return WIN_ANSI_HIGH[u];
}

/** Whether every character of the text prints in the documents' fonts (after NFC composition). */
export const printable = (s: string) => [...s.normalize("NFC")].every((c) => winAnsiByte(c) !== undefined);

/** A PDF string literal's body: ASCII as it is (parentheses and backslashes escaped), the rest as octal escapes. */
function pdfString(s: string): string {
  let out = "";
  for (const ch of s.normalize("NFC")) {
    const b = winAnsiByte(ch) ?? 0x3f; // "?" for a character the font cannot print
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += `\\${ch}`;
    else if (b < 0x80) out += String.fromCharCode(b);
    else out += `\\${b.toString(8).padStart(3, "0")}`;
  }
  return out;
}

const font = (t: { mono?: boolean; bold?: boolean }) => `/F${(t.mono ? 3 : 1) + (t.bold ? 1 : 0)}`;

function textOp(t: PdfText): string {
  const size = t.size ?? 10;
  const width = t.align === "right" ? [...t.text.normalize("NFC")].length * size * 0.6 : 0;
  return `BT ${font(t)} ${size} Tf ${(t.x - width).toFixed(1)} ${t.y.toFixed(1)} Td (${pdfString(t.text)}) Tj ET`;
}

function shapeOp(s: PdfShape): string {
  const dash = s.dash ? "[4 3] 0 d " : "[] 0 d ";
  return s.kind === "box"
    ? `${dash}0.8 w ${s.x} ${s.y} ${s.w} ${s.h} re S`
    : `${dash}0.6 w ${s.x} ${s.y} m ${s.x2} ${s.y2} l S`;
}

function paginate(lines: PdfLine[]): PdfPage[] {
  const pages: PdfPage[] = [];
  let texts: PdfText[] = [];
  let y = PAGE_H - MARGIN;
  for (const l of lines) {
    const size = l.size ?? 10;
    const step = size * 1.4 + (l.gap ?? 0);
    if (y - step < MARGIN) {
      pages.push({ texts });
      texts = [];
      y = PAGE_H - MARGIN;
    }
    y -= step;
    texts.push({ x: MARGIN, y, text: l.text, size, bold: l.bold, mono: l.mono });
  }
  pages.push({ texts });
  return pages;
}

/** Lines flowing down US Letter pages from a 56-point margin. */
export function renderPdf(lines: PdfLine[], title = "Document"): Buffer {
  return renderPages(paginate(lines), title);
}

/** Pages laid out by coordinates (US Letter, 612 x 792 points, origin bottom-left). */
export function renderPages(pages: PdfPage[], title = "Document"): Buffer {
  const contents = pages.map((p) => [...(p.shapes ?? []).map(shapeOp), ...p.texts.map(textOp)].join("\n"));
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) - 0;
  add("<< /Type /Catalog /Pages 2 0 R >>");
  const pageIds = contents.map((_, i) => 8 + i * 2);
  add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${contents.length} >>`);
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  add(`<< /Title (${pdfString(title)}) /Producer (ClaimLedger) >>`);
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>");
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding >>");
  for (const [i, content] of contents.entries()) {
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 6 0 R /F4 7 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`,
    );
    add(`<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`);
  }
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** A PDF string literal's body decoded: escapes undone, WinAnsi bytes back to their characters. */
function decode(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    let b = body.charCodeAt(i);
    if (body[i] === "\\") {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i + 1))?.[0];
      if (oct) {
        b = parseInt(oct, 8);
        i += oct.length;
      } else b = body.charCodeAt(++i);
    }
    out += String.fromCodePoint(UNICODE_OF[b] ?? b);
  }
  return out;
}

/** The text of a PDF written here, in the order it was written (for tests and checks). */
export function pdfText(pdf: Buffer): string[] {
  return [...pdf.toString("latin1").matchAll(/\(((?:[^()\\]|\\.)*)\) Tj/g)].map((m) => decode(m[1]!));
}

/** Each page's text, with the coordinates it was placed at (for tests of a layout). */
export function pdfPlacedText(pdf: Buffer): { page: number; x: number; y: number; text: string }[] {
  const s = pdf.toString("latin1");
  const out: { page: number; x: number; y: number; text: string }[] = [];
  let page = 0;
  for (const stream of s.matchAll(/stream\n([\s\S]*?)\nendstream/g)) {
    page++;
    for (const m of stream[1]!.matchAll(/Tf (-?[\d.]+) (-?[\d.]+) Td \(((?:[^()\\]|\\.)*)\) Tj/g))
      out.push({ page, x: Number(m[1]), y: Number(m[2]), text: decode(m[3]!) });
  }
  return out;
}
