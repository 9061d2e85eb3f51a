import { read277 } from "@claimledger/x12";
import { describe, expect, it } from "vitest";
import type { ClaimDocument, PayerStatus } from "../claim/index.ts";
import { claimStatusOf, dueForInquiry, inquiryOf, payerStatusFromAnswer, type InquiryClaim } from "./rules.ts";

const DAY = 86_400_000;
const T0 = Date.parse("2026-01-01T12:00:00Z");
const at = (days: number) => new Date(T0 + days * DAY);
const iso = (days: number) => at(days).toISOString();

const doc = (over: Partial<ClaimDocument> = {}): ClaimDocument =>
  ({
    claimId: "CLTEST0000000001",
    practiceId: "prc_1",
    frequencyCode: "1",
    billingProvider: {
      kind: "organization",
      organizationName: "SPRINGFIELD CLINIC",
      npi: "1234567893",
      taxId: "123456789",
    },
    renderingProvider: { kind: "individual", lastName: "SMITH", firstName: "ANNA", npi: "1467560003" },
    patient: {
      patientId: "pat_1",
      firstName: "TOMMY",
      lastName: "DOE",
      dateOfBirth: "2015-07-04",
      sex: "M",
      address: { line1: "1 A ST", city: "SPRINGFIELD", state: "IL", postalCode: "62701" },
    },
    coverage: {
      coverageId: "cov_1",
      order: "primary",
      payerId: "pyr_1",
      payerName: "ACME HEALTH",
      clearinghousePayerId: "ACME01",
      claimFilingIndicator: "CI",
      timelyFilingDays: 365,
      memberId: "XYZ123",
      relationship: "self",
    },
    placeOfService: "11",
    serviceDate: "2025-12-01",
    diagnoses: ["E119"],
    lines: [
      {
        lineNumber: 1,
        lineId: "L1",
        procedureCode: "99213",
        modifiers: [],
        units: 1,
        chargeCents: 10000,
        diagnosisPointers: [1],
        serviceDate: "2025-12-01",
        chargeSource: "encounter",
      },
      {
        lineNumber: 2,
        lineId: "L2",
        procedureCode: "36415",
        modifiers: [],
        units: 1,
        chargeCents: 2500,
        diagnosisPointers: [1],
        serviceDate: "2025-12-03",
        chargeSource: "encounter",
      },
    ],
    totalChargeCents: 12500,
    ...over,
  }) as ClaimDocument;

const claim = (over: Partial<InquiryClaim> = {}): InquiryClaim => ({
  claimId: "CLTEST0000000001",
  status: "accepted",
  firstSubmittedAt: iso(0),
  lastSubmittedAt: iso(0),
  totalChargeCents: 12500,
  doc: doc(),
  ...over,
});

const answered = (o: Partial<PayerStatus>): PayerStatus => ({ needsAction: false, ...o });

describe("dueForInquiry", () => {
  it("asks once the claim has waited the payer's days (default 30) for an 835", () => {
    expect(dueForInquiry(claim(), {}, at(29.9))).toBe(false);
    expect(dueForInquiry(claim(), {}, at(30))).toBe(true);
    expect(dueForInquiry(claim(), { statusInquiryDays: 45 }, at(44))).toBe(false);
    expect(dueForInquiry(claim(), { statusInquiryDays: 45 }, at(45))).toBe(true);
    expect(dueForInquiry(claim(), { statusInquiryDays: 7 }, at(7))).toBe(true);
  });

  it("only about claims the payer has and has not answered with an 835", () => {
    for (const status of ["ready", "queued", "rejected", "paid", "partially_paid", "denied", "closed"] as const)
      expect(dueForInquiry(claim({ status }), {}, at(60)), status).toBe(false);
    expect(dueForInquiry(claim({ status: "submitted" }), {}, at(60))).toBe(true);
    expect(dueForInquiry(claim({ firstSubmittedAt: undefined, lastSubmittedAt: undefined }), {}, at(60))).toBe(false);
  });

  it("counts from the last submission, and forgets what was asked before it", () => {
    const resent = claim({ lastSubmittedAt: iso(40), payerStatus: answered({ askedAt: iso(31), inquiries: 1 }) });
    expect(dueForInquiry(resent, {}, at(60))).toBe(false);
    expect(dueForInquiry(resent, {}, at(70))).toBe(true);
  });

  it("asks again every statusInquiryDays while pending or unanswered", () => {
    const asked = claim({ payerStatus: answered({ askedAt: iso(30), inquiries: 1 }) });
    expect(dueForInquiry(asked, {}, at(59))).toBe(false);
    expect(dueForInquiry(asked, {}, at(60))).toBe(true);
    const pending = claim({
      payerStatus: answered({ askedAt: iso(30), answeredAt: iso(31), category: "P1", statusClass: "pending" }),
    });
    expect(dueForInquiry(pending, {}, at(60))).toBe(false);
    expect(dueForInquiry(pending, {}, at(61))).toBe(true);
  });

  it("after a finalized answer waits expectedPaymentDays for the 835; after an R answer waits for a biller", () => {
    const finalized = claim({
      payerStatus: answered({ askedAt: iso(30), answeredAt: iso(31), category: "F1", statusClass: "finalized" }),
    });
    expect(dueForInquiry(finalized, { expectedPaymentDays: 10 }, at(40))).toBe(false);
    expect(dueForInquiry(finalized, { expectedPaymentDays: 10 }, at(41))).toBe(true);
    expect(dueForInquiry(finalized, {}, at(60))).toBe(false);
    const request = claim({
      payerStatus: answered({ askedAt: iso(30), answeredAt: iso(31), category: "R3", needsAction: true }),
    });
    expect(dueForInquiry(request, {}, at(400))).toBe(false);
  });
});

describe("inquiryOf", () => {
  it("the subscriber as patient: our claim id as trace and REF*EJ, the claim's charge and date range", () => {
    expect(inquiryOf(claim({ payerClaimControlNumber: "ICN77" }))).toEqual({
      traceNumber: "CLTEST0000000001",
      patientControlNumber: "CLTEST0000000001",
      payerClaimControlNumber: "ICN77",
      subscriber: { memberId: "XYZ123", firstName: "TOMMY", lastName: "DOE", dateOfBirth: "2015-07-04", sex: "M" },
      chargeCents: 12500,
      serviceDate: "2025-12-01",
      serviceDateTo: "2025-12-03",
      provider: { npi: "1234567893", organizationName: "SPRINGFIELD CLINIC", taxId: "123456789" },
    });
  });

  it("a dependent: the coverage's subscriber, the patient in 2000E", () => {
    const d = doc({
      coverage: {
        ...doc().coverage,
        relationship: "child",
        subscriber: { firstName: "JANE", lastName: "DOE", dateOfBirth: "1980-02-29", sex: "F" },
      },
      lines: [doc().lines[0]!],
      totalChargeCents: 10000,
    });
    const q = inquiryOf(claim({ doc: d, totalChargeCents: 10000 }));
    expect(q.subscriber).toEqual({
      memberId: "XYZ123",
      firstName: "JANE",
      lastName: "DOE",
      dateOfBirth: "1980-02-29",
      sex: "F",
    });
    expect(q.dependent).toEqual({ firstName: "TOMMY", lastName: "DOE", dateOfBirth: "2015-07-04", sex: "M" });
    expect(q.serviceDateTo).toBeUndefined();
  });
});

describe("payerStatusFromAnswer and claimStatusOf", () => {
  const text = (stc: string) =>
    [
      "ISA*00*          *00*          *ZZ*CLSANDBOX      *ZZ*CLTEST         *260201*1200*^*00501*000000005*0*T*:",
      "GS*HN*CLSANDBOX*CLTEST*20260201*1200*5*X*005010X212",
      "ST*277*0001*005010X212",
      "BHT*0010*08*SBX5*20260201*1200*DG",
      "HL*1**20*1",
      "NM1*PR*2*ACME*****PI*ACME01",
      "HL*2*1*21*1",
      "NM1*41*2*SUBMITTER*****46*CLTEST",
      "HL*3*2*19*1",
      "NM1*1P*2*PROVIDER*****XX*1234567893",
      "HL*4*3*22*0",
      "NM1*IL*1*DOE*TOMMY****MI*XYZ123",
      "TRN*2*CLTEST0000000001",
      stc,
      "REF*1K*ICN77",
      "REF*EJ*CLTEST0000000001",
      "SE*14*0001",
      "GE*1*5",
      "IEA*1*000000005",
    ].join("~");
  const ack = (stc: string) => read277(text(stc))[0]!.claims[0]!;
  const asked = answered({ askedAt: iso(30), inquiries: 2, inquiryFile: "000000004.276" });

  it("records a paid answer, keeping what we asked", () => {
    const ps = payerStatusFromAnswer(
      asked,
      ack("STC*F1:65*20260130**125*100*20260129*CHK*20260131*CHK42"),
      iso(31),
      "abcdef0123456789",
    );
    expect(ps).toEqual({
      askedAt: iso(30),
      inquiries: 2,
      inquiryFile: "000000004.276",
      answeredAt: iso(31),
      answerFile: "abcdef0123456789",
      needsAction: false,
      category: "F1",
      code: "65",
      statusDate: "2026-01-30",
      payerClaimControlNumber: "ICN77",
      paidCents: 10000,
      adjudicationDate: "2026-01-29",
      checkDate: "2026-01-31",
      checkNumber: "CHK42",
    });
    expect(claimStatusOf(claim({ payerStatus: { ...ps, statusClass: "finalized" } })).next).toBe("expect-835");
  });

  it("a request for information needs a biller, with the payer's words", () => {
    const ps = payerStatusFromAnswer(asked, ack("STC*R3:254*20260130**125"), iso(31), "f");
    expect(ps).toMatchObject({
      needsAction: true,
      category: "R3",
      actionText: "R3 Requests for additional information/Claim/line: 254 Principal diagnosis code",
    });
    expect(claimStatusOf(claim({ payerStatus: ps })).next).toBe("needs-action");
  });

  it("what comes next", () => {
    expect(claimStatusOf(claim()).next).toBe("not-asked");
    expect(claimStatusOf(claim({ payerStatus: asked })).next).toBe("awaiting-answer");
    const pending = payerStatusFromAnswer(asked, ack("STC*P1:20*20260130**125"), iso(31), "f");
    expect(claimStatusOf(claim({ payerStatus: { ...pending, statusClass: "pending" } })).next).toBe("ask-again-later");
    // asked again after the answer: waiting again
    expect(claimStatusOf(claim({ payerStatus: { ...pending, askedAt: iso(61) } })).next).toBe("awaiting-answer");
    // an answer from before the claim was sent again is not about it
    expect(claimStatusOf(claim({ lastSubmittedAt: iso(40), payerStatus: pending })).next).toBe("not-asked");
  });
});
