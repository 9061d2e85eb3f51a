import { formatCents, writeInterchange, type SegmentData } from "@claimledger/x12";
import type { Received837 } from "./read837.ts";
import type { Adjudication, SandboxClaim } from "./payer-model.ts";
import { frontEndRejection, payerClaimControlNumber } from "./payer-model.ts";

/** The sandbox clearinghouse's own ids. */
export const SANDBOX_ID = "CLSANDBOX";
const SANDBOX_NAME = "CLAIMLEDGER SANDBOX CLEARINGHOUSE";

const d8 = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, "");
const tm = (d: Date) => d.toISOString().slice(11, 16).replace(":", "");
const money = (c: number) => formatCents(c);

function envelope(
  set: string,
  version: string,
  functionalId: string,
  segments: SegmentData[],
  control: number,
  to: string,
  at: Date,
) {
  return writeInterchange(
    {
      header: { senderId: SANDBOX_ID, receiverId: to, controlNumber: control, date: at },
      groups: [
        {
          header: { functionalId, senderCode: SANDBOX_ID, receiverCode: to, controlNumber: control, version },
          transactions: [{ set, controlNumber: "0001", implementationReference: version, segments }],
        },
      ],
    },
    { lineBreaks: true },
  );
}

/** 999: every transaction set of the 837 accepted (the builder's output is valid X12). */
export function build999(r: Received837, control: number, at: Date): string {
  const segs: SegmentData[] = [["AK1", "HC", r.groupControlNumber, "005010X222A1"]];
  for (const t of r.transactions) {
    segs.push(["AK2", "837", t.controlNumber, "005010X222A1"], ["IK5", "A"]);
  }
  const n = String(r.transactions.length);
  segs.push(["AK9", "A", n, n, n]);
  return envelope("999", "005010X231A1", "FA", segs, control, r.senderId, at);
}

/** 277CA: claim by claim, accepted into the payer's system (A1/A2) or rejected with a reason. */
export function build277CA(r: Received837, control: number, at: Date): { text: string; rejected: string[] } {
  const claims = r.transactions.flatMap((t) => t.claims);
  const rejected: string[] = [];
  const segs: SegmentData[] = [["BHT", "0085", "08", `SBX${control}`, d8(at), tm(at), "TH"]];
  let hl = 0;
  segs.push(
    ["HL", String(++hl), "", "20", "1"],
    ["NM1", "AY", "2", SANDBOX_NAME, "", "", "", "", "46", SANDBOX_ID],
    ["TRN", "1", `SBX${control}`],
    ["DTP", "050", "D8", d8(at)],
    ["DTP", "009", "D8", d8(at)],
  );
  segs.push(
    ["HL", String(++hl), "1", "21", "1"],
    ["NM1", "41", "2", "SUBMITTER", "", "", "", "", "46", r.senderId],
    ["TRN", "2", r.interchangeControlNumber],
  );
  segs.push(
    ["HL", String(++hl), "2", "19", "1"],
    ["NM1", "85", "2", "BILLING PROVIDER", "", "", "", "", "XX", "1234567893"],
  );
  const providerHl = String(hl);
  for (const c of claims) {
    const why = frontEndRejection(c);
    if (why) rejected.push(c.claimId);
    segs.push(
      ["HL", String(++hl), providerHl, "PT"],
      ["NM1", "QC", "1", c.patient?.lastName || "PATIENT", c.patient?.firstName || "", "", "", "", "MI", c.memberId],
      ["TRN", "2", c.claimId],
      why
        ? ["STC", [why.category, why.status, why.entity], d8(at), "U", money(c.totalChargeCents)]
        : ["STC", ["A1", "20", "PR"], d8(at), "WQ", money(c.totalChargeCents)],
    );
    if (!why) segs.push(["REF", "1K", payerClaimControlNumber(c.claimId)]);
    segs.push(["DTP", "472", "D8", d8(at)]);
  }
  return { text: envelope("277", "005010X214", "HN", segs, control, r.senderId, at), rejected };
}

/** 835: one remittance per payer for the claims it adjudicated; EFT when it pays, NON when not. */
export function build835(
  payerId: string,
  payerName: string,
  claims: { claim: SandboxClaim; result: Adjudication }[],
  control: number,
  to: string,
  at: Date,
  /** Provider-level adjustments (PLB); a positive amount reduces the payment, interest (L6) is negative. */
  plb: { reason: string; amountCents: number }[] = [],
): string {
  const total = claims.reduce((s, c) => s + c.result.paidCents, 0) - plb.reduce((s, p) => s + p.amountCents, 0);
  const trace = `EFT${control}${payerId}`;
  const segs: SegmentData[] = [
    total > 0
      ? [
          "BPR",
          "I",
          money(total),
          "C",
          "ACH",
          "CCP",
          "01",
          "999999999",
          "DA",
          "123456",
          "1512345678",
          "",
          "01",
          "999988880",
          "DA",
          "98765",
          d8(at),
        ]
      : ["BPR", "H", "0", "C", "NON", "", "", "", "", "", "", "", "", "", "", "", d8(at)],
    ["TRN", "1", trace, "1512345678"],
    ["DTM", "405", d8(at)],
    ["N1", "PR", payerName],
    ["N3", "100 PAYER WAY"],
    ["N4", "CHICAGO", "IL", "60601"],
    ["PER", "BL", "PROVIDER SERVICES", "TE", "8005551234"],
    ["N1", "PE", "BILLING PROVIDER", "XX", "1234567893"],
    ["LX", "1"],
  ];
  for (const { claim, result } of claims) {
    segs.push(
      [
        "CLP",
        claim.claimId,
        result.status,
        money(result.chargeCents),
        money(result.paidCents),
        money(result.patientResponsibilityCents),
        claim.claimFilingIndicator || "CI",
        result.payerClaimControlNumber,
        "11",
        "1",
      ],
      [
        "NM1",
        "QC",
        "1",
        claim.patient?.lastName || "PATIENT",
        claim.patient?.firstName || "",
        "",
        "",
        "",
        "MI",
        claim.memberId,
      ],
    );
    for (const l of result.lines) {
      segs.push([
        "SVC",
        ["HC", l.line.procedureCode, ...l.line.modifiers],
        money(l.line.chargeCents),
        money(l.paidCents),
        "",
        String(l.line.units),
      ]);
      if (l.line.serviceDate) segs.push(["DTM", "472", l.line.serviceDate.replace(/-/g, "")]);
      const byGroup = new Map<string, string[]>();
      for (const a of l.adjustments)
        byGroup.set(a.group, [...(byGroup.get(a.group) ?? []), a.reason, money(a.amountCents), ""]);
      for (const [group, triplets] of byGroup) {
        while (triplets.at(-1) === "") triplets.pop();
        segs.push(["CAS", group, ...triplets]);
      }
      if (l.line.lineId) segs.push(["REF", "6R", l.line.lineId]);
      if (result.status !== "4") segs.push(["AMT", "B6", money(l.allowedCents)]);
      for (const r of l.remarks) segs.push(["LQ", "HE", r]);
    }
  }
  for (const p of plb) segs.push(["PLB", "1234567893", `${at.getUTCFullYear()}1231`, p.reason, money(p.amountCents)]);
  return envelope("835", "005010X221A1", "HP", segs, control, to, at);
}
