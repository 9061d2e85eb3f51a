import { DeleteMessageCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { checkX12, read277 } from "@claimledger/x12";
import { processBatch } from "@claimledger/core/batch/process.service.ts";
import { applyStatusResponse, dailyRunId, runStatusInquiries } from "@claimledger/core/claimstatus/index.ts";
import { sandboxReceived } from "@claimledger/core/clearinghouse/sandbox/sandbox.ts";
import { processInbound } from "@claimledger/core/inbound/process.service.ts";
import { queueUrl, sqsClient } from "@claimledger/core/shared/aws.ts";
import { readEdi } from "@claimledger/core/shared/storage.ts";
import { InquiryRunEntity } from "@claimledger/core/claimstatus/claimstatus.entity.ts";
import { InboundFileEntity } from "@claimledger/core/inbound/inbound.entity.ts";
import { handler as cron } from "../src/cron/status-inquiries.ts";
import { handler as worker } from "../src/queue/status-inquiry.ts";
import { batchReady, encounterFor, practiceSetUp } from "./cycle.ts";
import { call, newKey, newTenant } from "./http.ts";
import { applyInbound } from "./inbound.ts";
import { pollNow } from "./poll.ts";

const DAY = 86_400_000;
const later = (days: number) => new Date(Date.now() + days * DAY);

/**
 * Three claims sent to the sandbox and accepted (999 + 277CA applied), their 835s left waiting at
 * the clearinghouse. Charges by the sandbox's status rule: $202 pends (P1), $205 is paid (F1,
 * 80%: $164), $208 gets a request for information (R3).
 */
async function acceptedAwaiting835() {
  const s = await practiceSetUp();
  const charges = [20_200, 20_500, 20_800];
  for (const [i, chargeCents] of charges.entries()) {
    const body = encounterFor(s, i, {
      lines: [{ procedureCode: "99214", modifiers: ["25"], chargeCents, diagnosisPointers: [1, 2] }],
    });
    const r = await call("POST", `/v1/practices/${s.practiceId}/encounters`, { key: s.key, body });
    expect(r.body.status, JSON.stringify(r.body)).toBe("ready");
  }
  const run = await batchReady(s, { practiceId: s.practiceId });
  for (const batchId of run.batchIds) await processBatch(s.tenantId, batchId);
  const first = await pollNow(s.key);
  for (const f of first.files) expect(await applyInbound(s.tenantId, f.sha256)).toBe("processed");
  const claims = (await call("GET", `/v1/claims?practiceId=${s.practiceId}&limit=10`, { key: s.key })).body.items;
  expect(claims.map((c: any) => c.status)).toEqual(["accepted", "accepted", "accepted"]);
  const byCharge = (cents: number) => claims.find((c: any) => c.totalChargeCents === cents).claimId as string;
  return { ...s, pended: byCharge(20_200), paid: byCharge(20_500), request: byCharge(20_800) };
}

const claimOf = async (key: string, claimId: string) => (await call("GET", `/v1/claims/${claimId}`, { key })).body;

/** Runs the StatusInquiryQueue consumer over what is queued for this company; others' messages are dropped. */
async function drainInquiries(tenantId: string) {
  const sqs = sqsClient();
  const QueueUrl = queueUrl("StatusInquiryQueue");
  const ran: any[] = [];
  for (;;) {
    const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!res.Messages?.length) return ran;
    for (const m of res.Messages) {
      const body = JSON.parse(m.Body!);
      if (body.tenantId === tenantId) {
        const out = await worker({ Records: [{ messageId: m.MessageId!, body: m.Body! }] } as never);
        expect(out.batchItemFailures).toEqual([]);
        ran.push(body);
      }
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle! }));
    }
  }
}

describe("claim status inquiries (276) and answers (277)", () => {
  it("asks about claims waiting past the payer's days, records the 277 pended, paid and R answers, once", async () => {
    const s = await acceptedAwaiting835();
    // Not yet: 30 days (the payer's default) have not passed.
    expect((await runStatusInquiries(s.tenantId, { runId: "sti_early00", at: later(29) })).status).toBe("empty");

    // The daily job with the clock moved 31 days on: the cron queues the company's run, the worker sends one 276.
    const at = later(31);
    const queued = await cron({ at: at.toISOString() });
    expect(queued.runId).toBe(dailyRunId(at));
    expect(await drainInquiries(s.tenantId)).toEqual([
      { tenantId: s.tenantId, runId: queued.runId, at: at.toISOString() },
    ]);
    const run = (await InquiryRunEntity.get({ tenantId: s.tenantId, runId: queued.runId }).go()).data!;
    expect(run).toMatchObject({ status: "submitted", fileName: expect.stringMatching(/^\d{9}\.276$/) });
    expect([...run.claimIds].sort()).toEqual([s.pended, s.paid, s.request].sort());
    // Archived in S3 like an 837P, and what the sandbox received.
    const sent = await readEdi(run.fileKey!);
    expect(run.fileKey).toMatch(new RegExp(`^${s.tenantId}/out/`));
    expect(checkX12(sent).errors).toEqual([]);
    expect(sent).toContain("ST*276*0001*005010X212");
    for (const id of run.claimIds) expect(sent).toContain(`TRN*1*${id}~`);
    expect((await sandboxReceived(s.tenantId)).filter((n) => n.endsWith(".276"))).toEqual([run.fileName]);
    const asked = await claimOf(s.key, s.pended);
    expect(asked.payerStatus).toEqual({
      askedAt: at.toISOString(),
      inquiries: 1,
      inquiryFile: run.fileName,
      needsAction: false,
    });
    // A redelivered message finds the run submitted: no second file, no second mark.
    await runStatusInquiries(s.tenantId, { runId: queued.runId, at });
    expect((await sandboxReceived(s.tenantId)).filter((n) => n.endsWith(".276"))).toHaveLength(1);
    expect((await claimOf(s.key, s.pended)).payerStatus.inquiries).toBe(1);

    // The next poll brings the 277 (and the 835s, left aside here); applied as a status response.
    const polled = await pollNow(s.key);
    const status = polled.files.find((f: any) => f.name.endsWith("-status.277"));
    expect(status, JSON.stringify(polled.files)).toBeDefined();
    expect(await applyInbound(s.tenantId, status.sha256)).toBe("processed");
    const file = (await call("GET", `/v1/inbound-files/${status.sha256}`, { key: s.key })).body;
    expect(file.summary).toEqual({ kind: "status", claims: 3, recorded: 3, needsAction: 1, duplicates: 0, unknown: 0 });

    const pended = await claimOf(s.key, s.pended);
    expect(pended.status).toBe("accepted");
    expect(pended.payerStatus).toMatchObject({
      inquiries: 1,
      answeredAt: expect.any(String),
      category: "P1",
      categoryDescription: "Pending/In process",
      statusClass: "pending",
      code: "20",
      codeDescription: "Accepted for processing",
      needsAction: false,
    });
    const paid = await claimOf(s.key, s.paid);
    expect(paid.status).toBe("accepted");
    expect(paid.payerStatus).toMatchObject({
      category: "F1",
      statusClass: "finalized",
      code: "65",
      paidCents: 16_400,
      payerClaimControlNumber: paid.payerClaimControlNumber,
      checkNumber: expect.stringMatching(/^SBXCHK/),
      checkDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      adjudicationDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      needsAction: false,
    });
    const request = await claimOf(s.key, s.request);
    expect(request.payerStatus).toMatchObject({
      category: "R3",
      statusClass: "request-for-information",
      needsAction: true,
      actionText: "R3 Requests for additional information/Claim/line: 254 Principal diagnosis code",
    });
    const history = (await call("GET", `/v1/claims/${s.request}/history`, { key: s.key })).body.items;
    expect(history.filter((h: any) => h.kind === "payer_status").map((h: any) => h.reason)).toEqual([
      `status inquiry (276) sent in ${run.fileName}`,
      "277 status: R3 Requests for additional information/Claim/line: 254 Principal diagnosis code",
    ]);
    const events = (await call("GET", "/v1/events?types=claim.status_received&limit=10", { key: s.key })).body.items;
    expect(events.map((e: any) => [e.ids.claimId, e.status]).sort()).toEqual(
      [
        [s.pended, "pending"],
        [s.paid, "finalized"],
        [s.request, "request-for-information"],
      ].sort(),
    );
    // A 277 status response is not a 277CA: no ack.277ca.received for it.
    const acks = (await call("GET", "/v1/events?types=ack.277ca.received&limit=10", { key: s.key })).body.items;
    expect(acks.map((e: any) => e.ids.inboundFileId)).not.toContain(status.sha256);

    // The same file again changes nothing: its inbound record is done, and applied anew each claim has it.
    expect(await processInbound(s.tenantId, status.sha256)).toBe("skipped");
    const text = await readEdi(await inboundKey(s.tenantId, status.sha256));
    expect(read277(text)[0]!.kind).toBe("status");
    expect(await applyStatusResponse(s.tenantId, text, status.sha256)).toEqual({
      kind: "status",
      claims: 3,
      recorded: 0,
      needsAction: 0,
      duplicates: 3,
      unknown: 0,
    });
    expect((await call("GET", `/v1/claims/${s.request}/history`, { key: s.key })).body.items).toHaveLength(
      history.length,
    );

    // The payer's setting: a finalized claim's 835 is expected within 45 days of the answer.
    const patched = await call("PATCH", `/v1/payers/${s.payerId}`, { key: s.key, body: { expectedPaymentDays: 45 } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ expectedPaymentDays: 45 });
    // A day later nothing is due (the answers came today, on the real clock); a month on, the
    // pended claim (asked 31 days before) and the paid one (answered 62 days before, no 835) are.
    expect((await runStatusInquiries(s.tenantId, { runId: "sti_nextday0", at: later(32) })).status).toBe("empty");
    const again = await runStatusInquiries(s.tenantId, { runId: "sti_month2aa", at: later(62) });
    expect(again.status).toBe("submitted");
    expect([...again.claimIds].sort()).toEqual([s.pended, s.paid].sort());
    expect((await claimOf(s.key, s.pended)).payerStatus).toMatchObject({ inquiries: 2, category: "P1" });

    // The 835s, once applied, end the questions: paid claims are not asked about.
    for (const f of polled.files.filter((f: any) => f.name.endsWith(".835")))
      expect(await applyInbound(s.tenantId, f.sha256)).toBe("processed");
    expect((await runStatusInquiries(s.tenantId, { runId: "sti_month5aa", at: later(150) })).status).toBe("empty");
  });

  it("POST /v1/claims/{id}/status-inquiries asks now: 202, queued for the worker; only a claim the payer has", async () => {
    const s = await acceptedAwaiting835();
    const res = await call("POST", `/v1/claims/${s.pended}/status-inquiries`, { key: s.key });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ status: "queued", claimIds: [s.pended], requestedBy: expect.any(String) });
    expect(await drainInquiries(s.tenantId)).toHaveLength(1);
    const run = (await call("GET", `/v1/status-inquiries/${res.body.runId}`, { key: s.key })).body;
    expect(run).toMatchObject({ status: "submitted", claimIds: [s.pended], fileName: expect.stringMatching(/\.276$/) });
    expect((await claimOf(s.key, s.pended)).payerStatus).toMatchObject({ inquiries: 1, inquiryFile: run.fileName });

    // A viewer cannot ask; another company's claim is not found; a claim not with the payer is a conflict.
    const viewer = await newKey(s.key, "viewer");
    expect((await call("POST", `/v1/claims/${s.pended}/status-inquiries`, { key: viewer })).status).toBe(403);
    const other = await newTenant("Status Other Billing");
    expect((await call("POST", `/v1/claims/${s.pended}/status-inquiries`, { key: other.ownerKey })).status).toBe(404);
    expect((await call("GET", `/v1/status-inquiries/${res.body.runId}`, { key: other.ownerKey })).status).toBe(404);
    const draft = await call("POST", `/v1/practices/${s.practiceId}/encounters`, {
      key: s.key,
      body: encounterFor(s, 7),
    });
    const notSent = await call("POST", `/v1/claims/${draft.body.claimId}/status-inquiries`, { key: s.key });
    expect(notSent.status).toBe(409);
    expect(notSent.body.detail).toMatch(/only submitted or accepted claims/);
    expect(await drainInquiries(s.tenantId)).toEqual([]);
  });
});

async function inboundKey(tenantId: string, sha256: string): Promise<string> {
  return (await InboundFileEntity.get({ tenantId, sha256 }).go()).data!.key;
}
