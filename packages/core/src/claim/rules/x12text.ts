import { DEFAULT_DELIMITERS } from "@claimledger/x12";
import type { Rule, RuleHit } from "./types.ts";
import { foldToAscii } from "../../shared/text.ts";

/** The characters our 837P uses as separators; text holding one would split its element. */
const RESERVED = new Set(Object.values(DEFAULT_DELIMITERS));
const RESERVED_RE = new RegExp(`[${[...RESERVED].map((c) => `\\${c}`).join("")}]`, "g");

/** Text as the 837P writes it: ASCII (accents off: José -> Jose), each X12 separator character a space. */
export function x12Safe(s: string): string {
  return foldToAscii(s).replace(RESERVED_RE, " ");
}

/** Every string in a plain-data value (objects, arrays) made X12-safe; other values kept as they are. */
export function x12SafeDeep<T>(v: T): T {
  if (typeof v === "string") return x12Safe(v) as T;
  if (Array.isArray(v)) return v.map(x12SafeDeep) as T;
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x12SafeDeep(x)])) as T;
  }
  return v;
}

/** Our own ids and the practice's visit reference, which the 837P never carries as text. */
const NOT_SENT = new Set([
  "externalId",
  "claimId",
  "practiceId",
  "patientId",
  "providerId",
  "coverageId",
  "payerId",
  "lineId",
  "originalClaimId",
  "primaryClaimId",
]);

/** Paths of the strings in a value that hold a separator character, with the characters found. */
function reservedIn(v: unknown, path: string, out: { path: string; chars: string[] }[]): void {
  if (typeof v === "string") {
    const chars = [...new Set(v.match(RESERVED_RE) ?? [])];
    if (chars.length) out.push({ path, chars });
  } else if (Array.isArray(v)) v.forEach((x, i) => reservedIn(x, path ? `${path}.${i}` : String(i), out));
  else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) if (!NOT_SENT.has(k)) reservedIn(x, path ? `${path}.${k}` : k, out);
  }
}

export const x12Characters: Rule = {
  id: "x12.characters",
  severity: "warning",
  title: "Text holds no X12 separator (* : ^ ~); any found is sent as a space",
  check: ({ claim }) => {
    const found: { path: string; chars: string[] }[] = [];
    reservedIn(claim, "", found);
    return found.map(({ path, chars }): RuleHit => ({
      path,
      // Names the field and the characters, never the value (it may be a patient's address).
      message: `${path} holds ${chars.map((c) => `"${c}"`).join(", ")}, which X12 uses as a separator; the 837P sends each as a space.`,
      fixHint:
        'Correct the text at its source (e.g. write "Apt 4B" or "Apt 4-B" instead of "Apt 4*B") so the payer receives it as meant.',
    }));
  },
};
