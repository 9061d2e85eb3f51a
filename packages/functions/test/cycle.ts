import { expect } from "vitest";
import { processBatch } from "@claimledger/core/batch/process.service.ts";
import { applyInbound } from "./inbound.ts";
import { processBatchRun } from "@claimledger/core/batch/run.service.ts";
import { BatchRunEntity } from "@claimledger/core/batch/batch.entity.ts";
import {
  adjudicate,
  type Adjudication,
  type SandboxClaim,
} from "@claimledger/core/clearinghouse/sandbox/payer-model.ts";
import { todayIn } from "@claimledger/core/claim/index.ts";
import { addDays } from "@claimledger/core/shared/dates.ts";
import { call, newTenant, samples } from "./http.ts";
import { pollNow } from "./poll.ts";

/**
 * The date n days before today where the test practices are (samples.practice.timeZone), as their
 * users and the scrubber count days: the UTC date is already tomorrow there every evening.
 */
export const daysAgo = (n: number) => addDays(todayIn(samples.practice.timeZone), -n);

/**
 * Sends ready claims chosen by practice or payer as the API does: POST answers 202 with a batch
 * run, which is driven here chunk by chunk as the batch-run worker would drive it (the queue
 * messages themselves are left alone, as every test does). Returns the finished run.
 */
export async function batchReady(
  s: { key: string; tenantId: string },
  body: { practiceId?: string; payerId?: string },
) {
  const res = await call("POST", "/v1/claim-batches", { key: s.key, body });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  await driveRun(s.tenantId, res.body.runId);
  const run = await call("GET", `/v1/claim-batch-runs/${res.body.runId}`, { key: s.key });
  expect(run.body.status).toBe("done");
  return run.body as { runId: string; claims: number; batchIds: string[]; chunks: number };
}

/** Runs a batch run's chunks, one after the other, until it is done. */
export async function driveRun(tenantId: string, runId: string) {
  for (let chunk = 0; chunk < 10_000; chunk++) {
    const outcome = await processBatchRun(tenantId, runId, chunk);
    if (outcome === "done") return;
    // Skipped: another delivery of this chunk got there first (it may even have ended the run).
    if (outcome === "skipped" && (await BatchRunEntity.get({ tenantId, runId }).go()).data?.status === "done") return;
  }
  throw new Error(`batch run ${runId} did not finish`);
}

/** A company with one practice, its provider and payer, ready to take encounters. */
export async function practiceSetUp() {
  const t = await newTenant();
  const key = t.ownerKey;
  const practiceId = (await call("POST", "/v1/practices", { key, body: samples.practice })).body.practiceId as string;
  const providerId = (await call("POST", `/v1/practices/${practiceId}/providers`, { key, body: samples.provider })).body
    .providerId as string;
  const payerId = (await call("POST", "/v1/payers", { key, body: samples.payer })).body.payerId as string;
  return { key, tenantId: t.tenantId, practiceId, providerId, payerId };
}

/** An encounter for a new patient of the practice (distinct name and member id per `i`). */
export function encounterFor(
  s: { providerId: string; payerId: string },
  i: number,
  over: Record<string, unknown> = {},
) {
  const patient = { ...samples.patient(s.payerId), firstName: `Pat${"ABCDEFGHIJ"[i]}` } as any;
  patient.coverages = [{ ...patient.coverages[0], memberId: `XJH50000${i}` }];
  return {
    patient,
    renderingProviderId: s.providerId,
    placeOfService: "11",
    serviceDate: daysAgo(10 + i),
    diagnoses: ["E11.9", "I10"],
    lines: [
      { procedureCode: "99214", modifiers: ["25"], chargeCents: 18500, diagnosisPointers: [1, 2] },
      { procedureCode: "36415", chargeCents: 1500, diagnosisPointers: [1] },
    ],
    ...over,
  };
}

/** `n` claims sent in one batch and acknowledged (999 + 277CA), not yet paid. */
export async function acceptedClaims(n: number) {
  const s = await practiceSetUp();
  for (let i = 0; i < n; i++) {
    const r = await call("POST", `/v1/practices/${s.practiceId}/encounters`, { key: s.key, body: encounterFor(s, i) });
    expect(r.body.status, JSON.stringify(r.body)).toBe("ready");
  }
  const run = await batchReady(s, { practiceId: s.practiceId });
  for (const batchId of run.batchIds) await processBatch(s.tenantId, batchId);
  const polled = (await pollNow(s.key)).files as {
    sha256: string;
    name: string;
  }[];
  const outcomes = [];
  for (const f of polled) outcomes.push(`${f.name}: ${await applyInbound(s.tenantId, f.sha256)}`);
  const list = await call("GET", `/v1/claims?practiceId=${s.practiceId}&limit=100`, { key: s.key });
  const all = list.body.items as { claimId: string; status: string; statusReason?: string; doc: any }[];
  const claims = all.filter((c) => c.status === "accepted");
  // Should this ever fail, say what the acknowledgements did.
  const files = (await call("GET", "/v1/inbound-files", { key: s.key })).body.items.map((f: any) => [
    f.name,
    f.status,
    f.error,
  ]);
  expect(
    claims.length,
    JSON.stringify({ outcomes, files, claims: all.map((c) => [c.status, c.statusReason]) }),
  ).toBeGreaterThan(0);
  return { ...s, claims };
}

/** The sandbox payer model's view of one of our claims. */
export const sandboxClaim = (doc: any, over: Partial<SandboxClaim> = {}): SandboxClaim => ({
  claimId: doc.claimId,
  payerId: "BPH01",
  memberId: doc.coverage.memberId,
  claimFilingIndicator: "CI",
  totalChargeCents: doc.totalChargeCents,
  lines: doc.lines.map((l: any) => ({
    lineId: l.lineId,
    procedureCode: l.procedureCode,
    modifiers: l.modifiers,
    units: l.units,
    chargeCents: l.chargeCents,
    serviceDate: l.serviceDate,
  })),
  ...over,
});

/** Uploads an 835 and runs the inbound worker on it. */
export async function post835(s: { key: string; tenantId: string }, text: string) {
  const res = await call("POST", "/v1/remittances", {
    key: s.key,
    raw: text,
    headers: { "content-type": "application/edi-x12" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return {
    ...res.body,
    outcome: res.body.duplicate ? "duplicate" : await applyInbound(s.tenantId, res.body.sha256),
  } as { sha256: string; duplicate: boolean; outcome: string };
}

/** The payer model's answer turned into a denial in full: CLP02 4, CO-50 on every line, nothing paid or owed by the patient. */
export function deniedInFull(doc: any): Adjudication {
  const result = adjudicate(sandboxClaim(doc));
  return {
    ...result,
    status: "4",
    paidCents: 0,
    patientResponsibilityCents: 0,
    lines: result.lines.map((l) => ({
      ...l,
      paidCents: 0,
      allowedCents: 0,
      adjustments: [{ group: "CO", reason: "50", amountCents: l.line.chargeCents }],
    })),
  };
}
