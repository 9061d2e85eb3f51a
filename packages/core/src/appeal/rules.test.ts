import { describe, expect, it } from "vitest";
import { atStake, familyOf, familyOfCarc, heldByAppeals, leftByDecision, levelName } from "./rules.ts";
import { denialFacts } from "./facts.ts";
import { paidFor } from "./posting.ts";
import { looksLike } from "./attachments.service.ts";
import type { LedgerEntry } from "../ledger/index.ts";

describe("the letter's family, from the CARC codes", () => {
  it("maps each family's codes, and anything else to the general letter", () => {
    expect(["29", "15", "197", "22", "109", "50", "150", "16", "97", "45", "999"].map(familyOfCarc)).toEqual([
      "timely_filing",
      "authorization",
      "authorization",
      "coordination_of_benefits",
      "coordination_of_benefits",
      "medical_necessity",
      "medical_necessity",
      "coding",
      "coding",
      "general",
      "general",
    ]);
  });
  it("takes the family of the largest amount; a tie goes to the earlier family", () => {
    // 185.00 of CO-50 against 75.00 of CO-97: medical necessity.
    expect(
      familyOf([
        { reason: "50", amountCents: 18_500 },
        { reason: "97", amountCents: 7_500 },
      ]),
    ).toBe("medical_necessity");
    // 50.00 of CO-29 and 50.00 of CO-15: timely filing comes first.
    expect(
      familyOf([
        { reason: "15", amountCents: 5_000 },
        { reason: "29", amountCents: 5_000 },
      ]),
    ).toBe("timely_filing");
    expect(familyOf([])).toBe("general");
  });
  it("names the levels as Medicare does for Medicare claims", () => {
    expect([levelName(1, "MB"), levelName(1, "CI"), levelName(2, "MB"), levelName(3, "CI")]).toEqual([
      "Redetermination (first level)",
      "Reconsideration (first level)",
      "Reconsideration by the QIC (second level)",
      "External review",
    ]);
  });
});

describe("the money an appeal holds", () => {
  it("holds what it asks while draft, sent or overturned, what the payer will pay once partly overturned, nothing once closed", () => {
    const m = (status: any, expectedCents?: number) => ({ status, amountCents: 26_000, expectedCents });
    expect([
      atStake(m("draft")),
      atStake(m("sent")),
      atStake(m("overturned", 18_000)),
      atStake(m("partially_overturned", 10_000)),
    ]).toEqual([26_000, 26_000, 26_000, 10_000]);
    expect([atStake(m("paid")), atStake(m("upheld")), atStake(m("withdrawn"))]).toEqual([0, 0, 0]);
    // 260.00 sent + 100.00 expected of a partial overturn = 360.00 held.
    const mark = (status: any, expectedCents?: number) => ({
      ...m(status, expectedCents),
      appealId: status,
      seq: 1,
      level: 1 as const,
      deadline: "2027-04-18",
    });
    expect(heldByAppeals([mark("sent"), mark("partially_overturned", 10_000)])).toBe(36_000);
  });
  it("leaves to a next level all of an upheld appeal, the rest of a partial overturn, nothing of an overturn", () => {
    expect(leftByDecision({ amountCents: 26_000, decision: { outcome: "upheld" } })).toBe(26_000);
    // 260.00 appealed, 100.00 overturned: 160.00 left.
    expect(
      leftByDecision({ amountCents: 26_000, expectedCents: 10_000, decision: { outcome: "partially_overturned" } }),
    ).toBe(16_000);
    expect(leftByDecision({ amountCents: 26_000, expectedCents: 26_000, decision: { outcome: "overturned" } })).toBe(0);
  });
});

const entry = (e: Partial<LedgerEntry>): LedgerEntry =>
  ({
    practiceId: "p",
    month: "2026-10",
    entryId: "e",
    claimId: "c",
    depositDate: "2026-10-20",
    postedAt: "",
    amountCents: 0,
    kind: "contractual_adjustment",
    ...e,
  }) as LedgerEntry;

it("reads the denial from the ledger: reasons net of reversals, by line, the latest denying 835's date", () => {
  const entries = [
    entry({ lineId: "L1", group: "CO", reason: "45", amountCents: 6_500 }),
    entry({ lineId: "L1", group: "CO", reason: "50", amountCents: 5_000, remarks: ["N115"] }),
    entry({ lineId: "L2", group: "CO", reason: "50", amountCents: 7_500, depositDate: "2026-10-27" }),
    entry({ lineId: "L2", group: "PR", reason: "2", amountCents: 1_000, kind: "coinsurance" }),
    // An earlier CO-16 on L1 reversed: nets to 0 and is no reason.
    entry({ lineId: "L1", group: "CO", reason: "16", amountCents: 2_000, depositDate: "2026-10-01" }),
    entry({ lineId: "L1", group: "CO", reason: "16", amountCents: -2_000, depositDate: "2026-10-20" }),
  ];
  const all = denialFacts(entries);
  // CO-50: 50.00 + 75.00 = 125.00; CO-45 and PR-2 are not denials.
  expect(all.reasons.map((r) => [r.group, r.reason, r.amountCents, r.remarks.map((m) => m.code)])).toEqual([
    ["CO", "50", 12_500, ["N115"]],
  ]);
  expect(all.reasons[0]!.description).toMatch(/medical necessity/i);
  expect([all.totalCents, all.deniedOn, all.byLine.get("L1"), all.byLine.get("L2")]).toEqual([
    12_500,
    "2026-10-27",
    5_000,
    7_500,
  ]);
  const line = denialFacts(entries, ["L1"]);
  expect([line.totalCents, line.deniedOn]).toEqual([5_000, "2026-10-20"]);
});

it("matches a payment to an appeal by its lines, or the whole claim", () => {
  const paid = [
    { kind: "insurance_payment" as const, lineId: "L1", amountCents: 12_000 },
    { kind: "insurance_payment" as const, lineId: "L2", amountCents: 5_000 },
    { kind: "contractual_adjustment" as const, lineId: "L2", group: "CO", reason: "45", amountCents: 2_500 },
  ];
  // 120.00 + 50.00 = 170.00 on the claim; 50.00 on L2.
  expect([paidFor({}, paid), paidFor({ lineIds: ["L2"] }, paid), paidFor({ lineIds: ["L9"] }, paid)]).toEqual([
    17_000, 5_000, 0,
  ]);
});

it("knows a file's type by its first bytes", () => {
  const b = (s: string | number[]) => (typeof s === "string" ? new TextEncoder().encode(s) : Uint8Array.from(s));
  expect(looksLike("application/pdf", b("%PDF-1.4"))).toBe(true);
  expect(looksLike("application/pdf", b("<html>"))).toBe(false);
  expect(looksLike("image/png", b([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(looksLike("image/jpeg", b([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
  expect(looksLike("image/tiff", b([0x4d, 0x4d, 0x00, 0x2a]))).toBe(true);
  expect(looksLike("image/png", b("%PDF-"))).toBe(false);
});
