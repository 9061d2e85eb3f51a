import { describe, expect, it } from "vitest";
import { processBatch } from "@claimledger/core/batch/process.service.ts";
import { getClaimForSystem, moveClaim, todayIn } from "@claimledger/core/claim/index.ts";
import { ClaimEntity } from "@claimledger/core/claim/claim.entity.ts";
import { sweepFollowUps } from "@claimledger/core/followup/index.ts";
import { addDays } from "@claimledger/core/shared/dates.ts";
import { fanOut } from "./fanout.ts";
import { call, newKey, newTenant, samples } from "./http.ts";
import { asUser, invitedUser, uniqueEmail } from "./users.ts";
import { encounterFor, practiceSetUp } from "./cycle.ts";
import { applyInbound } from "./inbound.ts";
import { pollNow } from "./poll.ts";
import { era, submit, upload, visit, world, type World } from "./era.ts";

/**
 * Automatic tasks and the follow-up queue, through the real fan-out worker (driven here with the
 * events the changes wrote, as SQS would deliver their announcement), the daily sweep and the API.
 */

const tasksOf = async (key: string, claimId: string, status = "active") =>
  (await call("GET", `/v1/tasks?claimId=${claimId}&status=${status}`, { key })).body.items as any[];
const taskEvents = async (key: string) =>
  (
    (await call("GET", "/v1/events?types=task.created,task.assigned,task.completed&limit=100", { key })).body
      .items as any[]
  ).map((e) => [e.type, e.ids.taskId, e.status]);

describe("automatic tasks", () => {
  it("a rejected claim gets its fix-and-resubmit task, to the practice's default assignee, and loses it when sent again", async () => {
    const s = await practiceSetUp();
    const sam = await invitedUser(s.key, uniqueEmail("sam"), "biller");
    const set = await call("PUT", "/v1/follow-up-settings", {
      key: s.key,
      body: { defaultAssignees: { [s.practiceId]: sam.userId } },
      headers: { "if-match": '"0"' },
    });
    expect([set.status, set.body.version]).toEqual([200, 1]);

    const body = encounterFor(s, 0) as any;
    body.patient.coverages[0].memberId = "NODIGITS"; // the sandbox front end rejects this member id
    const claimId = (await call("POST", `/v1/practices/${s.practiceId}/encounters`, { key: s.key, body })).body.claimId;
    const batch = (await call("POST", "/v1/claim-batches", { key: s.key, body: { claimIds: [claimId] } })).body;
    await processBatch(s.tenantId, batch.batches[0].batchId);
    for (const f of (await pollNow(s.key)).files) await applyInbound(s.tenantId, f.sha256);
    const rejected = (await call("GET", `/v1/claims/${claimId}`, { key: s.key })).body;
    expect(rejected.status).toBe("rejected");

    await fanOut(s);
    const taskId = `tsk_${claimId}_fr1`;
    expect(await tasksOf(s.key, claimId)).toEqual([
      expect.objectContaining({
        taskId,
        kind: "fix_and_resubmit",
        source: "rejection",
        automatic: true,
        status: "open",
        title: "Fix and resubmit the rejected claim",
        assigneeId: sam.userId,
        createdBy: "system:follow-up",
        version: 1,
      }),
    ]);
    expect((await asUser(sam, "GET", "/v1/tasks?assignee=me")).body.items.map((t: any) => t.taskId)).toEqual([taskId]);
    // The same events again, and the daily sweep: nothing made twice, nothing changed.
    await fanOut(s);
    await sweepFollowUps(s.tenantId);
    expect((await tasksOf(s.key, claimId)).map((t) => [t.taskId, t.version])).toEqual([[taskId, 1]]);

    // A person's own task on the claim is theirs: the claim's moves never touch it.
    const manual = (
      await call("POST", "/v1/tasks", { key: s.key, body: { claimId, kind: "other", title: "Tell the practice" } })
    ).body;
    // Fixed: still owed a resubmission, so the task stays open.
    const fixed = await call("PATCH", `/v1/claims/${claimId}`, {
      key: s.key,
      body: { memberId: "XJH100200399" },
      headers: { "if-match": `"${rejected.version}"` },
    });
    expect(fixed.body.status).toBe("ready");
    await sweepFollowUps(s.tenantId);
    expect((await tasksOf(s.key, claimId)).map((t) => [t.taskId, t.status])).toEqual(
      expect.arrayContaining([
        [taskId, "open"],
        [manual.taskId, "open"],
      ]),
    );

    // Sent again: the batch's submitted event names the claim, and its fix task is done.
    await submit({ key: s.key, tenantId: s.tenantId } as World, [claimId]);
    await fanOut(s);
    const [closed] = await tasksOf(s.key, claimId, "done");
    expect(closed).toMatchObject({
      taskId,
      status: "done",
      closedBy: "system:follow-up",
      closedReason: "the claim was sent again (submitted)",
      version: 2,
    });
    expect((await tasksOf(s.key, claimId)).map((t) => t.taskId)).toEqual([manual.taskId]);
    expect(await taskEvents(s.key)).toEqual([
      ["task.created", taskId, "open"],
      ["task.assigned", taskId, "open"],
      ["task.created", manual.taskId, "open"],
      ["task.completed", taskId, "done"],
    ]);
    const audit = (await call("GET", `/v1/audit-events?subject=task:${taskId}`, { key: s.key })).body.items;
    expect(audit.map((e: any) => [e.action, e.actor, e.note])).toEqual([
      ["updated", "system:follow-up", "the claim was sent again (submitted)"],
      ["created", "system:follow-up", "automatic: rejection"],
    ]);
  });

  it("a denial gets its work-denial task, done when a biller resolves the denial", async () => {
    const w = await world(1);
    const claimId = await visit(w, addDays(todayIn(samples.practice.timeZone), -30));
    // CO-16 on both lines: 185.00 + 75.00 = 260.00 denied, nothing paid.
    const lines = [
      { paid: 0, cas: [["CO", "16", 18_500]] as ["CO", string, number][], remarks: ["MA130"] },
      { paid: 0, cas: [["CO", "16", 7_500]] as ["CO", string, number][], remarks: ["MA130"] },
    ];
    await upload(w, await era(w, 0, 8501, todayIn(samples.practice.timeZone), [{ claimId, status: "4", lines }]));
    await fanOut(w);
    expect((await tasksOf(w.key, claimId)).map((t) => [t.taskId, t.kind, t.source, t.title])).toEqual([
      [`tsk_${claimId}_wd1`, "work_denial", "denial", "Work the denial ($260.00 denied)"],
    ]);
    const resolved = await call("POST", `/v1/claims/${claimId}/denial-resolution`, {
      key: w.key,
      body: { resolution: "write_off", reason: "past the appeal window" },
    });
    expect([resolved.status, resolved.body.status]).toEqual([201, "closed"]);
    // No event announces a resolution: the route brings the task along itself.
    expect((await tasksOf(w.key, claimId, "done")).map((t) => [t.taskId, t.closedReason])).toEqual([
      [`tsk_${claimId}_wd1`, "the denial was resolved"],
    ]);
  });
});

describe("the follow-up queue", () => {
  it("lists quiet claims riskiest first, with the reason, days and money; the sweep gives each its task once", async () => {
    const w = await world(1);
    const today = todayIn(samples.practice.timeZone);
    const encounter = async (serviceDate: string, chargeCents: number) => {
      const res = await call("POST", `/v1/practices/${w.practiceId}/encounters`, {
        key: w.key,
        body: {
          patientId: w.patientId,
          renderingProviderId: w.providerId,
          placeOfService: "11",
          serviceDate,
          diagnoses: ["I10"],
          lines: [{ procedureCode: "99214", chargeCents, diagnosisPointers: [1] }],
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.claimId as string;
    };
    // A: $150.00 seen 170 days ago under Blue Prairie's 180-day limit: 10 days left.
    const a = await encounter(addDays(today, -170), 15_000);
    // The payer's limit becomes 365 days for the claims made after: B and C.
    const payer = (await call("GET", `/v1/payers/${w.payers[0]}`, { key: w.key })).body;
    const longer = await call("PATCH", `/v1/payers/${w.payers[0]}`, {
      key: w.key,
      body: { timelyFilingDays: 365 },
      headers: { "if-match": `"${payer.version}"` },
    });
    expect(longer.body).toMatchObject({ timelyFilingDays: 365, expectedPaymentDays: 30 });
    // B: $1,200.00 seen 165 days ago: 365 - 165 = 200 days left. C: $200.00 seen 40 days ago: 325 left.
    const b = await encounter(addDays(today, -165), 120_000);
    const c = await encounter(addDays(today, -40), 20_000);
    await submit(w, [a, b, c]);
    const queue = async (query = "", key = w.key) => (await call("GET", `/v1/follow-ups${query}`, { key })).body;
    // Sent today: nothing is quiet yet.
    expect((await queue()).total).toBe(0);

    // A and B unanswered six days after sending; C accepted by a 277CA and still unpaid 35 days on.
    const sentAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const cAccepted = (await getClaimForSystem(w.tenantId, c))!;
    await moveClaim({ tenantId: w.tenantId, actor: "system:277CA" }, cAccepted, "accepted", "277CA accepted");
    for (const [claimId, days] of [
      [a, 6],
      [b, 6],
      [c, 35],
    ] as const)
      await ClaimEntity.patch({ tenantId: w.tenantId, claimId })
        .set({ lastSubmittedAt: sentAgo(days) })
        .go();

    // Risk = open insurance cents / days left:
    //   A 15,000 / 10 = 1,500   B 120,000 / 200 = 600   C 20,000 / 325 = 61.5 -> 62
    // A is an eighth of B's money and comes first: its deadline is near.
    const all = await queue();
    expect(all.total).toBe(3);
    expect(
      all.items.map((e: any) => [e.claimId, e.reason, e.moneyCents, e.daysLeft, e.risk, e.daysSinceSubmission]),
    ).toEqual([
      [a, "no_acknowledgement", 15_000, 10, 1_500, 6],
      [b, "no_acknowledgement", 120_000, 200, 600, 6],
      [c, "no_payment", 20_000, 325, 62, 35],
    ]);
    expect(all.items[0]).toMatchObject({
      reasonText: "No 999 or 277CA 6 days after sending (expected within 2 business days)",
      timelyFilingDeadline: addDays(today, 10),
      payerName: "Blue Prairie Health",
      status: "submitted",
    });
    expect(all.items[2].reasonText).toBe("Accepted, but no 835 35 days after sending (Blue Prairie Health pays in 30)");
    expect(all.items.every((e: any) => e.task === undefined)).toBe(true);

    // Paged in risk order; filtered by reason and practice; nobody else's.
    const first = await queue("?limit=2");
    expect(first.items.map((e: any) => e.claimId)).toEqual([a, b]);
    const second = await queue(`?limit=2&cursor=${first.nextCursor}`);
    expect([second.items.map((e: any) => e.claimId), second.nextCursor, second.total]).toEqual([[c], null, 3]);
    expect((await queue("?reason=no_payment")).items.map((e: any) => e.claimId)).toEqual([c]);
    expect((await queue(`?practiceId=${w.practiceId}`)).total).toBe(3);
    expect((await queue("", await newKey(w.key, "practice", w.practiceId))).total).toBe(3);
    expect((await queue("", (await newTenant()).ownerKey)).total).toBe(0);

    // The daily sweep gives each its follow-up task, once.
    expect(await sweepFollowUps(w.tenantId)).toMatchObject({ created: 3, reopened: 0, closed: 0 });
    expect(await sweepFollowUps(w.tenantId)).toMatchObject({ created: 0, reopened: 0, closed: 0 });
    expect((await queue()).items.map((e: any) => [e.task?.taskId, e.task?.title])).toEqual([
      [`tsk_${a}_fu1`, "Follow up: no 999 or 277CA"],
      [`tsk_${b}_fu1`, "Follow up: no 999 or 277CA"],
      [`tsk_${c}_fu1`, "Follow up: no 835 yet"],
    ]);

    // A's 277CA comes: it leaves the queue and its task is done. The payer now pays in 40 days: C
    // (35 days) is within it again, and the sweep closes its task.
    const aNow = (await getClaimForSystem(w.tenantId, a))!;
    await moveClaim({ tenantId: w.tenantId, actor: "system:277CA" }, aNow, "accepted", "277CA accepted");
    await fanOut(w);
    const p2 = (await call("GET", `/v1/payers/${w.payers[0]}`, { key: w.key })).body;
    await call("PATCH", `/v1/payers/${w.payers[0]}`, {
      key: w.key,
      body: { expectedPaymentDays: 40 },
      headers: { "if-match": `"${p2.version}"` },
    });
    expect(await sweepFollowUps(w.tenantId)).toMatchObject({ created: 0, closed: 1 });
    expect((await queue()).items.map((e: any) => e.claimId)).toEqual([b]);
    const done = async (claimId: string) => (await tasksOf(w.key, claimId, "done")).map((t) => t.closedReason);
    expect(await done(a)).toEqual(["accepted by the payer, within its time to pay"]);
    expect(await done(c)).toEqual(["accepted by the payer, within its time to pay"]);
  });
});
