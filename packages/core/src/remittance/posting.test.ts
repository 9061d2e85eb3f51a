import { describe, expect, it } from "vitest";
import type { Claim835 } from "@claimledger/x12";
import type { ClaimLine } from "../claim/claim.types.ts";
import { applyEntries, entriesFor, statusAfter, zeroBalances } from "./posting.ts";

const line = (lineId: string, procedureCode: string, chargeCents: number): ClaimLine => ({
  lineNumber: 1, lineId, procedureCode, modifiers: [], units: 1, chargeCents, diagnosisPointers: [1], serviceDate: "2026-11-02", chargeSource: "encounter",
});
const ours = [line("L1", "99214", 18500), line("L2", "93000", 6000)];

function clp(over: Partial<Claim835> = {}, svc: Partial<Claim835["lines"][number]>[] = []): Claim835 {
  return {
    segmentIndex: 1, patientControlNumber: "CL1", status: "1", chargeCents: 24500, paidCents: 0, patientResponsibilityCents: 0, filingIndicator: "CI",
    payerClaimControlNumber: "ICN1", adjustments: [], otherParties: [], remarkCodes: [], dates: [], references: [], amounts: [],
    lines: svc.map((s, i) => ({
      line: i + 1, segmentIndex: i, procedure: { qualifier: "HC", code: "99214", modifiers: [] }, chargeCents: 0, paidCents: 0,
      adjustments: [], references: [], amounts: [], remarkCodes: [], dates: [], ...s,
    })),
    ...over,
  } as Claim835;
}

describe("posting rules", () => {
  it("matches lines by REF*6R first, even when the payer changed the code", () => {
    const e = entriesFor(clp({}, [{ procedure: { qualifier: "HC", code: "99213", modifiers: [] }, lineItemControlNumber: "L1", chargeCents: 18500, paidCents: 9000, adjustments: [{ group: "CO", reason: "45", amountCents: 9500 }] }]), ours);
    expect(e).toEqual([
      { kind: "insurance_payment", lineId: "L1", amountCents: 9000 },
      { kind: "contractual_adjustment", lineId: "L1", group: "CO", reason: "45", amountCents: 9500 },
    ]);
  });

  it("falls back to code and date when no control number came back", () => {
    const e = entriesFor(clp({}, [{ procedure: { qualifier: "HC", code: "93000", modifiers: [] }, serviceDate: "2026-11-02", chargeCents: 6000, paidCents: 1700 }]), ours);
    expect(e[0]).toMatchObject({ lineId: "L2", amountCents: 1700 });
  });

  it("splits patient responsibility into deductible, coinsurance and copay", () => {
    const e = entriesFor(clp({}, [{ lineItemControlNumber: "L1", adjustments: [{ group: "PR", reason: "1", amountCents: 500 }, { group: "PR", reason: "2", amountCents: 300 }, { group: "PR", reason: "3", amountCents: 2500 }] }]), ours);
    expect(e.map((x) => x.kind)).toEqual(["deductible", "coinsurance", "copay"]);
    const b = applyEntries(zeroBalances(24500), e);
    expect(b).toMatchObject({ patientResponsibilityCents: 3300, insuranceBalanceCents: 21200 });
  });

  it("takes a reversal back, whether the payer signs its amounts or not", () => {
    const signed = entriesFor(clp({ status: "22", chargeCents: -24500 }, [{ lineItemControlNumber: "L1", paidCents: -9000 }]), ours);
    const unsigned = entriesFor(clp({ status: "22", chargeCents: 24500 }, [{ lineItemControlNumber: "L1", paidCents: 9000 }]), ours);
    expect(signed[0]!.amountCents).toBe(-9000);
    expect(unsigned[0]!.amountCents).toBe(-9000);
  });

  it("does not call a zero payment that all went to the deductible a denial", () => {
    const deductible = clp({}, [{ lineItemControlNumber: "L1", chargeCents: 18500, paidCents: 0, adjustments: [{ group: "CO", reason: "45", amountCents: 5500 }, { group: "PR", reason: "1", amountCents: 13000 }] }]);
    expect(statusAfter(deductible, "accepted")).toBe("paid");
    expect(statusAfter(clp({ status: "4" }), "accepted")).toBe("denied");
    const oneDenied = clp({}, [
      { lineItemControlNumber: "L1", paidCents: 9000, adjustments: [{ group: "CO", reason: "45", amountCents: 9500 }] },
      { lineItemControlNumber: "L2", paidCents: 0, adjustments: [{ group: "CO", reason: "97", amountCents: 6000 }] },
    ]);
    expect(statusAfter(oneDenied, "accepted")).toBe("partially_paid");
  });
});
