import { describe, expect, it } from "vitest";
import type { Claim835 } from "@claimledger/x12";
import type { ClaimLine } from "../claim/index.ts";
import { entriesFor, statusAfter } from "./posting.ts";
import { applyEntries, zeroBalances } from "../ledger/index.ts";

const line = (lineId: string, procedureCode: string, chargeCents: number): ClaimLine => ({
  lineNumber: 1,
  lineId,
  procedureCode,
  modifiers: [],
  units: 1,
  chargeCents,
  diagnosisPointers: [1],
  serviceDate: "2026-11-02",
  chargeSource: "encounter",
});
const ours = [line("L1", "99214", 18500), line("L2", "93000", 6000)];

function clp(over: Partial<Claim835> = {}, svc: Partial<Claim835["lines"][number]>[] = []): Claim835 {
  return {
    segmentIndex: 1,
    patientControlNumber: "CL1",
    status: "1",
    chargeCents: 24500,
    paidCents: 0,
    patientResponsibilityCents: 0,
    filingIndicator: "CI",
    payerClaimControlNumber: "ICN1",
    adjustments: [],
    otherParties: [],
    remarkCodes: [],
    dates: [],
    references: [],
    amounts: [],
    lines: svc.map((s, i) => ({
      line: i + 1,
      segmentIndex: i,
      procedure: { qualifier: "HC", code: "99214", modifiers: [] },
      chargeCents: 0,
      paidCents: 0,
      adjustments: [],
      references: [],
      amounts: [],
      remarkCodes: [],
      dates: [],
      ...s,
    })),
    ...over,
  } as Claim835;
}

describe("posting rules", () => {
  it("matches lines by REF*6R first, even when the payer changed the code", () => {
    const e = entriesFor(
      clp({}, [
        {
          procedure: { qualifier: "HC", code: "99213", modifiers: [] },
          lineItemControlNumber: "L1",
          chargeCents: 18500,
          paidCents: 9000,
          adjustments: [{ group: "CO", reason: "45", amountCents: 9500 }],
        },
      ]),
      ours,
    );
    expect(e).toEqual([
      { kind: "insurance_payment", lineId: "L1", amountCents: 9000 },
      { kind: "contractual_adjustment", lineId: "L1", group: "CO", reason: "45", amountCents: 9500 },
    ]);
  });

  it("falls back to code and date when no control number came back", () => {
    const e = entriesFor(
      clp({}, [
        {
          procedure: { qualifier: "HC", code: "93000", modifiers: [] },
          serviceDate: "2026-11-02",
          chargeCents: 6000,
          paidCents: 1700,
        },
      ]),
      ours,
    );
    expect(e[0]).toMatchObject({ lineId: "L2", amountCents: 1700 });
  });

  it("splits patient responsibility into deductible, coinsurance and copay", () => {
    const e = entriesFor(
      clp({}, [
        {
          lineItemControlNumber: "L1",
          adjustments: [
            { group: "PR", reason: "1", amountCents: 500 },
            { group: "PR", reason: "2", amountCents: 300 },
            { group: "PR", reason: "3", amountCents: 2500 },
          ],
        },
      ]),
      ours,
    );
    expect(e.map((x) => x.kind)).toEqual(["deductible", "coinsurance", "copay"]);
    const b = applyEntries(zeroBalances(24500), e);
    expect(b).toMatchObject({ patientResponsibilityCents: 3300, insuranceBalanceCents: 21200 });
  });

  it("takes a reversal back, whether the payer signs its amounts or not", () => {
    const signed = entriesFor(
      clp({ status: "22", chargeCents: -24500 }, [{ lineItemControlNumber: "L1", paidCents: -9000 }]),
      ours,
    );
    const unsigned = entriesFor(
      clp({ status: "22", chargeCents: 24500 }, [{ lineItemControlNumber: "L1", paidCents: 9000 }]),
      ours,
    );
    expect(signed[0]!.amountCents).toBe(-9000);
    expect(unsigned[0]!.amountCents).toBe(-9000);
  });

  it("does not call a zero payment that all went to the deductible a denial", () => {
    const deductible = clp({}, [
      {
        lineItemControlNumber: "L1",
        chargeCents: 18500,
        paidCents: 0,
        adjustments: [
          { group: "CO", reason: "45", amountCents: 5500 },
          { group: "PR", reason: "1", amountCents: 13000 },
        ],
      },
    ]);
    expect(statusAfter(deductible, "accepted")).toBe("paid");
    expect(statusAfter(clp({ status: "4" }), "accepted")).toBe("denied");
    const oneDenied = clp({}, [
      { lineItemControlNumber: "L1", paidCents: 9000, adjustments: [{ group: "CO", reason: "45", amountCents: 9500 }] },
      { lineItemControlNumber: "L2", paidCents: 0, adjustments: [{ group: "CO", reason: "97", amountCents: 6000 }] },
    ]);
    expect(statusAfter(oneDenied, "accepted")).toBe("partially_paid");
  });

  it("keeps a denial open in the insurance balance until a person resolves it", () => {
    // CO-16 on both lines of a 245.00 claim: recorded as reported, the 245.00 stays owed (denied).
    const denial = entriesFor(
      clp({ status: "4" }, [
        {
          lineItemControlNumber: "L1",
          chargeCents: 18500,
          adjustments: [{ group: "CO", reason: "16", amountCents: 18500 }],
        },
        {
          lineItemControlNumber: "L2",
          chargeCents: 6000,
          adjustments: [{ group: "CO", reason: "16", amountCents: 6000 }],
        },
      ]),
      ours,
    );
    const b = applyEntries(zeroBalances(24500), denial);
    expect(b).toMatchObject({ adjustedCents: 0, deniedCents: 24500, insuranceBalanceCents: 24500 });
    // Written off 200.00 by a biller, 45.00 billed to the patient: nothing left with insurance.
    const resolved = applyEntries(b, [
      { kind: "denial_write_off", amountCents: 20000 },
      { kind: "denial_to_patient", amountCents: 4500 },
    ]);
    expect(resolved).toMatchObject({
      adjustedCents: 20000,
      deniedCents: 0,
      insuranceBalanceCents: 0,
      patientBalanceCents: 4500,
    });
  });

  it("posts a secondary's OA-23 as the prior payer restated, neither a denial nor a write-off", () => {
    // Primary on 260.00 paid 100.00, CO-45 105.00, PR 55.00; the secondary claim opens at 55.00.
    const opened = applyEntries(zeroBalances(26000), [{ kind: "cob_prior_payer", amountCents: 20500 }]);
    expect(opened.insuranceBalanceCents).toBe(5500);
    // Secondary: paid 40.00, OA-23 205.00, PR-2 15.00 -> nothing left with insurance, the patient owes 15.00.
    const e = entriesFor(
      clp({ status: "2", chargeCents: 26000 }, [
        {
          lineItemControlNumber: "L1",
          chargeCents: 26000,
          paidCents: 4000,
          adjustments: [
            { group: "OA", reason: "23", amountCents: 20500 },
            { group: "PR", reason: "2", amountCents: 1500 },
          ],
        },
      ]),
      ours,
    );
    expect(e.map((x) => x.kind)).toEqual(["insurance_payment", "prior_payer_adjustment", "coinsurance"]);
    expect(applyEntries(opened, e)).toMatchObject({
      adjustedCents: 0,
      deniedCents: 0,
      insuranceBalanceCents: 0,
      patientBalanceCents: 1500,
    });
    // A line the secondary paid nothing on, with only OA-23, is processed, not denied.
    const zero = clp({ status: "2" }, [
      { lineItemControlNumber: "L2", paidCents: 0, adjustments: [{ group: "OA", reason: "23", amountCents: 6000 }] },
      {
        lineItemControlNumber: "L1",
        paidCents: 4000,
        adjustments: [{ group: "OA", reason: "23", amountCents: 14500 }],
      },
    ]);
    expect(statusAfter(zero, "submitted")).toBe("paid");
  });

  it("moves the patient share to the next coverage: the primary's patient balance is then 0", () => {
    const primary = applyEntries(zeroBalances(26000), [
      { kind: "insurance_payment", amountCents: 10000 },
      { kind: "contractual_adjustment", group: "CO", reason: "45", amountCents: 10500 },
      { kind: "copay", group: "PR", reason: "3", amountCents: 2500 },
      { kind: "coinsurance", group: "PR", reason: "2", amountCents: 3000 },
      { kind: "cob_transfer", amountCents: 5500 },
    ]);
    // 260 - 100 - 105 - 55 = 0 with insurance; 55 - 55 moved = 0 for the patient; contractual 105.00.
    expect(primary).toMatchObject({
      insuranceBalanceCents: 0,
      patientResponsibilityCents: 5500,
      transferredCents: 5500,
      patientBalanceCents: 0,
      contractualCents: 10500,
    });
  });

  it("takes a secondary's repeat of the primary's contractual as a restatement, and its own write-off as its own", () => {
    const opened = applyEntries(zeroBalances(26000), [{ kind: "cob_prior_payer", amountCents: 20500 }]);
    // The secondary restates the primary as OA-23 100.00 (its payment) + CO-45 105.00 (its contract), pays 40.00, PR 15.00.
    const repeat = applyEntries(opened, [
      { kind: "insurance_payment", amountCents: 4000 },
      { kind: "prior_payer_adjustment", group: "OA", reason: "23", amountCents: 10000 },
      { kind: "contractual_adjustment", group: "CO", reason: "45", amountCents: 10500 },
      { kind: "coinsurance", group: "PR", reason: "2", amountCents: 1500 },
    ]);
    // 260 - 205 prior - 40 - (105 - 105 restated) - 15 = 0; none of the CO-45 is the secondary's own.
    expect(repeat).toMatchObject({
      insuranceBalanceCents: 0,
      contractualCents: 10500,
      restatedContractualCents: 10500,
    });
    // A Medicaid paying its lesser-of: OA-23 205.00, pays 30.00, writes off 25.00 of the 55.00 share as CO-45.
    const own = applyEntries(opened, [
      { kind: "insurance_payment", amountCents: 3000 },
      { kind: "prior_payer_adjustment", group: "OA", reason: "23", amountCents: 20500 },
      { kind: "contractual_adjustment", group: "CO", reason: "45", amountCents: 2500 },
    ]);
    // 260 - 205 - 30 - 25 = 0, and the 25.00 is its own contractual (nothing restated).
    expect(own).toMatchObject({
      insuranceBalanceCents: 0,
      contractualCents: 2500,
      restatedContractualCents: 0,
      patientBalanceCents: 0,
    });
  });
});
