import type { PdfLine } from "../shared/pdf.ts";
import type { Address } from "../shared/schema.ts";
import { usd } from "../shared/money.ts";
import { wrap } from "../shared/text.ts";
import type { AppealFamily } from "./rules.ts";

/**
 * The appeal letter, pure: the claim's facts in the order a payer's appeals desk reads them (who
 * writes, about which patient and claim, what was denied and why, in words), the family's
 * template, the biller's argument, and the enclosures. renderPdf turns the lines into the PDF.
 */
export interface LetterFacts {
  date: string;
  company: string;
  practice: { legalName: string; npi: string; taxId: string; address: Address };
  payer: { name: string; address?: Address };
  levelName: string;
  family: AppealFamily;
  patient: { name: string; dateOfBirth: string; memberId: string; groupNumber?: string; accountNumber?: string };
  claim: {
    claimId: string;
    payerClaimControlNumber?: string;
    serviceDate: string;
    serviceDateTo?: string;
    totalChargeCents: number;
    priorAuthorization?: string;
    firstSubmittedOn?: string;
    lastSubmittedOn?: string;
    submissions: number;
    timelyFilingDays: number;
    timelyFilingDeadline: string;
  };
  lines: {
    lineNumber: number;
    serviceDate: string;
    procedureCode: string;
    modifiers: string[];
    units: number;
    chargeCents: number;
    deniedCents: number;
  }[];
  reasons: {
    group: string;
    reason: string;
    description: string;
    amountCents: number;
    remarks: { code: string; description: string }[];
  }[];
  deniedOn: string;
  amountCents: number;
  argument: string[];
  attachments: string[];
  previous?: { levelName: string; decidedOn?: string };
}

const FAMILY_TITLES: Record<AppealFamily, string> = {
  timely_filing: "timely filing",
  authorization: "authorization",
  coordination_of_benefits: "coordination of benefits",
  medical_necessity: "medical necessity",
  coding: "coding and billing",
  general: "denial of payment",
};

/** The family's own paragraphs: what the payer decided, and what the enclosed shows. */
function template(f: LetterFacts): string[] {
  const c = f.claim;
  switch (f.family) {
    case "timely_filing":
      return [
        `You denied this claim as filed after your time limit. It was filed in time: your limit is ${c.timelyFilingDays} days from the date of service, so the claim was due by ${c.timelyFilingDeadline}, and our records show it was first submitted on ${c.firstSubmittedOn ?? "(not recorded)"}${c.submissions > 1 ? ` and sent ${c.submissions} times in all, last on ${c.lastSubmittedOn ?? "(not recorded)"}` : ""}.`,
        "Proof of timely filing is enclosed: the clearinghouse's acceptance report for the first submission, which shows the date your system received the claim.",
      ];
    case "authorization":
      return [
        `You denied these services for an authorization that was missing, did not apply or was exceeded. ${c.priorAuthorization ? `The services were authorized under number ${c.priorAuthorization}, which was on the claim.` : "The reasons the authorization requirement does not bar payment are set out below."}`,
        "Please match the enclosed authorization and records to the services billed and reprocess the claim.",
      ];
    case "coordination_of_benefits":
      return [
        "You denied these services as the liability of another payer. Your plan was the patient's coverage for these services on the date of service, in the order set out below.",
        "The patient's coverage details are enclosed. Please update the coordination-of-benefits record for the patient and reprocess the claim.",
      ];
    case "medical_necessity":
      return [
        "You denied these services as not medically necessary. The treating provider ordered them for the diagnoses on the claim, and the enclosed medical records document the patient's condition and why the services were needed on the date of service.",
        "Please review the enclosed records against your coverage policy and reprocess the claim for payment.",
      ];
    case "coding":
      return [
        "You denied these services for a coding or billing reason. The codes billed describe the services documented in the enclosed records, for the reasons set out below.",
        "Please review the enclosed documentation and reprocess the claim as billed.",
      ];
    case "general":
      return ["We ask you to reconsider the denial of the services below, for the reasons set out."];
  }
}

const addressLine = (a: Address) => `${a.line1}${a.line2 ? `, ${a.line2}` : ""}, ${a.city}, ${a.state} ${a.postalCode}`;

const para = (text: string, gap = 6): PdfLine[] => wrap(text).map((t, i) => ({ text: t, gap: i === 0 ? gap : 0 }));

export function letterLines(f: LetterFacts): PdfLine[] {
  const c = f.claim;
  const dates =
    c.serviceDateTo && c.serviceDateTo !== c.serviceDate ? `${c.serviceDate} to ${c.serviceDateTo}` : c.serviceDate;
  const re: [string, string][] = [
    ["Patient", f.patient.name],
    ["Date of birth", f.patient.dateOfBirth],
    ["Member ID", f.patient.memberId],
    ...(f.patient.groupNumber ? ([["Group", f.patient.groupNumber]] as [string, string][]) : []),
    ...(f.patient.accountNumber ? ([["Patient account", f.patient.accountNumber]] as [string, string][]) : []),
    ["Our claim number", c.claimId],
    ["Payer claim number", c.payerClaimControlNumber ?? "(not assigned)"],
    ["Date(s) of service", dates],
    ["Billed", usd(c.totalChargeCents)],
    ["Denied on", f.deniedOn],
    ["Amount appealed", usd(f.amountCents)],
  ];
  return [
    { text: f.practice.legalName, bold: true, size: 14 },
    { text: addressLine(f.practice.address), size: 9 },
    { text: `NPI ${f.practice.npi} - Tax ID ${f.practice.taxId}`, size: 9 },
    { text: f.date, gap: 14 },
    { text: `${f.payer.name}, Appeals`, gap: 10 },
    ...(f.payer.address ? [{ text: addressLine(f.payer.address) }] : []),
    { text: `${f.levelName}: ${FAMILY_TITLES[f.family]}`, bold: true, size: 12, gap: 14 },
    ...(f.previous
      ? para(
          `This appeals the decision on our ${f.previous.levelName.toLowerCase()}${f.previous.decidedOn ? ` of ${f.previous.decidedOn}` : ""}.`,
        )
      : []),
    ...re.map(([k, v], i) => ({ text: `${k.padEnd(20)} ${v}`, mono: true, size: 9, gap: i === 0 ? 8 : 0 })),
    { text: "Services", bold: true, gap: 12 },
    { text: "#  Date        Code   Mods         Units  Charge       Denied", mono: true, size: 9, bold: true },
    ...f.lines.map((l) => ({
      text: `${String(l.lineNumber).padEnd(2)} ${l.serviceDate}  ${l.procedureCode.padEnd(6)} ${(l.modifiers.join(" ") || "-").padEnd(12)} ${String(l.units).padEnd(6)} ${usd(l.chargeCents).padEnd(12)} ${usd(l.deniedCents)}`,
      mono: true,
      size: 9,
    })),
    { text: "Why it was denied", bold: true, gap: 12 },
    ...f.reasons.flatMap((r) => [
      ...para(`${r.group}-${r.reason} (${usd(r.amountCents)}): ${r.description}`, 4),
      ...r.remarks.flatMap((m) =>
        wrap(`Remark ${m.code}: ${m.description}`, 88).map((t) => ({ text: `    ${t}`, size: 9 })),
      ),
    ]),
    { text: "Why it should be paid", bold: true, gap: 12 },
    ...template(f).flatMap((t) => para(t)),
    ...f.argument.flatMap((t) => para(t)),
    ...para(`Please reprocess the claim and pay the ${usd(f.amountCents)} denied, or tell us in writing why not.`, 10),
    { text: "Enclosures", bold: true, gap: 12 },
    ...(f.attachments.length ? f.attachments.map((a) => ({ text: `- ${a}` })) : [{ text: "None" }]),
    { text: "Sincerely,", gap: 16 },
    { text: f.company, gap: 18 },
    { text: `Billing agent for ${f.practice.legalName}`, size: 9 },
  ];
}
