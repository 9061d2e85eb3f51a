/**
 * Checks 837P builder input and throws X12Error("invalid-input") naming the claim (CLM01) and line
 * for input that cannot make a valid claim.
 */
import { x12Date } from "../dates.ts";
import { X12Error } from "../errors.ts";
import type { CobAdjustment, Address, Build837PInput, Claim837P, ServiceLine, Transaction837P } from "./types.ts";

export const MAX_DIAGNOSES = 12;
export const MAX_LINES = 50;
export const MAX_MODIFIERS = 4;
export const MAX_POINTERS = 4;
export const MAX_CLM01 = 20;
export const MAX_CLAIMS_PER_TRANSACTION = 5000;
const CAS_GROUPS = new Set(["CO", "CR", "OA", "PI", "PR"]);

function fail(where: string, message: string): never {
  throw new X12Error({ code: "invalid-input", message: `${where}: ${message}`, segment: "", segmentIndex: 0 });
}

function required(where: string, value: string | undefined, what: string): void {
  if (value === undefined || value.trim() === "") fail(where, `${what} is required`);
}

function date(where: string, value: string | undefined, what: string): void {
  if (value !== undefined && x12Date(value) === undefined) fail(where, `${what} "${value}" is not a date (YYYY-MM-DD)`);
}

function cents(where: string, value: number | undefined, what: string, allowNegative = false): void {
  if (value === undefined) return;
  if (!Number.isSafeInteger(value)) fail(where, `${what} must be an integer number of cents, got ${value}`);
  if (!allowNegative && value < 0) fail(where, `${what} cannot be negative`);
}

function address(where: string, a: Address | undefined, what: string): void {
  if (a === undefined) fail(where, `${what} address is required`);
  required(where, a.line1, `${what} address line`);
  required(where, a.city, `${what} city`);
  if (!/^[A-Z]{2}$/.test(a.state) && a.country === undefined)
    fail(where, `${what} state "${a.state}" must be a two-letter code`);
  required(where, a.postalCode, `${what} postal code`);
}

function npi(where: string, value: string | undefined, what: string): void {
  if (value !== undefined && !/^\d{10}$/.test(value)) fail(where, `${what} NPI "${value}" must be 10 digits`);
}

/** Strips the dot and upper-cases an ICD-10-CM code; throws when it is not shaped like one. */
export function normalizeDiagnosis(where: string, code: string): string {
  const c = code.replace(".", "").trim().toUpperCase();
  if (!/^[A-Z][0-9][0-9A-Z]{1,5}$/.test(c)) fail(where, `"${code}" is not an ICD-10-CM code`);
  return c;
}

function adjustments(where: string, list: CobAdjustment[] | undefined): number {
  let total = 0;
  const perGroup = new Map<string, number>();
  for (const a of list ?? []) {
    if (!CAS_GROUPS.has(a.group)) fail(where, `adjustment group "${a.group}" must be CO, CR, OA, PI or PR`);
    required(where, a.reason, "adjustment reason code");
    cents(where, a.amountCents, `adjustment ${a.group}-${a.reason} amount`, true);
    const n = (perGroup.get(a.group) ?? 0) + 1;
    if (n > 6) fail(where, `more than 6 adjustments in group ${a.group} (one CAS holds six)`);
    perGroup.set(a.group, n);
    total += a.amountCents;
  }
  return total;
}

function money(c: number): string {
  return (c / 100).toFixed(2);
}

function validateLine(claimWhere: string, claim: Claim837P, line: ServiceLine, n: number, seen: Set<string>): void {
  const where = `${claimWhere} line ${n}`;
  required(where, line.procedureCode, "procedure code");
  const mods = line.modifiers ?? [];
  if (mods.length > MAX_MODIFIERS) fail(where, `${mods.length} modifiers; at most ${MAX_MODIFIERS}`);
  for (const m of mods) if (!/^[A-Z0-9]{2}$/.test(m)) fail(where, `modifier "${m}" must be two letters or digits`);
  cents(where, line.chargeCents, "charge");
  if (!(line.units > 0) || !Number.isFinite(line.units))
    fail(where, `units must be a positive number, got ${line.units}`);
  const ptrs = line.diagnosisPointers;
  if (ptrs.length === 0) fail(where, "at least one diagnosis pointer is required");
  if (ptrs.length > MAX_POINTERS) fail(where, `${ptrs.length} diagnosis pointers; at most ${MAX_POINTERS}`);
  for (const p of ptrs) {
    if (!Number.isInteger(p) || p < 1 || p > claim.diagnoses.length) {
      fail(where, `diagnosis pointer ${p} points to no diagnosis (the claim has ${claim.diagnoses.length})`);
    }
  }
  if (new Set(ptrs).size !== ptrs.length) fail(where, "diagnosis pointers repeat");
  required(where, line.serviceDate, "service date");
  date(where, line.serviceDate, "service date");
  date(where, line.serviceDateEnd, "service end date");
  if (line.serviceDateEnd !== undefined && line.serviceDateEnd < line.serviceDate)
    fail(where, "service end date is before the start date");
  required(where, line.lineItemControlNumber, "line item control number (REF*6R)");
  if (line.lineItemControlNumber.length > 50) fail(where, "line item control number is longer than 50 characters");
  if (seen.has(line.lineItemControlNumber))
    fail(where, `line item control number "${line.lineItemControlNumber}" is used by another line`);
  seen.add(line.lineItemControlNumber);
  if (line.placeOfService !== undefined && !/^\d{2}$/.test(line.placeOfService))
    fail(where, `place of service "${line.placeOfService}" must be two digits`);
  if (line.drug !== undefined) {
    if (!/^\d{11}$/.test(line.drug.ndc)) fail(where, `NDC "${line.drug.ndc}" must be 11 digits (5-4-2, no hyphens)`);
    if (!(line.drug.quantity > 0)) fail(where, "drug quantity must be positive");
  }
  for (const adj of line.adjudications ?? []) {
    const payer = (claim.otherPayers ?? []).find((o) => o.payer.id === adj.payerId);
    if (payer === undefined)
      fail(where, `line adjudication names payer "${adj.payerId}", which is not among the claim's other payers`);
    cents(where, adj.paidCents, "paid amount (SVD02)", true);
    required(where, adj.adjudicationDate, "line adjudication date (DTP*573)");
    date(where, adj.adjudicationDate, "line adjudication date");
    if ((adj.modifiers ?? []).length > MAX_MODIFIERS)
      fail(where, `adjudicated procedure has more than ${MAX_MODIFIERS} modifiers`);
    const cas = adjustments(`${where} (payer ${adj.payerId})`, adj.adjustments);
    if (line.chargeCents - adj.paidCents !== cas) {
      fail(
        where,
        `payer ${adj.payerId}: charge ${money(line.chargeCents)} - paid ${money(adj.paidCents)} must equal the line CAS total ${money(cas)}`,
      );
    }
  }
}

function validateClaim(claim: Claim837P): void {
  const pcn = claim.patientControlNumber;
  const where = `claim "${pcn}"`;
  required("claim", pcn, "patient control number (CLM01)");
  if (pcn.length > MAX_CLM01) fail(where, `patient control number is ${pcn.length} characters; at most ${MAX_CLM01}`);
  if (!/^\d{2}$/.test(claim.placeOfService))
    fail(where, `place of service "${claim.placeOfService}" must be two digits`);
  const freq = claim.frequencyCode ?? "1";
  if (freq !== "1" && freq !== "7" && freq !== "8") fail(where, `frequency code "${String(freq)}" must be 1, 7 or 8`);
  if (freq !== "1")
    required(where, claim.payerClaimControlNumber, `payer claim control number (REF*F8) for frequency ${freq}`);
  if (claim.diagnoses.length === 0) fail(where, "at least one diagnosis is required");
  if (claim.diagnoses.length > MAX_DIAGNOSES)
    fail(where, `${claim.diagnoses.length} diagnoses; at most ${MAX_DIAGNOSES}`);
  claim.diagnoses.forEach((d) => normalizeDiagnosis(where, d));
  if (claim.lines.length === 0) fail(where, "at least one service line is required");
  if (claim.lines.length > MAX_LINES) fail(where, `${claim.lines.length} service lines; at most ${MAX_LINES}`);
  const s = claim.subscriber;
  required(where, s.lastName, "subscriber last name");
  required(where, s.memberId, "subscriber member id");
  required(where, s.claimFilingIndicator, "claim filing indicator (SBR09)");
  if (claim.patient === undefined) {
    address(where, s.address, "subscriber (the patient)");
    required(where, s.birthDate, "subscriber birth date (the subscriber is the patient)");
    required(where, s.gender, "subscriber gender (the subscriber is the patient)");
  } else {
    const p = claim.patient;
    required(where, p.lastName, "patient last name");
    address(where, p.address, "patient");
    required(where, p.birthDate, "patient birth date");
    date(where, p.birthDate, "patient birth date");
  }
  date(where, s.birthDate, "subscriber birth date");
  required(where, claim.payer.name, "payer name");
  required(where, claim.payer.id, "payer id");
  date(where, claim.onsetDate, "onset date");
  date(where, claim.accidentDate, "accident date");
  const rc = claim.relatedCauses;
  if (rc?.autoAccident !== undefined && !/^[A-Z]{2}$/.test(rc.autoAccident.state))
    fail(where, "auto accident state must be a two-letter code");
  if ((rc?.autoAccident !== undefined || rc?.otherAccident === true) && claim.accidentDate === undefined) {
    fail(where, "accident date (DTP*439) is required for an auto or other accident");
  }
  npi(where, claim.renderingProvider?.npi, "rendering provider");
  npi(where, claim.referringProvider?.npi, "referring provider");
  npi(where, claim.serviceFacility?.npi, "service facility");
  if (claim.serviceFacility !== undefined) address(where, claim.serviceFacility.address, "service facility");
  let total = 0;
  const seen = new Set<string>();
  claim.lines.forEach((line, i) => {
    validateLine(where, claim, line, i + 1, seen);
    total += line.chargeCents;
  });
  if (claim.totalChargeCents !== undefined && claim.totalChargeCents !== total) {
    fail(where, `total charge ${money(claim.totalChargeCents)} does not equal the sum of the lines ${money(total)}`);
  }
  const others = claim.otherPayers ?? [];
  if (others.length > 10) fail(where, "at most 10 other payers");
  for (const o of others) {
    const ow = `${where} other payer "${o.payer.id}"`;
    required(ow, o.payer.name, "name");
    required(ow, o.payer.id, "id");
    required(ow, o.subscriber.lastName, "subscriber last name");
    required(ow, o.subscriber.memberId, "subscriber member id");
    required(ow, o.claimFilingIndicator, "claim filing indicator");
    date(ow, o.payer.adjudicationDate, "adjudication date");
    cents(ow, o.paidCents, "paid amount (AMT*D)", true);
    cents(ow, o.nonCoveredCents, "non-covered amount");
    cents(ow, o.remainingPatientLiabilityCents, "remaining patient liability", true);
    const claimCas = adjustments(ow, o.adjustments);
    let lineCas = 0;
    let adjudicatedLines = 0;
    for (const l of claim.lines) {
      for (const a of l.adjudications ?? []) {
        if (a.payerId !== o.payer.id) continue;
        adjudicatedLines++;
        for (const x of a.adjustments ?? []) lineCas += x.amountCents;
      }
    }
    if (o.paidCents !== undefined) {
      if (adjudicatedLines === 0 && o.payer.adjudicationDate === undefined) {
        fail(ow, "adjudication date (2330B DTP*573) is required when no line adjudication (2430) is sent");
      }
      if (total - o.paidCents !== claimCas + lineCas) {
        fail(
          ow,
          `charge ${money(total)} - paid ${money(o.paidCents)} must equal claim CAS ${money(claimCas)} + line CAS ${money(lineCas)}`,
        );
      }
    }
  }
}

function validateTransaction(t: Transaction837P): void {
  const where = `transaction ${t.controlNumber}`;
  required(where, t.referenceId, "BHT03 reference id");
  required(where, t.submitter.name, "submitter name");
  required(where, t.submitter.id, "submitter id");
  const c = t.submitter.contact;
  if (c.phone === undefined && c.email === undefined && c.fax === undefined)
    fail(where, "submitter contact needs a phone, email or fax");
  required(where, t.receiver.name, "receiver name");
  required(where, t.receiver.id, "receiver id");
  const b = t.billingProvider;
  required(where, b.name, "billing provider name");
  npi(where, b.npi, "billing provider");
  required(where, b.npi, "billing provider NPI");
  required(where, b.taxId, "billing provider tax id");
  address(where, b.address, "billing provider");
  if (t.payToAddress !== undefined) address(where, t.payToAddress, "pay-to");
  if (t.claims.length === 0) fail(where, "at least one claim is required");
  if (t.claims.length > MAX_CLAIMS_PER_TRANSACTION)
    fail(where, `${t.claims.length} claims; at most ${MAX_CLAIMS_PER_TRANSACTION} per transaction set`);
  const ids = new Set<string>();
  for (const claim of t.claims) {
    validateClaim(claim);
    if (ids.has(claim.patientControlNumber))
      fail(`claim "${claim.patientControlNumber}"`, "patient control number is used twice in the transaction");
    ids.add(claim.patientControlNumber);
  }
}

/** Throws X12Error("invalid-input") for the first impossible thing in the input. */
export function validate837P(input: Build837PInput): void {
  if (input.transactions.length === 0) fail("837P", "at least one transaction is required");
  for (const t of input.transactions) validateTransaction(t);
}
