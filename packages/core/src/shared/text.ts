/**
 * Text as X12 carries it. Names may hold accented Latin letters (José Muñoz, Zoë Brontë: the
 * statements print them as written), but X12's character sets are ASCII: what we send a payer, and
 * what we compare with a payer's answer, is the name with its accents taken off (Jose Munoz).
 */
const LIGATURES: Record<string, string> = {
  ß: "ss",
  Æ: "AE",
  æ: "ae",
  Ø: "O",
  ø: "o",
  Œ: "OE",
  œ: "oe",
  Ð: "D",
  ð: "d",
  Þ: "TH",
  þ: "th",
};

/** The text with accents off and the few ligatures spelled out; any other non-ASCII character becomes a space. */
export function foldToAscii(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return s;
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, (c) => LIGATURES[c] ?? " ");
}

/** Words of `text` in lines of at most `width` characters (a longer word stands alone), for the PDFs' plain text. */
export function wrap(text: string, width = 92): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
