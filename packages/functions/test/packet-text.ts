import { inflateSync } from "node:zlib";
import { winAnsiByte } from "@claimledger/core/shared/pdf.ts";

/** WinAnsi bytes back to characters. */
const CHAR_OF = new Map<number, string>();
for (let u = 0x20; u < 0x2200; u++) {
  const b = winAnsiByte(String.fromCodePoint(u));
  if (b !== undefined && !CHAR_OF.has(b)) CHAR_OF.set(b, String.fromCodePoint(u));
}

/**
 * The text of a PDF pdf-lib wrote (the month-end packet), page by page in drawing order: each
 * content stream inflated, each `<hex> Tj` decoded from WinAnsi. For tests.
 */
export function pdfLibText(pdf: Uint8Array): string[][] {
  const raw = Buffer.from(pdf).toString("latin1");
  const pages: string[][] = [];
  for (const m of raw.matchAll(/<<([^]*?)>>\s*stream\r?\n/g)) {
    if (!m[1]!.includes("/FlateDecode")) continue;
    const start = m.index! + m[0].length;
    const length = Number(/\/Length (\d+)/.exec(m[1]!)?.[1]);
    const body = inflateSync(Buffer.from(raw.slice(start, start + length), "latin1")).toString("latin1");
    const texts = [...body.matchAll(/<([0-9A-Fa-f]*)> Tj/g)].map((t) =>
      (t[1]!.match(/../g) ?? []).map((h) => CHAR_OF.get(parseInt(h, 16)) ?? "?").join(""),
    );
    if (texts.length) pages.push(texts);
  }
  return pages;
}
