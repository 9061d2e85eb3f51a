import { describe, expect, it } from "vitest";
import { applyEntries, zeroBalances, type EntryDraft } from "../ledger/index.ts";
import { chainsOf, visitBalance, type ChainClaim } from "./cob.ts";

const claim = (
  claimId: string,
  status: ChainClaim["status"],
  entries: EntryDraft[],
  primaryClaimId?: string,
): ChainClaim => ({
  claimId,
  serviceDate: "2026-10-05",
  status,
  totalChargeCents: 26000,
  doc: { primaryClaimId },
  balances: applyEntries(zeroBalances(26000), entries),
});

// The 260.00 visit: primary paid 100.00, CO-45 105.00, PR 55.00, which moves to the secondary.
const primary = claim("P", "paid", [
  { kind: "insurance_payment", amountCents: 10000 },
  { kind: "contractual_adjustment", group: "CO", reason: "45", amountCents: 10500 },
  { kind: "coinsurance", group: "PR", reason: "2", amountCents: 5500 },
  { kind: "cob_transfer", amountCents: 5500 },
]);

describe("coordination of benefits", () => {
  it("shows the primary's share as pending secondary while the secondary waits, outside what the patient owes", () => {
    const waiting = claim("S", "submitted", [{ kind: "cob_prior_payer", amountCents: 20500 }], "P");
    const [chain] = chainsOf([waiting, primary]);
    expect(chain!.map((c) => c.claimId)).toEqual(["P", "S"]);
    expect(visitBalance(chain!)).toMatchObject({
      chargeCents: 26000,
      insurancePaidCents: 10000,
      patientBalanceCents: 0,
      pendingSecondaryCents: 5500,
      status: "pending_secondary",
    });
  });

  it("leaves the patient what the last payer left, across three payers, charged once", () => {
    // Secondary: paid 40.00, OA-23 205.00, PR 15.00 -> 15.00 moves to the tertiary.
    const secondary = claim(
      "S",
      "paid",
      [
        { kind: "cob_prior_payer", amountCents: 20500 },
        { kind: "insurance_payment", amountCents: 4000 },
        { kind: "prior_payer_adjustment", group: "OA", reason: "23", amountCents: 20500 },
        { kind: "coinsurance", group: "PR", reason: "2", amountCents: 1500 },
        { kind: "cob_transfer", amountCents: 1500 },
      ],
      "P",
    );
    // Tertiary: opened at 260 - 15 = 245.00 resolved; paid 10.00, OA-23 245.00, PR 5.00.
    const tertiary = claim(
      "T",
      "paid",
      [
        { kind: "cob_prior_payer", amountCents: 24500 },
        { kind: "insurance_payment", amountCents: 1000 },
        { kind: "prior_payer_adjustment", group: "OA", reason: "23", amountCents: 24500 },
        { kind: "coinsurance", group: "PR", reason: "2", amountCents: 500 },
      ],
      "S",
    );
    const chains = chainsOf([tertiary, primary, secondary]);
    expect(chains).toHaveLength(1);
    // Paid 100 + 40 + 10 = 150.00; the patient owes 5.00 on the tertiary's claim, nothing pending.
    expect(visitBalance(chains[0]!)).toEqual({
      claimId: "T",
      claimIds: ["P", "S", "T"],
      serviceDate: "2026-10-05",
      chargeCents: 26000,
      insurancePaidCents: 15000,
      patientResponsibilityCents: 500,
      patientPaidCents: 0,
      patientBalanceCents: 500,
      pendingSecondaryCents: 0,
      creditCents: 0, // no patient money held
      overpaymentCents: 0,
      status: "open",
    });
    for (const c of [primary, secondary, tertiary]) expect(c.balances!.insuranceBalanceCents).toBe(0);
  });
});
