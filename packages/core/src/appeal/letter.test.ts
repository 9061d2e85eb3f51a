import { expect, it } from "vitest";
import { letterLines, type LetterFacts } from "./letter.ts";
import { wrap } from "../shared/text.ts";
import { pdfText, renderPdf } from "../shared/pdf.ts";

const facts: LetterFacts = {
  date: "2026-11-02",
  company: "Acme Billing LLC",
  practice: {
    legalName: "Lakeside Family Medicine PC",
    npi: "1234567893",
    taxId: "12-3456789",
    address: { line1: "100 Main St", city: "Springfield", state: "IL", postalCode: "627011234" },
  },
  payer: { name: "Blue Prairie Health" },
  levelName: "Reconsideration (first level)",
  family: "timely_filing",
  patient: { name: "Jordan Lee", dateOfBirth: "1985-04-12", memberId: "MBR100001", groupNumber: "G100" },
  claim: {
    claimId: "CLABC",
    payerClaimControlNumber: "ICN84010",
    serviceDate: "2026-10-05",
    totalChargeCents: 26_000,
    firstSubmittedOn: "2026-10-06",
    lastSubmittedOn: "2026-10-06",
    submissions: 1,
    timelyFilingDays: 180,
    timelyFilingDeadline: "2027-04-03",
  },
  lines: [
    {
      lineNumber: 1,
      serviceDate: "2026-10-05",
      procedureCode: "99214",
      modifiers: [],
      units: 1,
      chargeCents: 18_500,
      deniedCents: 18_500,
    },
    {
      lineNumber: 2,
      serviceDate: "2026-10-05",
      procedureCode: "93000",
      modifiers: [],
      units: 1,
      chargeCents: 7_500,
      deniedCents: 7_500,
    },
  ],
  reasons: [
    {
      group: "CO",
      reason: "29",
      description: "The time limit for filing has expired.",
      amountCents: 26_000,
      remarks: [],
    },
  ],
  deniedOn: "2026-10-20",
  amountCents: 26_000,
  argument: ["The clearinghouse accepted the claim the day after the visit; its report is enclosed."],
  attachments: ["277CA-acceptance.pdf"],
};

it("writes the claim's facts, the denial in words, the family's template and the biller's argument into the letter", () => {
  const text = pdfText(renderPdf(letterLines(facts))).join("\n");
  for (const s of [
    "Lakeside Family Medicine PC",
    "NPI 1234567893 - Tax ID 12-3456789",
    "Blue Prairie Health, Appeals",
    "Reconsideration (first level): timely filing",
    "Jordan Lee",
    "MBR100001",
    "CLABC",
    "ICN84010",
    "$260.00",
    "99214",
    "$185.00",
    "CO-29 ($260.00): The time limit for filing has expired.",
    "was due by 2027-04-03",
    "first submitted on 2026-10-06",
    "The clearinghouse accepted the claim the day after the visit",
    "- 277CA-acceptance.pdf",
    "Acme Billing LLC",
  ])
    expect(text, s).toContain(s);
});

it("has a template for every family, and wraps long text", () => {
  for (const family of [
    "authorization",
    "coordination_of_benefits",
    "medical_necessity",
    "coding",
    "general",
  ] as const) {
    const text = pdfText(renderPdf(letterLines({ ...facts, family }))).join("\n");
    expect(text).not.toContain("was due by");
  }
  const lines = wrap("word ".repeat(50), 20);
  expect(lines.every((l) => l.length <= 20)).toBe(true);
  expect(lines.join(" ").split(" ").length).toBe(50);
});
