/** Delimiters of one interchange, read from its ISA segment. */
export interface Delimiters {
  /** Element separator: the character right after "ISA". */
  element: string;
  /** Component (sub-element) separator: ISA16. */
  component: string;
  /** Repetition separator: ISA11 when it is a punctuation character, else "" (none). */
  repetition: string;
  /** Segment terminator: the character right after ISA16. */
  segment: string;
}

/** The delimiters the writer uses unless told otherwise. */
export const DEFAULT_DELIMITERS: Delimiters = { element: "*", component: ":", repetition: "^", segment: "~" };

/** True for a character that can serve as a repetition separator (not a letter, digit or space). */
export function isSeparatorChar(ch: string): boolean {
  if (ch.length !== 1) return false;
  const c = ch.charCodeAt(0);
  return !(c <= 32 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122));
}

/**
 * Reads the delimiters of the ISA starting at `start` (text.startsWith("ISA", start)). Returns the
 * delimiters and the offset of the segment terminator, "short" when the text ends before the
 * terminator, or "bad" when the ISA cannot be read (no 16 element separators on its line).
 */
export function readIsaDelimiters(
  text: string,
  start: number,
): { delimiters: Delimiters; terminatorAt: number } | "short" | "bad" {
  if (start + 4 > text.length) return "short";
  const element = text.charAt(start + 3);
  const el = element.charCodeAt(0);
  if (!isSeparatorChar(element)) return "bad";
  let seen = 0;
  let i = start + 3;
  let rep = "";
  let sep11 = -1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === el) {
      seen++;
      // separator k precedes element k: ISA11 lies between the 11th and 12th separators
      if (seen === 11) sep11 = i;
      if (seen === 12 && i === sep11 + 2) rep = text.charAt(sep11 + 1);
      if (seen === 16) break;
    } else if ((c === 10 || c === 13) && seen < 16) {
      // a line break inside an ISA: the terminator is missing or the ISA is short
      return "bad";
    }
  }
  if (seen < 16) return i - start > 200 ? "bad" : "short";
  if (i + 2 >= text.length) return "short";
  const component = text.charAt(i + 1);
  const segment = text.charAt(i + 2);
  if (segment === element || segment === component) return "bad";
  const repetition = isSeparatorChar(rep) && rep !== component && rep !== segment ? rep : "";
  return { delimiters: { element, component, repetition, segment }, terminatorAt: i + 2 };
}
