import type { PdfLine } from "../shared/pdf.ts";
import type { Address } from "../shared/schema.ts";
import { usd } from "../shared/money.ts";
import { wrap } from "../shared/text.ts";

/**
 * The reprocessing request for an underpaid claim, pure: who writes, about which patient, claim
 * and remittance, each line's contracted rate against what the payer allowed and paid, and what is
 * asked (pay the difference at the contracted rate). The figures are those the posting recorded on
 * the underpayments; renderPdf turns the lines into the PDF.
 */
export interface UnderpaymentLetterFacts {
  date: string;
  company: string;
  practice: { legalName: string; npi: string; taxId: string; address: Address };
  payer: { name: string; address?: Address };
  patient: { name: string; dateOfBirth: string; memberId: string; groupNumber?: string; accountNumber?: string };
  claim: { claimId: string; payerClaimControlNumber?: string; serviceDate: string; totalChargeCents: number };
  depositDate: string;
  scheduleFrom: string;
  lines: {
    lineNumber?: number;
    serviceDate: string;
    procedureCode: string;
    modifiers: string[];
    units: number;
    contractedUnitCents: number;
    expectedCents: number;
    allowedCents: number;
    paidCents: number;
    shortfallCents: number;
  }[];
}

const addressLine = (a: Address) => `${a.line1}${a.line2 ? `, ${a.line2}` : ""}, ${a.city}, ${a.state} ${a.postalCode}`;
const para = (text: string, gap = 6): PdfLine[] => wrap(text).map((t, i) => ({ text: t, gap: i === 0 ? gap : 0 }));

export function underpaymentLetterLines(f: UnderpaymentLetterFacts): PdfLine[] {
  const short = f.lines.reduce((s, l) => s + l.shortfallCents, 0);
  const re: [string, string][] = [
    ["Patient", f.patient.name],
    ["Date of birth", f.patient.dateOfBirth],
    ["Member ID", f.patient.memberId],
    ...(f.patient.groupNumber ? ([["Group", f.patient.groupNumber]] as [string, string][]) : []),
    ...(f.patient.accountNumber ? ([["Patient account", f.patient.accountNumber]] as [string, string][]) : []),
    ["Our claim number", f.claim.claimId],
    ["Payer claim number", f.claim.payerClaimControlNumber ?? "(not assigned)"],
    ["Date of service", f.claim.serviceDate],
    ["Billed", usd(f.claim.totalChargeCents)],
    ["Remittance of", f.depositDate],
    ["Underpaid", usd(short)],
  ];
  const money = (c: number) => usd(c).padStart(10);
  return [
    { text: f.practice.legalName, bold: true, size: 14 },
    { text: addressLine(f.practice.address), size: 9 },
    { text: `NPI ${f.practice.npi} - Tax ID ${f.practice.taxId}`, size: 9 },
    { text: f.date, gap: 14 },
    { text: `${f.payer.name}, Provider Disputes and Reconsiderations`, gap: 10 },
    ...(f.payer.address ? [{ text: addressLine(f.payer.address) }] : []),
    { text: "Request to reprocess: paid below the contracted rate", bold: true, size: 12, gap: 14 },
    ...re.map(([k, v], i) => ({ text: `${k.padEnd(20)} ${v}`, mono: true, size: 9, gap: i === 0 ? 8 : 0 })),
    ...para(
      `On the remittance of ${f.depositDate} you allowed the services below at less than the rates of our agreement with ${f.payer.name} in force on the date of service (the fee schedule effective ${f.scheduleFrom}). The contracted amount is the rate per unit times the units billed, never more than the charge.`,
      12,
    ),
    { text: "Services", bold: true, gap: 12 },
    {
      text: "#  Date        Code     Units   Contract   Expected    Allowed       Paid      Short",
      mono: true,
      size: 9,
      bold: true,
    },
    ...f.lines.map((l) => ({
      text: `${String(l.lineNumber ?? "-").padEnd(2)} ${l.serviceDate}  ${[l.procedureCode, ...l.modifiers].join("-").padEnd(8)} ${String(l.units).padStart(5)} ${money(l.contractedUnitCents)} ${money(l.expectedCents)} ${money(l.allowedCents)} ${money(l.paidCents)} ${money(l.shortfallCents)}`,
      mono: true,
      size: 9,
    })),
    { text: `Total underpaid: ${usd(short)}`, bold: true, gap: 6 },
    ...para(
      `Please reprocess the claim at the contracted rates and pay the ${usd(short)} difference, or tell us in writing which term of the agreement you applied.`,
      12,
    ),
    { text: "Enclosures", bold: true, gap: 12 },
    { text: `- The agreement's fee schedule for the codes above (effective ${f.scheduleFrom})` },
    { text: `- Your remittance advice of ${f.depositDate}` },
    { text: "Sincerely,", gap: 16 },
    { text: f.company, gap: 18 },
    { text: `Billing agent for ${f.practice.legalName}`, size: 9 },
  ];
}
