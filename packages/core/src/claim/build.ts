import type { ServiceLineInput } from "./claim.schema.ts";
import type { Provider } from "../provider/index.ts";
import type { Coverage } from "../patient/index.ts";
import type { Payer } from "../payer/index.ts";
import { feeFor, type FeeEntry } from "../feeschedule/index.ts";
import type { ClaimCoverage, ClaimLine, ClaimProvider } from "./claim.types.ts";
import { newId } from "../shared/ids.ts";

/** Claim ids double as the X12 patient control number (CLM01): at most 20 characters. */
export function newClaimId(): string {
  return newId("cl", 14).toUpperCase().replace("_", ""); // e.g. CL7H3K9Q2M4X8T1VBN (16)
}

export function providerOf(p: Provider): ClaimProvider {
  return {
    providerId: p.providerId,
    kind: p.kind,
    firstName: p.firstName,
    lastName: p.lastName,
    organizationName: p.organizationName,
    npi: p.npi,
    taxonomyCode: p.taxonomyCode,
    taxId: p.taxId,
    address: p.address,
  };
}

export function coverageOf(c: Coverage, payer: Payer): ClaimCoverage {
  return {
    coverageId: c.coverageId,
    order: c.order,
    payerId: payer.payerId,
    payerName: payer.name,
    clearinghousePayerId: payer.clearinghousePayerId,
    claimFilingIndicator: payer.claimFilingIndicator,
    timelyFilingDays: payer.timelyFilingDays,
    memberId: c.memberId,
    groupNumber: c.groupNumber,
    relationship: c.relationship,
    subscriber: c.subscriber,
    effectiveFrom: c.effectiveFrom,
    effectiveTo: c.effectiveTo,
  };
}

/** Lines with charges filled from the fee schedule where the encounter sent none. */
export function buildLines(lines: ServiceLineInput[], serviceDate: string, fees: FeeEntry[]): ClaimLine[] {
  return lines.map((l, i) => {
    const fee = l.chargeCents === undefined ? feeFor(fees, l.procedureCode, l.modifiers) : undefined;
    return {
      lineNumber: i + 1,
      lineId: newId("ln", 10).toUpperCase().replace("_", ""),
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      units: l.units,
      chargeCents: l.chargeCents ?? fee ?? 0,
      chargeSource: l.chargeCents !== undefined ? "encounter" : fee !== undefined ? "fee_schedule" : "missing",
      diagnosisPointers: l.diagnosisPointers,
      serviceDate: l.serviceDate ?? serviceDate,
      serviceDateTo: l.serviceDateTo,
      ndc: l.ndc,
      ndcQuantity: l.ndcQuantity,
      ndcUnit: l.ndcUnit,
    };
  });
}
