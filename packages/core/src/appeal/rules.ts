import { addDays } from "../shared/dates.ts";
import { OPEN_APPEAL_STATUSES, type AppealMark, type AppealStatus } from "../claim/index.ts";

/**
 * Appeal rules, pure: which letter a denial gets (its reason family, from the CARC codes), how
 * long the payer allows, what each level is called, and how much money an appeal holds.
 */

/** The letter templates, one per family of denial reasons. */
export const APPEAL_FAMILIES = [
  "timely_filing",
  "authorization",
  "coordination_of_benefits",
  "medical_necessity",
  "coding",
  "general",
] as const;
export type AppealFamily = (typeof APPEAL_FAMILIES)[number];

/**
 * CARC -> family. Codes not listed (and unknown codes) get the general letter. The order of
 * APPEAL_FAMILIES breaks a tie between reasons of equal amounts.
 */
export const FAMILY_OF_CARC: Readonly<Record<string, Exclude<AppealFamily, "general">>> = Object.freeze({
  // The time limit for filing has expired: proof of timely filing.
  "29": "timely_filing",
  // Authorization / pre-certification / referral absent, invalid or exceeded.
  ...Object.fromEntries(["15", "39", "62", "197", "198", "243", "284", "288"].map((c) => [c, "authorization"])),
  // Another payer is liable: COB, workers' comp, liability, no-fault, not this payer's claim.
  ...Object.fromEntries(
    ["19", "20", "21", "22", "24", "109", "280", "B11"].map((c) => [c, "coordination_of_benefits"]),
  ),
  // Not medically necessary, experimental, not supported by the information, guidelines exceeded.
  ...Object.fromEntries(
    ["50", "51", "55", "56", "150", "151", "152", "167", "273", "B5"].map((c) => [c, "medical_necessity"]),
  ),
  // Coding and billing: modifiers, place of service, age/sex edits, bundling, invalid codes.
  ...Object.fromEntries(
    [
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
      "11",
      "16",
      "58",
      "59",
      "97",
      "146",
      "181",
      "182",
      "189",
      "199",
      "234",
      "236",
      "B15",
    ].map((c) => [c, "coding"]),
  ),
} as Record<string, Exclude<AppealFamily, "general">>);

export const familyOfCarc = (reason: string): AppealFamily => FAMILY_OF_CARC[reason.trim().toUpperCase()] ?? "general";

/** The family of an appeal's denial reasons: that of the largest amount, ties in APPEAL_FAMILIES order. */
export function familyOf(reasons: { reason: string; amountCents: number }[]): AppealFamily {
  const totals = new Map<AppealFamily, number>();
  for (const r of reasons)
    totals.set(familyOfCarc(r.reason), (totals.get(familyOfCarc(r.reason)) ?? 0) + r.amountCents);
  let best: AppealFamily = "general";
  let most = -1;
  for (const f of APPEAL_FAMILIES) {
    const t = totals.get(f);
    if (t !== undefined && t > most) [best, most] = [f, t];
  }
  return best;
}

export const APPEAL_LEVELS = [1, 2, 3] as const;
export type AppealLevel = (typeof APPEAL_LEVELS)[number];

/** Medicare's names for the first two levels (claim filing indicator MA/MB), and everyone else's. */
export function levelName(level: AppealLevel, claimFilingIndicator?: string): string {
  const medicare = claimFilingIndicator === "MA" || claimFilingIndicator === "MB";
  if (level === 1) return medicare ? "Redetermination (first level)" : "Reconsideration (first level)";
  if (level === 2) return medicare ? "Reconsideration by the QIC (second level)" : "Second-level appeal";
  return "External review";
}

/** The last day to send an appeal: the payer's limit from the denial (level 1) or from the decision it appeals. */
export const appealDeadline = (fromDate: string, appealDays: number) => addDays(fromDate, appealDays);

export const isOpen = (s: AppealStatus) => OPEN_APPEAL_STATUSES.includes(s);

/**
 * The denied money an open appeal holds back from other resolutions: what it asks for while it is
 * a draft, sent, or overturned (the payer reprocesses all of it: what it will not pay comes back
 * on its 835 as the contract's reduction); once partly overturned, only what the payer said it
 * will pay (the rest is the biller's to work again); nothing once closed.
 */
export function atStake(m: Pick<AppealMark, "status" | "amountCents" | "expectedCents">): number {
  if (m.status === "draft" || m.status === "sent" || m.status === "overturned") return m.amountCents;
  if (m.status === "partially_overturned") return m.expectedCents ?? m.amountCents;
  return 0;
}

/** What a claim's open appeals hold, together. */
export const heldByAppeals = (marks: AppealMark[] | undefined) => (marks ?? []).reduce((s, m) => s + atStake(m), 0);

/** What a decision left unpaid of the amount appealed (a next level may appeal it): all when upheld, the rest when partly overturned. */
export function leftByDecision(a: {
  amountCents: number;
  expectedCents?: number;
  decision?: { outcome: "overturned" | "partially_overturned" | "upheld" };
}): number {
  if (a.decision?.outcome === "upheld") return a.amountCents;
  if (a.decision?.outcome === "partially_overturned") return a.amountCents - (a.expectedCents ?? 0);
  return 0;
}

/** Days a payer usually takes to decide an appeal once it has it (Medicare: 60 for a redetermination). */
export const APPEAL_DECISION_DAYS = 60;

/** Appeals a claim may have at most (every level, every line): the claim's mark stays small. */
export const MAX_APPEALS_PER_CLAIM = 12;
