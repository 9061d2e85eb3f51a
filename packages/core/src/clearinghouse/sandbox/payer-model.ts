import { createHash } from "node:crypto";

/**
 * The sandbox clearinghouse's payers: a deterministic model of what a front end refuses and how
 * a payer adjudicates, so a billing company can run the whole cycle on day one and tests can
 * predict every cent. Nothing here is random: the same claim always gets the same answer.
 */

export interface SandboxLine {
  lineId: string;
  procedureCode: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  serviceDate: string;
  /** On a secondary claim: how the prior payer adjudicated this line (837P loop 2430 SVD/CAS). */
  prior?: { paidCents: number; patientShareCents: number };
}

export interface SandboxClaim {
  claimId: string;
  payerId: string;
  memberId: string;
  claimFilingIndicator: string;
  patient?: { lastName: string; firstName: string };
  totalChargeCents: number;
  lines: SandboxLine[];
}

export interface Adjustment {
  group: "CO" | "PR" | "OA";
  reason: string;
  amountCents: number;
}

export interface LineResult {
  line: SandboxLine;
  allowedCents: number;
  paidCents: number;
  adjustments: Adjustment[];
  remarks: string[];
}

export interface Adjudication {
  claimId: string;
  /** CLP02: 1 processed as primary, 2 as secondary, 4 denied. */
  status: "1" | "2" | "4";
  chargeCents: number;
  paidCents: number;
  patientResponsibilityCents: number;
  payerClaimControlNumber: string;
  lines: LineResult[];
}

/** Allowed amount per unit, in cents, by procedure code (a small commercial fee table). */
export const FEE_TABLE: Record<string, number> = {
  "99202": 7600,
  "99203": 11400,
  "99204": 17000,
  "99205": 22400,
  "99211": 2500,
  "99212": 5900,
  "99213": 9200,
  "99214": 13000,
  "99215": 18200,
  "99385": 12500,
  "99386": 14000,
  "99395": 11500,
  "99396": 12500,
  "93000": 1700,
  "36415": 300,
  "80053": 1100,
  "80061": 1300,
  "85025": 800,
  "72100": 3800,
  "20610": 6200,
  J1030: 400,
  "90471": 1800,
  "90686": 2100,
};

const EM_VISITS = /^992(0[2-5]|1[1-5])$/;
const BUNDLED_WITH_EM = new Set(["36415"]);

function hashInt(s: string): number {
  return createHash("sha256").update(s).digest().readUInt32BE(0);
}

/** Front-end edits a real clearinghouse makes (277CA): null when the claim is accepted. */
export function frontEndRejection(
  c: SandboxClaim,
): { category: "A3" | "A7"; status: string; entity: string; detail: string } | null {
  if (!/^[A-Z0-9]{5}$/i.test(c.payerId) || c.payerId === "00000") {
    return {
      category: "A3",
      status: "116",
      entity: "PR",
      detail: `payer id ${c.payerId} is not in the clearinghouse's payer list`,
    };
  }
  if (!/^[A-Z0-9]{6,20}$/i.test(c.memberId) || !/\d/.test(c.memberId)) {
    return { category: "A7", status: "164", entity: "IL", detail: "member id is not of the shape this payer issues" };
  }
  return null;
}

/** CLP07: the payer's claim control number, stable per claim. */
export function payerClaimControlNumber(claimId: string): string {
  return `SBX${String(hashInt(`icn:${claimId}`)).padStart(10, "0")}`;
}

/**
 * Adjudicates a claim: allowed amount from the fee table (60% of charge for codes not in it),
 * contractual write-off CO-45, deductible PR-1 (for members with one left), copay PR-3 on
 * office visits for commercial plans, coinsurance PR-2 (20%), lab draws bundled into a same-day
 * visit (CO-97), and about one visit in thirteen denied for missing information (CO-16).
 */
export function adjudicate(c: SandboxClaim): Adjudication {
  if (c.lines.length > 0 && c.lines.every((l) => l.prior)) return adjudicateAsSecondary(c);
  const icn = payerClaimControlNumber(c.claimId);
  // Keyed on the visit (member, dates, codes, charge), not the claim id, so the same data always
  // gets the same answer (the demo's figures repeat) and a resent claim is denied again.
  const visit = `${c.memberId}|${c.lines.map((l) => `${l.procedureCode}@${l.serviceDate}`).join(",")}|${c.totalChargeCents}`;
  if (hashInt(`deny:${visit}`) % 13 === 0) {
    const lines = c.lines.map((line) => ({
      line,
      allowedCents: 0,
      paidCents: 0,
      adjustments: [{ group: "CO" as const, reason: "16", amountCents: line.chargeCents }],
      remarks: ["M51"],
    }));
    return {
      claimId: c.claimId,
      status: "4",
      chargeCents: c.totalChargeCents,
      paidCents: 0,
      patientResponsibilityCents: 0,
      payerClaimControlNumber: icn,
      lines,
    };
  }
  const commercial =
    c.claimFilingIndicator === "CI" || c.claimFilingIndicator === "BL" || c.claimFilingIndicator === "HM";
  let deductibleLeft = hashInt(`ded:${c.memberId}`) % 4 === 0 ? 15000 : 0;
  const emDates = new Set(c.lines.filter((l) => EM_VISITS.test(l.procedureCode)).map((l) => l.serviceDate));
  let copayTaken = false;
  const lines: LineResult[] = c.lines.map((line) => {
    if (BUNDLED_WITH_EM.has(line.procedureCode) && emDates.has(line.serviceDate)) {
      return {
        line,
        allowedCents: 0,
        paidCents: 0,
        adjustments: [{ group: "CO", reason: "97", amountCents: line.chargeCents }],
        remarks: ["N19"],
      };
    }
    const perUnit = FEE_TABLE[line.procedureCode];
    const table = perUnit !== undefined ? Math.round(perUnit * line.units) : Math.floor((line.chargeCents * 60) / 100);
    const allowed = Math.min(line.chargeCents, table);
    const adjustments: Adjustment[] = [];
    if (line.chargeCents > allowed)
      adjustments.push({ group: "CO", reason: "45", amountCents: line.chargeCents - allowed });
    let rest = allowed;
    if (deductibleLeft > 0 && rest > 0) {
      const d = Math.min(deductibleLeft, rest);
      deductibleLeft -= d;
      rest -= d;
      adjustments.push({ group: "PR", reason: "1", amountCents: d });
    }
    if (commercial && !copayTaken && EM_VISITS.test(line.procedureCode) && rest > 0) {
      const copay = Math.min(2500, rest);
      copayTaken = true;
      rest -= copay;
      adjustments.push({ group: "PR", reason: "3", amountCents: copay });
    }
    const coins = Math.floor((rest * 20) / 100);
    if (coins > 0) {
      rest -= coins;
      adjustments.push({ group: "PR", reason: "2", amountCents: coins });
    }
    return { line, allowedCents: allowed, paidCents: rest, adjustments, remarks: [] };
  });
  const paid = lines.reduce((s, l) => s + l.paidCents, 0);
  const pr = lines.reduce(
    (s, l) => s + l.adjustments.filter((a) => a.group === "PR").reduce((x, a) => x + a.amountCents, 0),
    0,
  );
  return {
    claimId: c.claimId,
    status: "1",
    chargeCents: c.totalChargeCents,
    paidCents: paid,
    patientResponsibilityCents: pr,
    payerClaimControlNumber: icn,
    lines,
  };
}

/**
 * A secondary payer, for a claim carrying the prior payer's adjudication: on each line it pays
 * 80% of the patient share the prior payer left (rounded down to the cent), leaves the rest to the
 * patient as coinsurance (PR-2), and restates what the prior payer paid and adjusted as OA-23.
 */
function adjudicateAsSecondary(c: SandboxClaim): Adjudication {
  const lines: LineResult[] = c.lines.map((line) => {
    const share = Math.min(line.chargeCents, line.prior!.patientShareCents);
    const paid = Math.floor((share * 80) / 100);
    const adjustments: Adjustment[] = [];
    if (line.chargeCents - share > 0)
      adjustments.push({ group: "OA", reason: "23", amountCents: line.chargeCents - share });
    if (share - paid > 0) adjustments.push({ group: "PR", reason: "2", amountCents: share - paid });
    return { line, allowedCents: share, paidCents: paid, adjustments, remarks: [] };
  });
  const paid = lines.reduce((s, l) => s + l.paidCents, 0);
  const pr = lines.reduce(
    (s, l) => s + l.adjustments.filter((a) => a.group === "PR").reduce((x, a) => x + a.amountCents, 0),
    0,
  );
  return {
    claimId: c.claimId,
    status: "2",
    chargeCents: c.totalChargeCents,
    paidCents: paid,
    patientResponsibilityCents: pr,
    payerClaimControlNumber: payerClaimControlNumber(c.claimId),
    lines,
  };
}
