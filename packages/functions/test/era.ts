import { expect } from "vitest";
import { processBatch } from "@claimledger/core/batch/process.service.ts";
import { applyInbound } from "./inbound.ts";
import { InboundFileEntity } from "@claimledger/core/inbound/inbound.entity.ts";
import { post835 } from "@claimledger/core/remittance/posting-run.ts";
import { streamEdi } from "@claimledger/core/shared/storage.ts";
import { draftInvoice } from "@claimledger/core/invoice/invoice.service.ts";
import { build835 } from "@claimledger/core/clearinghouse/sandbox/responses.ts";
import type { Adjudication, Adjustment, SandboxClaim } from "@claimledger/core/clearinghouse/sandbox/payer-model.ts";
import { call, newTenant, samples } from "./http.ts";

/**
 * Hand-written 835s for claims the batch flow submitted: each test states every cent it posts,
 * so the figures it expects can be worked out by hand. No clearinghouse poll runs, so no 277CA
 * ever reaches these claims (they are `submitted` when their 835 comes).
 */
export interface World {
  key: string;
  tenantId: string;
  practiceId: string;
  providerId: string;
  payers: string[];
  patientId: string;
}

const PAYERS = [
  { name: "Blue Prairie Health", clearinghousePayerId: "BPH01", claimFilingIndicator: "CI", timelyFilingDays: 180 },
  { name: "Medicaid Of Illinois", clearinghousePayerId: "MCDIL", claimFilingIndicator: "MC", timelyFilingDays: 365 },
  { name: "Prairie Supplemental", clearinghousePayerId: "PSUP3", claimFilingIndicator: "CI", timelyFilingDays: 365 },
];
const ORDERS = ["primary", "secondary", "tertiary"] as const;

/** A company, a practice on a 5% contract, a provider, `coverages` payers and a patient covered by each, in order. */
export async function world(
  coverages: 1 | 2 | 3,
  contract: object = { effectiveFrom: "2026-01-01", percentBps: 500 },
): Promise<World> {
  const { ownerKey: key, tenantId } = await newTenant();
  const practiceId = (
    await call("POST", "/v1/practices", { key, body: { ...samples.practice, contracts: [contract] } })
  ).body.practiceId;
  const providerId = (await call("POST", `/v1/practices/${practiceId}/providers`, { key, body: samples.provider })).body
    .providerId;
  const payers: string[] = [];
  for (const p of PAYERS.slice(0, coverages))
    payers.push((await call("POST", "/v1/payers", { key, body: p })).body.payerId);
  const patient = samples.patient(payers[0]!) as any;
  patient.coverages = payers.map((payerId, i) => ({
    payerId,
    memberId: `MBR${i + 1}0000${coverages}`,
    order: ORDERS[i],
    relationship: "self",
    ...(i === 0 ? { groupNumber: "G100" } : {}),
  }));
  const created = await call("POST", `/v1/practices/${practiceId}/patients`, { key, body: patient });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { key, tenantId, practiceId, providerId, payers, patientId: created.body.patientId };
}

/** The visit every test uses: 99214 at 185.00 and 93000 at 75.00, 260.00 in all; submitted to the primary. */
export async function visit(w: World, serviceDate: string): Promise<string> {
  const enc = await call("POST", `/v1/practices/${w.practiceId}/encounters`, {
    key: w.key,
    body: {
      patientId: w.patientId,
      renderingProviderId: w.providerId,
      placeOfService: "11",
      serviceDate,
      diagnoses: ["I10"],
      lines: [
        { procedureCode: "99214", chargeCents: 18500, diagnosisPointers: [1] },
        { procedureCode: "93000", chargeCents: 7500, diagnosisPointers: [1] },
      ],
    },
  });
  expect(enc.status, JSON.stringify(enc.body)).toBe(201);
  await submit(w, [enc.body.claimId]);
  return enc.body.claimId;
}

export async function submit(w: World, claimIds: string[]) {
  const b = await call("POST", "/v1/claim-batches", { key: w.key, body: { claimIds } });
  expect(b.status, JSON.stringify(b.body)).toBe(201);
  await processBatch(w.tenantId, b.body.batches[0].batchId);
  return b.body.batches[0].batchId as string;
}

export const getClaim = async (w: World, claimId: string) =>
  (await call("GET", `/v1/claims/${claimId}`, { key: w.key })).body;
export const ledger = async (w: World, claimId: string) =>
  (await call("GET", `/v1/claims/${claimId}/ledger`, { key: w.key })).body;

type Cas = [group: Adjustment["group"], reason: string, cents: number];
export interface ClpSpec {
  claimId: string;
  /** CLP02: 1 primary, 2 secondary, 3 tertiary, 4 denied. */
  status: "1" | "2" | "3" | "4";
  /** One per claim line, in order: paid and CAS. */
  lines: { paid: number; cas: Cas[]; remarks?: string[] }[];
}

/** An 835 from `payerIndex`'s payer dated `date`, its CLPs as specified, optional PLBs. */
export async function era(
  w: World,
  payerIndex: number,
  control: number,
  date: string,
  clps: ClpSpec[],
  plb: { reason: string; amountCents: number }[] = [],
): Promise<string> {
  const items = [];
  for (const spec of clps) {
    const c = await getClaim(w, spec.claimId);
    const claim: SandboxClaim = {
      claimId: c.claimId,
      payerId: PAYERS[payerIndex]!.clearinghousePayerId,
      memberId: c.doc.coverage.memberId,
      claimFilingIndicator: PAYERS[payerIndex]!.claimFilingIndicator,
      totalChargeCents: c.totalChargeCents,
      lines: c.doc.lines.map((l: any) => ({
        lineId: l.lineId,
        procedureCode: l.procedureCode,
        modifiers: l.modifiers,
        units: l.units,
        chargeCents: l.chargeCents,
        serviceDate: l.serviceDate,
      })),
    };
    const lines = claim.lines.map((line, i) => {
      const s = spec.lines[i]!;
      const adjustments = s.cas.map(([group, reason, amountCents]) => ({ group, reason, amountCents }));
      expect(line.chargeCents - s.paid, "line balances: charge - paid = CAS").toBe(
        adjustments.reduce((t, a) => t + a.amountCents, 0),
      );
      return {
        line,
        allowedCents: s.paid + adjustments.filter((a) => a.group === "PR").reduce((t, a) => t + a.amountCents, 0),
        paidCents: s.paid,
        adjustments,
        remarks: s.remarks ?? [],
      };
    });
    const result: Adjudication = {
      claimId: c.claimId,
      status: spec.status as Adjudication["status"],
      chargeCents: c.totalChargeCents,
      payerClaimControlNumber: `ICN${control}${items.length}`,
      lines,
      paidCents: lines.reduce((t, l) => t + l.paidCents, 0),
      patientResponsibilityCents: lines.reduce(
        (t, l) => t + l.adjustments.filter((a) => a.group === "PR").reduce((x, a) => x + a.amountCents, 0),
        0,
      ),
    };
    items.push({ claim, result });
  }
  return build835(
    PAYERS[payerIndex]!.clearinghousePayerId,
    PAYERS[payerIndex]!.name.toUpperCase(),
    items,
    control,
    "X",
    new Date(`${date}T12:00:00Z`),
    plb,
  );
}

/** Uploads an 835 and posts it as the inbound worker does; answers its SHA-256. */
export async function upload(w: World, text: string): Promise<string> {
  const res = await call("POST", "/v1/remittances", {
    key: w.key,
    raw: text,
    headers: { "content-type": "application/edi-x12" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(await applyInbound(w.tenantId, res.body.sha256)).toBe("processed");
  return res.body.sha256;
}

/** Posts the same archived file again, as an SQS redelivery or a retry after a crash would. */
export async function rerun(w: World, sha256: string) {
  const { data } = await InboundFileEntity.get({ tenantId: w.tenantId, sha256 }).go();
  return post835(w.tenantId, sha256, () => streamEdi(data!.key));
}

/** The primary adjudication of the 260.00 visit: paid 100.00, CO-45 105.00, patient share 55.00. */
export const PRIMARY: ClpSpec["lines"] = [
  // 99214 185.00: paid 80.00, CO-45 65.00, copay 25.00, coinsurance 15.00 (80 + 65 + 25 + 15 = 185)
  {
    paid: 8000,
    cas: [
      ["CO", "45", 6500],
      ["PR", "3", 2500],
      ["PR", "2", 1500],
    ],
  },
  // 93000 75.00: paid 20.00, CO-45 40.00, coinsurance 15.00 (20 + 40 + 15 = 75)
  {
    paid: 2000,
    cas: [
      ["CO", "45", 4000],
      ["PR", "2", 1500],
    ],
  },
];
/** The secondary's: paid 40.00, OA-23 205.00 (the primary's 100.00 paid + 105.00 CO-45), patient share 15.00. */
export const SECONDARY: ClpSpec["lines"] = [
  // 99214: paid 30.00, OA-23 145.00 (80 + 65), coinsurance 10.00 (30 + 145 + 10 = 185)
  {
    paid: 3000,
    cas: [
      ["OA", "23", 14500],
      ["PR", "2", 1000],
    ],
  },
  // 93000: paid 10.00, OA-23 60.00 (20 + 40), coinsurance 5.00 (10 + 60 + 5 = 75)
  {
    paid: 1000,
    cas: [
      ["OA", "23", 6000],
      ["PR", "2", 500],
    ],
  },
];

/** Drafts the practice's invoice for the month (what the month-close job does) and finalizes it as the owner. */
export async function closeMonth(w: World, period: string) {
  await draftInvoice(w.tenantId, w.practiceId, period);
  const fin = await call("POST", `/v1/practices/${w.practiceId}/invoices/${period}/finalize`, { key: w.key });
  expect(fin.status, JSON.stringify(fin.body)).toBe(200);
  return fin.body;
}
