import { isoOfCmsDate } from "./code-key.ts";

/**
 * HCPCS Level II codes with the dates they are in force, from CMS's alpha-numeric HCPCS file
 * (HCPC<year>_<MON>_ANWEB….txt): fixed-width 320-character records; columns 1-5 the code, 11 the
 * record kind (3 procedure, 4 its description continued, 7 modifier, 8 continued), 269-276 the
 * date added, 277-284 the action's effective date, 285-292 the termination date (blank while in
 * force). A plain list (one code a line, optionally "code<TAB>added<TAB>terminated") is accepted
 * too, which is also how an operator loads a licensed CPT list.
 */

export interface HcpcsRow {
  code: string;
  /** YYYY-MM-DD the code was added (undefined: not known, treated as always). */
  added?: string;
  /** YYYY-MM-DD the code ends (last day it may be billed). */
  terminated?: string;
  /** CMS's short description (columns 92-119 of the ANWEB file; a plain list has none). */
  short?: string;
}

const ANWEB_RE = /^([A-Z0-9]{5})\d{5}([3478])/;
const LIST_RE = /^([A-Z0-9]{5})(?:\t(\d{4}-?\d{2}-?\d{2})?(?:\t(\d{4}-?\d{2}-?\d{2})?)?)?\s*$/;

export function parseHcpcsFile(text: string): { format: "anweb" | "list"; rows: HcpcsRow[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const anweb = lines.some((l) => l.length >= 200 && ANWEB_RE.test(l));
  const rows = new Map<string, HcpcsRow>();
  const errors: string[] = [];
  lines.forEach((l, i) => {
    if (anweb) {
      const m = ANWEB_RE.exec(l);
      if (!m || m[2] !== "3") return; // disclaimer, modifiers, continuations
      const added = isoOfCmsDate(l.slice(268, 276));
      const terminated = isoOfCmsDate(l.slice(284, 292));
      const short = l.slice(91, 119).trim();
      rows.set(m[1]!, {
        code: m[1]!,
        ...(added ? { added } : {}),
        ...(terminated ? { terminated } : {}),
        ...(short ? { short } : {}),
      });
      return;
    }
    if (l.trim() === "") return;
    const m = LIST_RE.exec(l.trim().toUpperCase());
    if (!m) {
      errors.push(`line ${i + 1}: not a code: ${JSON.stringify(l.slice(0, 40))}`);
      return;
    }
    const added = m[2] ? isoOfCmsDate(m[2]) : undefined;
    const terminated = m[3] ? isoOfCmsDate(m[3]) : undefined;
    rows.set(m[1]!, { code: m[1]!, ...(added ? { added } : {}), ...(terminated ? { terminated } : {}) });
  });
  if (errors.length) throw new Error(errors.slice(0, 5).join("; "));
  if (rows.size === 0) throw new Error("The file holds no procedure codes");
  return { format: anweb ? "anweb" : "list", rows: [...rows.values()].sort((a, b) => (a.code < b.code ? -1 : 1)) };
}

export type CodeStatus =
  | { status: "active" }
  | { status: "not_yet"; added: string }
  | { status: "terminated"; terminated: string }
  | { status: "unknown" };

export class CodeListTable {
  private readonly byCode: Map<string, HcpcsRow>;
  /** The calendar year of the release (a code added later is not in it). */
  readonly year: number;
  constructor(rows: readonly HcpcsRow[], year: number) {
    this.year = year;
    this.byCode = new Map(rows.map((r) => [r.code, r]));
  }
  get size(): number {
    return this.byCode.size;
  }
  status(code: string, dateOfService: string): CodeStatus {
    const r = this.byCode.get(code);
    if (!r) return { status: "unknown" };
    if (r.added && dateOfService < r.added) return { status: "not_yet", added: r.added };
    if (r.terminated && dateOfService > r.terminated) return { status: "terminated", terminated: r.terminated };
    return { status: "active" };
  }
  toText(): string {
    return [...this.byCode.values()].map((r) => `${r.code}\t${r.added ?? ""}\t${r.terminated ?? ""}`).join("\n") + "\n";
  }
  static fromText(text: string, year: number): CodeListTable {
    return new CodeListTable(parseHcpcsFile(text).rows, year);
  }
}
