/**
 * Plain-language words for the services on a patient statement, pure. CPT's descriptions are the
 * AMA's, licensed, and never ship or print. In order:
 *
 * 1. the practice's own description on its fee schedule entry (code + modifier, then the code);
 * 2. for a HCPCS Level II code, CMS's short description (public domain), when an imported CMS
 *    file holds them (`hcpcsShortDescription`; the shipped 2020 file has none);
 * 3. the category its code range belongs to, from public sources:
 *    - CPT Category I sections and their numeric ranges (Anesthesia 00100-01999 with 99100-99140,
 *      Surgery 10004-69990, Radiology 70010-79999, Pathology and Laboratory 80047-89398, Medicine
 *      90281-99199 and 99500-99607, Evaluation and Management 99202-99499), Category II codes
 *      ending in F and Category III ending in T: https://geratools.com/cpt-code-section-reference
 *      (the sections of the AMA's CPT codebook);
 *    - HCPCS Level II letter ranges (A0000-A0999 ambulance and transport, A4000-A8999 medical and
 *      surgical supplies, B4000-B9999 enteral and parenteral therapy, E durable medical equipment,
 *      J drugs given other than by mouth):
 *      https://open-exam-prep.com/exams/cpc/hcpcs-modifiers-compliance/hcpcs-level-ii-coding and
 *      https://open-exam-prep.com/study-guides/nha-cbcs/coding-cpt-hcpcs/hcpcs-level-ii-codes;
 * 4. otherwise "Medical service (CPT 12345)".
 *
 * The code is always printed beside the words, so the patient can ask about it.
 */
export interface DescribeSources {
  /** The fee schedule's descriptions: `code` or `code:modifier` -> words. */
  practice: Map<string, string>;
  hcpcsShort: (code: string) => string | undefined;
}

const CPT_SECTIONS: [from: number, to: number, words: string][] = [
  [100, 1999, "Anesthesia"],
  [10004, 69990, "Surgery or procedure"],
  [70010, 79999, "Imaging or radiology"],
  [80047, 89398, "Laboratory test"],
  [99100, 99140, "Anesthesia"],
  [99202, 99499, "Visit or consultation"],
  [90281, 99199, "Medical test or treatment"],
  [99500, 99607, "Medical test or treatment"],
];

const HCPCS_RANGES: [letter: string, from: number, to: number, words: string][] = [
  ["A", 0, 999, "Ambulance or transport"],
  ["A", 4000, 8999, "Medical supplies"],
  ["B", 4000, 9999, "Feeding supplies (enteral or parenteral)"],
  ["E", 0, 9999, "Medical equipment"],
  ["J", 0, 9999, "Medication given by your provider"],
];

/** The category of a code by its range, or undefined when no cited range holds it. */
export function categoryOf(code: string): string | undefined {
  if (/^\d{4}F$/.test(code)) return "Quality measure";
  if (/^\d{4}T$/.test(code)) return "Emerging technology service";
  if (/^\d{5}$/.test(code)) {
    const n = Number(code);
    return CPT_SECTIONS.find(([from, to]) => n >= from && n <= to)?.[2];
  }
  const m = /^([A-V])(\d{4})$/.exec(code);
  if (!m) return undefined;
  const n = Number(m[2]);
  return HCPCS_RANGES.find(([letter, from, to]) => letter === m[1] && n >= from && n <= to)?.[3];
}

const isHcpcs = (code: string) => /^[A-V]\d{4}$/.test(code);
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();

/** What a statement prints for a service line. */
export function describeService(code: string, modifiers: string[], sources: DescribeSources): string {
  const label = `${isHcpcs(code) ? "HCPCS" : "CPT"} ${code}`;
  const own =
    (modifiers[0] ? sources.practice.get(`${code}:${modifiers[0]}`) : undefined) ?? sources.practice.get(code);
  if (own) return `${own} (${label})`;
  const short = isHcpcs(code) ? sources.hcpcsShort(code) : undefined;
  if (short) return `${sentence(short)} (${label})`;
  return `${categoryOf(code) ?? "Medical service"} (${label})`;
}
