import { expect, it } from "vitest";
import { inflateSync } from "node:zlib";
import { winAnsiByte } from "../shared/pdf.ts";
import { renderPacket } from "./render.ts";
import { collectionsChart, kpiRows } from "./charts.ts";
import type { PacketData } from "./packet.schema.ts";

const CHAR_OF = new Map<number, string>();
for (let u = 0x20; u < 0x2200; u++) {
  const b = winAnsiByte(String.fromCodePoint(u));
  if (b !== undefined && !CHAR_OF.has(b)) CHAR_OF.set(b, String.fromCodePoint(u));
}
/** Every `<hex> Tj` of the inflated content streams, decoded from WinAnsi. */
function texts(pdf: Uint8Array): string[] {
  const raw = Buffer.from(pdf).toString("latin1");
  const out: string[] = [];
  for (const m of raw.matchAll(/<<([^]*?)>>\s*stream\r?\n/g)) {
    if (!m[1]!.includes("/FlateDecode")) continue;
    const start = m.index! + m[0].length;
    const body = inflateSync(
      Buffer.from(raw.slice(start, start + Number(/\/Length (\d+)/.exec(m[1]!)![1])), "latin1"),
    ).toString("latin1");
    for (const t of body.matchAll(/<([0-9A-Fa-f]*)> Tj/g))
      out.push((t[1]!.match(/../g) ?? []).map((h) => CHAR_OF.get(parseInt(h, 16)) ?? "?").join(""));
  }
  return out;
}

const data = (extras: PacketData["extras"]): PacketData => ({
  invoice: {
    invoiceId: "inv_1",
    status: "finalized",
    number: "INV-000042",
    period: "2026-10",
    company: { name: "Peña & Søn Billing" },
    practice: { practiceId: "prc_1", name: "Clínica São José, Dr. Zoë Brontë (Łódź)" },
    contract: { effectiveFrom: "2026-01-01", percentBps: 650 },
    collections: {
      insurancePaymentsCents: 100_000,
      patientPaymentsCents: 0,
      refundsCents: 0,
      recoupmentsCents: 0,
      interestCents: 0,
      countedCents: 100_000,
    },
    priorPeriod: { countedCents: 0, months: [] },
    activity: { claimsSubmitted: 10, statementsSent: 0, setupDue: false },
    lines: [{ kind: "percentage", description: "Percentage of collections", amountCents: 6_500 }],
    totalCents: 6_500,
    entryCount: 10,
    computedAt: "2026-11-01T06:00:00.000Z",
    finalizedAt: "2026-11-02T10:00:00.000Z",
    dueDate: "2026-12-02",
  } as PacketData["invoice"],
  months: [
    { month: "2026-09", collectedCents: 90_000, chargesCents: 150_000 },
    { month: "2026-10", collectedCents: 100_000, chargesCents: 160_000 },
  ],
  aging: {
    buckets: ["0-30", "31-60", "61-90", "91-120", "120+"],
    insurance: [1, 0, 0, 0, 0],
    patient: [0, 0, 0, 0, 0],
    totalCents: 1,
  },
  denials: [],
  kpis: { cleanClaimRatePercent: null, denialRatePercent: 7, daysInAR: 41, netCollectionRatePercent: 95, basis: "b" },
  extras,
});

it("prints accented names as written (a character the standard fonts lack becomes ?), and the fed sections' rows when given", async () => {
  const t = texts(
    await renderPacket(
      data({
        underpayments: [{ payerName: "Mutualité Générale", lines: 3, foundCents: 4_520, recoveredCents: 1_200 }],
        feeAdvice: [
          {
            code: "99214",
            currentChargeCents: 12_000,
            suggestedChargeCents: 15_500,
            reason: "Payers allow more than the charge",
          },
        ],
      }),
    ),
  );
  // Ł and ź are not in WinAnsi (ž is): each prints as ?.
  expect(t).toContain("Clínica São José, Dr. Zoë Brontë (?ód?)");
  expect(t).toContain("Peña & Søn Billing");
  const u = t.indexOf("Mutualité Générale");
  expect(t.slice(u, u + 4)).toEqual(["Mutualité Générale", "3", "$45.20", "$12.00"]);
  const f = t.indexOf("99214");
  expect(t.slice(f, f + 4)).toEqual(["99214", "$120.00", "$155.00", "Payers allow more than the charge"]);
  expect(t.join("\n")).not.toContain("data is loaded yet");
});

it("judges each KPI against the benchmark's range: a denial rate of 7% and 41 days in A/R are inside it (watch), none measured is no data", () => {
  expect(kpiRows(data({}).kpis).map((r) => [r.name, r.value, r.verdict])).toEqual([
    ["Clean claim rate", "no data", "no_data"],
    ["Denial rate", "7.0%", "watch"],
    ["Days in A/R", "41.0 days", "watch"],
    ["Net collection rate", "95.0%", "met"],
  ]);
});

it("draws the trend as a vector path through the three-month averages", () => {
  const c = collectionsChart(
    [
      { month: "2026-08", collectedCents: 30_000, chargesCents: 0 },
      { month: "2026-09", collectedCents: 60_000, chargesCents: 0 },
      { month: "2026-10", collectedCents: 90_000, chargesCents: 0 },
    ],
    300,
    100,
  );
  // Averages: 300, (300 + 600) / 2 = 450, (300 + 600 + 900) / 3 = 600 dollars; the axis is 0 to 1,000.
  expect(c.ticks.map((t) => t.label)).toEqual(["$0", "$200", "$400", "$600", "$800", "$1k"]);
  expect(c.trendPath).toMatch(/^M[\d.]+,70C/);
  expect(c.bars.map((b) => Math.round(b.h))).toEqual([30, 60, 90]);
});
