import { describe, expect, it } from "vitest";
import { pdfPlacedText, pdfText } from "../shared/pdf.ts";
import { LAYOUT, combinedPdf, statementPdf } from "./statement-pdf.ts";
import type { StatementDocument } from "./patientbilling.schema.ts";

const doc: StatementDocument = {
  statementId: "stm_test",
  kind: "first",
  sequence: 1,
  statementDate: "2026-11-02",
  dueDate: "2026-11-23",
  accountNumber: "A-1001",
  practice: {
    name: "Lakeside Family Medicine PC",
    address: { line1: "100 Main St", city: "Springfield", state: "IL", postalCode: "627011234" },
    phone: "2175550100",
  },
  remitTo: { line1: "PO Box 4410", city: "Springfield", state: "IL", postalCode: "62708" },
  patient: {
    patientId: "pat_1",
    name: "José Muñoz",
    address: { line1: "12 Oak Ave", line2: "Apt 3", city: "Springfield", state: "IL", postalCode: "62702" },
  },
  visits: [
    {
      claimId: "CL1",
      serviceDate: "2026-10-05",
      services: [
        { code: "99214", description: "Office visit, established patient (CPT 99214)", chargeCents: 18_500 },
        { code: "93000", description: "Medical test or treatment (CPT 93000)", chargeCents: 7_500 },
      ],
      chargeCents: 26_000,
      insurancePaidCents: 10_000,
      insuranceAdjustedCents: 10_500,
      patientPaidCents: 0,
      balanceCents: 5_500,
    },
  ],
  amountDueCents: 5_500,
  pendingSecondaryCents: 0,
  message: "Your insurance has processed the visits below.",
};

const inside = (b: { x: number; y: number; w: number; h: number }, t: { x: number; y: number }) =>
  t.x >= b.x + 9 && t.x <= b.x + b.w && t.y >= b.y + 9 && t.y <= b.y + b.h - 9;

describe("the statement PDF", () => {
  it("puts the patient's address in the bottom window and the practice's in the top one, 1/8 in inside each", () => {
    const placed = pdfPlacedText(statementPdf(doc));
    const at = (text: string) => placed.find((t) => t.text === text)!;
    for (const line of ["José Muñoz", "12 Oak Ave", "Apt 3", "Springfield, IL 62702"])
      expect(inside(LAYOUT.recipientBlock, at(line)), line).toBe(true);
    for (const line of ["Lakeside Family Medicine PC", "100 Main St", "Springfield, IL 62701-1234"])
      expect(inside(LAYOUT.returnBlock, at(line)), line).toBe(true);
    // The stub lies below the tear line (the bottom third).
    for (const text of ["Amount enclosed", "Make checks payable to and mail to:", "PO Box 4410"])
      expect(at(text).y).toBeLessThan(LAYOUT.tearLine);
  });

  it("reads back what the patient needs: who, what was done, what insurance paid and adjusted, what is owed, by when", () => {
    const text = pdfText(statementPdf(doc));
    expect(text).toEqual(
      expect.arrayContaining([
        "Patient statement",
        "Statement date: 11/02/2026",
        "Account number: A-1001",
        "Please pay by: 11/23/2026",
        "Amount due: $55.00",
        "Questions? Call Lakeside Family Medicine PC at (217) 555-0100",
        "10/05/2026",
        "Office visit, established patient (CPT 99214)",
        "Medical test or treatment (CPT 93000)",
        "$260.00",
        "$100.00",
        "$105.00",
        "$55.00",
        "Please detach and return this part with your payment.",
        "Amount enclosed",
        "Patient: José Muñoz",
      ]),
    );
  });

  it("runs onto further pages when the visits do not fit, and combines statements page after page", () => {
    const many = {
      ...doc,
      visits: Array.from({ length: 30 }, (_, i) => ({ ...doc.visits[0]!, claimId: `CL${i}` })),
    };
    const pages = (pdf: Buffer) => Number(/\/Count (\d+)/.exec(pdf.toString("latin1"))![1]);
    expect(pages(statementPdf(many))).toBeGreaterThan(1);
    expect(
      pdfText(statementPdf(many)).filter((t) => t === "Office visit, established patient (CPT 99214)"),
    ).toHaveLength(30);
    expect(pages(combinedPdf([doc, doc, many], "run"))).toBe(2 + pages(statementPdf(many)));
  });
});
