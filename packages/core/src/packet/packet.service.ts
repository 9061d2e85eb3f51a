import { PutObjectCommand } from "@aws-sdk/client-s3";
import { invoiceForPacket, nextMonth, setPacketKey, type InvoicePacketMessage } from "../invoice/index.ts";
import {
  arAging,
  BUCKETS,
  claimPerformance,
  collectionsByMonth,
  feeAdvice,
  netCollectionRate,
  underpaidByPayer,
} from "../report/index.ts";
import { hasContractSchedules } from "../contract/index.ts";
import { bucketName, s3Client } from "../shared/aws.ts";
import { addDays } from "../shared/dates.ts";
import { log } from "../shared/log.ts";
import type { Principal } from "../shared/context.ts";
import { renderPacket } from "./render.ts";
import type { PacketData, PacketExtras } from "./packet.schema.ts";

const monthsBack = (period: string, n: number) => {
  const d = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)) - 1 - n, 1));
  return d.toISOString().slice(0, 7);
};

/** Fee advice rows the packet prints at most: the codes with the most money at stake first. */
export const PACKET_FEE_ADVICE_ROWS = 6;

/**
 * The contract sections, over the same 90 days of services as the claim figures: underpaid money
 * by payer (found, and recovered so far), and the codes whose fee advice is to change the charge.
 * Without any contract schedule loaded for the practice there is nothing to compare with: the
 * sections are left out (the packet says no data is loaded); with one, an empty list is "none".
 */
export async function packetExtras(asPractice: Principal, from: string, to: string): Promise<PacketExtras> {
  const practiceId = asPractice.practiceId!;
  if (!(await hasContractSchedules(asPractice.tenantId, practiceId))) return {};
  const [under, advice] = await Promise.all([
    underpaidByPayer(asPractice, { from, to, practiceId }),
    feeAdvice(asPractice, { from, to, practiceId }),
  ]);
  return {
    underpayments: (under.practices[0]?.payers ?? []).map((r) => ({
      payerName: r.payerName,
      lines: r.lines,
      foundCents: r.shortfallCents,
      recoveredCents: r.recoveredCents,
    })),
    feeAdvice: (advice.practices[0]?.codes ?? [])
      .filter((c) => c.suggestedFeeCents !== c.chargeCents)
      .slice(0, PACKET_FEE_ADVICE_ROWS)
      .map((c) => ({
        code: c.procedureCode,
        currentChargeCents: c.chargeCents,
        suggestedChargeCents: c.suggestedFeeCents,
        reason: c.rule,
      })),
  };
}

/**
 * Everything the packet shows, read as the practice itself would read its reports (a principal
 * scoped to the practice): 12 months of collections, A/R aging at the month's end, the claim
 * figures of the 90 days of services to the month's end, and the invoice.
 */
export async function packetData(
  tenantId: string,
  practiceId: string,
  period: string,
): Promise<PacketData | undefined> {
  const inv = await invoiceForPacket(tenantId, practiceId, period);
  if (!inv) return undefined;
  const asPractice: Principal = { tenantId, keyId: "month-end-packet", role: "practice", practiceId };
  const monthEnd = addDays(`${nextMonth(period)}-01`, -1);
  const from90 = addDays(monthEnd, -89);
  const [collections, aging, claims, extras] = await Promise.all([
    collectionsByMonth(asPractice, { from: monthsBack(period, 11), to: period }),
    arAging(asPractice, { asOf: monthEnd }),
    claimPerformance(asPractice, { from: from90, to: monthEnd }),
    packetExtras(asPractice, from90, monthEnd),
  ]);
  const months = collections.practices[0]?.months ?? [];
  const side = aging.practices[0]?.fromServiceDate;
  const perf = claims.practices[0];
  const ncr = months.reduce(
    (s, m) => ({
      payments: s.payments + m.netCollectionRate.paymentsCents,
      charges: s.charges + m.netCollectionRate.chargesCents,
      contractual: s.contractual + m.netCollectionRate.contractualAdjustmentsCents,
    }),
    { payments: 0, charges: 0, contractual: 0 },
  );
  const insurance = BUCKETS.map((b) => side?.insurance.buckets[b] ?? 0);
  const patient = BUCKETS.map((b) => side?.patient.buckets[b] ?? 0);
  return {
    invoice: inv.body,
    months: months.map((m) => ({ month: m.month, collectedCents: m.paymentsCents, chargesCents: m.chargesCents })),
    aging: {
      buckets: BUCKETS,
      insurance,
      patient,
      totalCents: [...insurance, ...patient].reduce((s, v) => s + v, 0),
    },
    denials: (perf?.denialsByReason ?? []).map((r) => ({
      code: `${r.group}-${r.reason}`,
      description: r.description,
      claims: r.claims,
      amountCents: r.amountCents,
    })),
    kpis: {
      cleanClaimRatePercent: perf?.cleanClaimRatePercent ?? null,
      denialRatePercent: perf?.denialRatePercent ?? null,
      daysInAR: perf?.daysInAR ?? null,
      netCollectionRatePercent: netCollectionRate(ncr.payments, ncr.charges, ncr.contractual),
      basis:
        `Clean claim rate, denial rate and days in A/R: services of the 90 days ${from90} to ${monthEnd} ` +
        `(days in A/R = their open balances / their average daily charges). Net collection rate: services of ` +
        `the 12 months to ${period}, payments / (charges - contractual adjustments) posted to them to date.`,
    },
    extras,
  };
}

/** The S3 key of an invoice's packet: beside its JSON, CSV and PDF. */
export const packetKeyOf = (pdfKey: string) => pdfKey.replace(/\.pdf$/, "-packet.pdf");

/**
 * The invoice worker's packet job: draws the finalized invoice's packet, writes it beside the
 * invoice's files and records its key on the invoice. Idempotent: a redelivery draws it again
 * over the same key. A draft, a voided or a replaced invoice gets none.
 */
export async function writePacket(msg: InvoicePacketMessage) {
  const inv = await invoiceForPacket(msg.tenantId, msg.practiceId, msg.period);
  if (!inv || inv.invoiceId !== msg.invoiceId || !["finalized", "sent", "paid"].includes(inv.status) || !inv.files) {
    log("info", "packet skipped", { tenantId: msg.tenantId, practiceId: msg.practiceId, period: msg.period });
    return undefined;
  }
  const data = (await packetData(msg.tenantId, msg.practiceId, msg.period))!;
  const pdf = await renderPacket(data);
  const key = packetKeyOf(inv.files.pdf);
  await s3Client().send(
    new PutObjectCommand({ Bucket: bucketName("DocumentBucket"), Key: key, Body: pdf, ContentType: "application/pdf" }),
  );
  await setPacketKey(msg.tenantId, msg.practiceId, msg.period, msg.invoiceId, key);
  log("info", "packet written", { tenantId: msg.tenantId, practiceId: msg.practiceId, period: msg.period });
  return key;
}
