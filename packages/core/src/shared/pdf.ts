/**
 * A small PDF 1.4 writer for text documents (statements, invoices): Helvetica and Courier, each bold too,
 * one line per entry, new page when a page is full. Content streams are left uncompressed, so a
 * test (or a person with a text editor) can read the figures back out of the file.
 */
/** Cents as a document prints them: -$1,234.56. */

export interface PdfLine {
  text: string;
  size?: number;
  bold?: boolean;
  /** Extra space before the line, in points. */
  gap?: number;
  /** Courier, for tables whose columns line up by padding. */
  mono?: boolean;
}

const PAGE_W = 612;
const PAGE_H = 792;
const MARGIN = 56;

const escape = (s: string) => s.replace(/[^\x20-\x7e]/g, "?").replace(/([\\()])/g, "\\$1");

function paginate(lines: PdfLine[]): string[] {
  const pages: string[] = [];
  let ops: string[] = [];
  let y = PAGE_H - MARGIN;
  for (const l of lines) {
    const size = l.size ?? 10;
    const step = size * 1.4 + (l.gap ?? 0);
    if (y - step < MARGIN) {
      pages.push(ops.join("\n"));
      ops = [];
      y = PAGE_H - MARGIN;
    }
    y -= step;
    ops.push(
      `BT /F${(l.mono ? 3 : 1) + (l.bold ? 1 : 0)} ${size} Tf ${MARGIN} ${y.toFixed(1)} Td (${escape(l.text)}) Tj ET`,
    );
  }
  pages.push(ops.join("\n"));
  return pages;
}

export function renderPdf(lines: PdfLine[], title = "Document"): Buffer {
  const pages = paginate(lines);
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) - 0;
  add("<< /Type /Catalog /Pages 2 0 R >>");
  const pageIds = pages.map((_, i) => 8 + i * 2);
  add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`);
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  add(`<< /Title (${escape(title)}) /Producer (ClaimLedger) >>`);
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>");
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding >>");
  for (const [i, content] of pages.entries()) {
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

/** The text lines of a PDF written by renderPdf, in order (for tests and checks). */
export function pdfText(pdf: Buffer): string[] {
  return [...pdf.toString("latin1").matchAll(/\((?:[^()\\]|\\.)*\) Tj/g)].map((m) =>
    m[0].slice(1, -4).replace(/\\([\\()])/g, "$1"),
  );
}
