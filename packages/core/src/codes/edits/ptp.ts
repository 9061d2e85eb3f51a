import { codeKey, codeOfKey, dateOfDay, dayNumber } from "./code-key.ts";

/**
 * NCCI procedure-to-procedure (PTP) edits, practitioner table. CMS publishes each quarter's table
 * as four tab-delimited text files (ccipra-v<ver>r0-f1.TXT … f4): an AMA notice and a wrapped
 * header, then one row per pair:
 *
 *   column 1 | column 2 | "*" if in existence before 1996 | effective YYYYMMDD |
 *   deletion YYYYMMDD or "*" | modifier indicator 0/1/9 | PTP edit rationale
 *
 * The column 2 code is bundled into the column 1 code when both are billed for the patient on one
 * date of service by one provider. Modifier indicator 0: never separately payable; 1: an
 * NCCI-associated modifier (59, XE/XS/XP/XU, anatomic, 25/57/58/24/78/79, 91…) may bypass the edit
 * when documented; 9: not applicable (the edit was never in force). The deletion date is the last
 * day the edit applies (CMS deletes edits at quarter ends: 20260630).
 */

export interface PtpRow {
  column1: string;
  column2: string;
  /** YYYY-MM-DD. */
  effective: string;
  /** YYYY-MM-DD, last day in force; absent while the edit stands. */
  deletion?: string;
  modifier: 0 | 1 | 9;
  rationale: string;
}

export type PtpEdit = PtpRow;

const DATA_RE = /^([0-9A-Z]{5})\t([0-9A-Z]{5})\t(\*?)\t(\d{8})\t(\d{8}|\*)\t([019])\t?(.*)$/;
const CODE_START = /^[0-9A-Z]{5}\t/;

/** Parses one PTP text file (CMS layout). Lines before the first data row are the notice and header. */
export function parsePtpFile(text: string): PtpRow[] {
  const rows: PtpRow[] = [];
  const errors: string[] = [];
  let started = false;
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const m = DATA_RE.exec(raw.trimEnd());
      if (!m) {
        // Before the first row: the AMA notice and the wrapped header. After it, only blank lines.
        if ((started && raw.trim() !== "") || (!started && CODE_START.test(raw)))
          errors.push(`line ${i + 1}: not a PTP row: ${JSON.stringify(raw.slice(0, 50))}`);
        return;
      }
      started = true;
      const effective = dayNumber(m[4]!);
      const deletion = m[5] === "*" ? 0 : dayNumber(m[5]!);
      if (effective === undefined || deletion === undefined) {
        errors.push(`line ${i + 1}: bad date in ${JSON.stringify(raw.slice(0, 50))}`);
        return;
      }
      rows.push({
        column1: m[1]!,
        column2: m[2]!,
        effective: dateOfDay(effective),
        ...(deletion ? { deletion: dateOfDay(deletion) } : {}),
        modifier: Number(m[6]) as 0 | 1 | 9,
        rationale: m[7]!.trim(),
      });
    });
  if (errors.length)
    throw new Error(`${errors.slice(0, 5).join("; ")}${errors.length > 5 ? ` (and ${errors.length - 5} more)` : ""}`);
  if (rows.length === 0) throw new Error("The file holds no PTP rows");
  return rows;
}

const MAGIC = 0x31505450; // "PTP1"

/**
 * The table in memory: parallel typed arrays sorted by (column 1, column 2, effective), about 14
 * bytes a pair (1.5 million pairs: ~21 MB) instead of an object per pair; a lookup is a binary
 * search. Rationales are few distinct strings, kept once and indexed.
 */
export class PtpTable {
  private readonly c1: Uint32Array;
  private readonly c2: Uint32Array;
  private readonly eff: Uint16Array;
  private readonly del: Uint16Array;
  private readonly mod: Uint8Array;
  private readonly why: Uint8Array;
  private readonly rationales: string[];

  private constructor(
    c1: Uint32Array,
    c2: Uint32Array,
    eff: Uint16Array,
    del: Uint16Array,
    mod: Uint8Array,
    why: Uint8Array,
    rationales: string[],
  ) {
    [this.c1, this.c2, this.eff, this.del, this.mod, this.why, this.rationales] = [
      c1,
      c2,
      eff,
      del,
      mod,
      why,
      rationales,
    ];
  }

  get size(): number {
    return this.c1.length;
  }

  /** Bytes the arrays hold. */
  get bytes(): number {
    return this.c1.byteLength * 2 + this.eff.byteLength * 2 + this.mod.byteLength * 2;
  }

  /**
   * A table over arrays already in key order (column 1, column 2, effective): codeKey() codes and
   * dayNumber() dates, 0 for no deletion. For generated tables (the bench's 1.5 million pairs).
   */
  static fromArrays(
    c1: Uint32Array,
    c2: Uint32Array,
    eff: Uint16Array,
    del: Uint16Array,
    mod: Uint8Array,
    rationale: string,
  ): PtpTable {
    return new PtpTable(c1, c2, eff, del, mod, new Uint8Array(c1.length), [rationale]);
  }

  static fromRows(rows: readonly PtpRow[]): PtpTable {
    const keyed = rows.map((r) => ({
      k1: codeKey(r.column1),
      k2: codeKey(r.column2),
      e: dayNumber(r.effective) ?? 0,
      d: r.deletion ? (dayNumber(r.deletion) ?? 0) : 0,
      m: r.modifier,
      w: r.rationale,
    }));
    keyed.sort((a, b) => a.k1 - b.k1 || a.k2 - b.k2 || a.e - b.e);
    const n = keyed.length;
    const t = new PtpTable(
      new Uint32Array(n),
      new Uint32Array(n),
      new Uint16Array(n),
      new Uint16Array(n),
      new Uint8Array(n),
      new Uint8Array(n),
      [],
    );
    const index = new Map<string, number>();
    keyed.forEach((r, i) => {
      t.c1[i] = r.k1;
      t.c2[i] = r.k2;
      t.eff[i] = r.e;
      t.del[i] = r.d;
      t.mod[i] = r.m;
      let w = index.get(r.w);
      if (w === undefined) {
        w = Math.min(t.rationales.push(r.w) - 1, 255);
        index.set(r.w, w);
      }
      t.why[i] = w;
    });
    return t;
  }

  private lastDate = "";
  private lastDay: number | undefined;

  /** The edit bundling `column2` into `column1` in force on `dateOfService` (YYYY-MM-DD), if any. */
  find(column1: string, column2: string, dateOfService: string): PtpEdit | undefined {
    const k1 = codeKey(column1);
    const k2 = codeKey(column2);
    if (dateOfService !== this.lastDate) [this.lastDate, this.lastDay] = [dateOfService, dayNumber(dateOfService)];
    const day = this.lastDay;
    if (k1 < 0 || k2 < 0 || day === undefined) return undefined;
    let lo = 0;
    let hi = this.c1.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.c1[mid]! < k1 || (this.c1[mid] === k1 && this.c2[mid]! < k2)) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.c1.length && this.c1[i] === k1 && this.c2[i] === k2; i++) {
      const e = this.eff[i]!;
      const d = this.del[i]!;
      if (e <= day && (d === 0 || day <= d)) return this.row(i);
    }
    return undefined;
  }

  private row(i: number): PtpEdit {
    const d = this.del[i]!;
    return {
      column1: codeOfKey(this.c1[i]!),
      column2: codeOfKey(this.c2[i]!),
      effective: dateOfDay(this.eff[i]!),
      ...(d ? { deletion: dateOfDay(d) } : {}),
      modifier: this.mod[i] as 0 | 1 | 9,
      rationale: this.rationales[this.why[i]!] ?? "",
    };
  }

  /** The packed form written to disk: a small header, the rationale strings, then the arrays. */
  toBuffer(): Buffer {
    const names = Buffer.from(JSON.stringify(this.rationales), "utf8");
    const head = 12 + names.length + ((4 - ((12 + names.length) % 4)) % 4);
    const n = this.size;
    const out = Buffer.alloc(head + n * 14);
    out.writeUInt32LE(MAGIC, 0);
    out.writeUInt32LE(n, 4);
    out.writeUInt32LE(names.length, 8);
    names.copy(out, 12);
    let at = head;
    for (const a of [this.c1, this.c2, this.eff, this.del, this.mod, this.why]) {
      Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, at);
      at += a.byteLength;
    }
    return out;
  }

  static fromBuffer(input: Buffer): PtpTable {
    if (input.length < 12 || input.readUInt32LE(0) !== MAGIC) throw new Error("Not a packed PTP table");
    const n = input.readUInt32LE(4);
    const len = input.readUInt32LE(8);
    const rationales = JSON.parse(input.toString("utf8", 12, 12 + len)) as string[];
    const head = 12 + len + ((4 - ((12 + len) % 4)) % 4);
    // Typed arrays need aligned offsets: copy into a fresh ArrayBuffer unless the Buffer starts at 0.
    const buf = input.byteOffset % 4 === 0 ? input : Buffer.from(input);
    const base = buf.byteOffset + head;
    const ab = buf.buffer;
    return new PtpTable(
      new Uint32Array(ab, base, n),
      new Uint32Array(ab, base + n * 4, n),
      new Uint16Array(ab, base + n * 8, n),
      new Uint16Array(ab, base + n * 10, n),
      new Uint8Array(ab, base + n * 12, n),
      new Uint8Array(ab, base + n * 13, n),
      rationales,
    );
  }
}
