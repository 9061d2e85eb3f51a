/** 2300 claim information, 2310A-C providers and 2320/2330 other payers (COB). */
import type { BillingProvider, Claim837P, OtherPayer } from "./types.ts";
import { normalizeDiagnosis } from "./validate.ts";
import { amount, cas, d8, n3n4, nm1 } from "./segments.ts";
import type { Out } from "./segments.ts";
import { serviceLines } from "./lines.ts";

function relatedCauses(claim: Claim837P): string[] | undefined {
  const rc = claim.relatedCauses;
  if (rc === undefined) return undefined;
  const codes: string[] = [];
  if (rc.employment === true) codes.push("EM");
  if (rc.autoAccident !== undefined) codes.push("AA");
  if (rc.otherAccident === true) codes.push("OA");
  if (codes.length === 0) return undefined;
  return [codes[0] ?? "", codes[1] ?? "", codes[2] ?? "", rc.autoAccident?.state ?? "", rc.autoAccident?.country ?? ""];
}

function otherPayer(out: Out, o: OtherPayer): void {
  out.push([
    "SBR",
    o.responsibility,
    o.relationship,
    o.groupNumber,
    o.groupNumber === undefined ? o.groupName : undefined,
    o.insuranceType,
    undefined,
    undefined,
    undefined,
    o.claimFilingIndicator,
  ]);
  cas(out, o.adjustments);
  if (o.paidCents !== undefined) out.push(["AMT", "D", amount(o.paidCents)]);
  if (o.nonCoveredCents !== undefined) out.push(["AMT", "A8", amount(o.nonCoveredCents)]);
  if (o.remainingPatientLiabilityCents !== undefined)
    out.push(["AMT", "EAF", amount(o.remainingPatientLiabilityCents)]);
  out.push([
    "OI",
    undefined,
    undefined,
    o.benefitsAssigned ?? "Y",
    undefined,
    undefined,
    o.releaseOfInformation ?? "Y",
  ]);
  // 2330A other subscriber
  const s = o.subscriber;
  out.push(nm1("IL", s.entityType ?? "1", s, "MI", s.memberId));
  if (s.address !== undefined) n3n4(out, s.address);
  // 2330B other payer
  out.push(["NM1", "PR", "2", o.payer.name, undefined, undefined, undefined, undefined, "PI", o.payer.id]);
  if (o.payer.address !== undefined) n3n4(out, o.payer.address);
  if (o.payer.adjudicationDate !== undefined) out.push(["DTP", "573", "D8", d8(o.payer.adjudicationDate)]);
  if (o.payer.claimControlNumber !== undefined) out.push(["REF", "F8", o.payer.claimControlNumber]);
}

/** The 2300 loop and everything under it. */
export function claimLoop(out: Out, claim: Claim837P, billing: BillingProvider): void {
  const total = claim.lines.reduce((sum, l) => sum + l.chargeCents, 0);
  const freq = claim.frequencyCode ?? "1";
  out.push([
    "CLM",
    claim.patientControlNumber,
    amount(total),
    undefined,
    undefined,
    [claim.placeOfService, "B", freq],
    claim.providerSignatureOnFile === false ? "N" : "Y",
    claim.assignment ?? "A",
    claim.benefitsAssigned ?? "Y",
    claim.releaseOfInformation ?? "Y",
    undefined,
    relatedCauses(claim),
  ]);
  if (claim.onsetDate !== undefined) out.push(["DTP", "431", "D8", d8(claim.onsetDate)]);
  if (claim.accidentDate !== undefined) out.push(["DTP", "439", "D8", d8(claim.accidentDate)]);
  if (claim.referralNumber !== undefined) out.push(["REF", "9F", claim.referralNumber]);
  if (claim.priorAuthorization !== undefined) out.push(["REF", "G1", claim.priorAuthorization]);
  if (freq !== "1" && claim.payerClaimControlNumber !== undefined)
    out.push(["REF", "F8", claim.payerClaimControlNumber]);
  if (claim.medicalRecordNumber !== undefined) out.push(["REF", "EA", claim.medicalRecordNumber]);
  if (claim.note !== undefined) out.push(["NTE", "ADD", claim.note]);
  const where = `claim "${claim.patientControlNumber}"`;
  out.push(["HI", ...claim.diagnoses.map((d, i) => [i === 0 ? "ABK" : "ABF", normalizeDiagnosis(where, d)])]);
  // 2310A referring provider
  const ref = claim.referringProvider;
  if (ref !== undefined) out.push(nm1("DN", "1", ref, "XX", ref.npi));
  // 2310B rendering provider, only when it is not the billing provider
  const rend = claim.renderingProvider;
  if (rend !== undefined && rend.npi !== billing.npi) {
    out.push(nm1("82", rend.entityType ?? "1", rend, "XX", rend.npi));
    if (rend.taxonomy !== undefined) out.push(["PRV", "PE", "PXC", rend.taxonomy]);
  }
  // 2310C service facility
  const fac = claim.serviceFacility;
  if (fac !== undefined) {
    out.push([
      "NM1",
      "77",
      "2",
      fac.name,
      undefined,
      undefined,
      undefined,
      undefined,
      fac.npi === undefined ? undefined : "XX",
      fac.npi,
    ]);
    n3n4(out, fac.address);
  }
  for (const o of claim.otherPayers ?? []) otherPayer(out, o);
  serviceLines(out, claim.lines, claim.placeOfService);
}
