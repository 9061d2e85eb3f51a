import { expect, it } from "vitest";
import type { SQSEvent } from "aws-lambda";
import { todayIn } from "@claimledger/core/claim/index.ts";
import { addDays, daysBetween } from "@claimledger/core/shared/dates.ts";
import { pdfText } from "@claimledger/core/shared/pdf.ts";
import { handler as fanoutHandler } from "../src/queue/webhook-fanout.ts";
import { call, newKey, newTenant, samples } from "./http.ts";
import { era, getClaim, ledger, upload, visit, world, type ClpSpec, type World } from "./era.ts";

/**
 * Appeals from the denial to the dollars. The 260.00 visit (99214 185.00, 93000 75.00) is denied
 * CO-50, not medically necessary, on both lines by the 835 of 2026-10-20. The biller appeals it all,
 * with the records attached; the payer overturns it and its 835 reverses the denial and pays the
 * allowed amounts, which closes the appeal as paid.
 */
const today = todayIn(samples.practice.timeZone);
const PDF = new TextEncoder().encode("%PDF-1.4\n% medical records\n%%EOF\n");

/** Runs the fan-out worker over every event so far, as SQS would: it reconciles the automatic tasks. */
async function fanOut(w: World) {
  const ids = (await call("GET", "/v1/events?limit=100", { key: w.key })).body.items.map((e: any) => e.eventId);
  const event = { Records: [{ messageId: "m", body: JSON.stringify({ tenantId: w.tenantId, eventIds: ids }) }] };
  expect(await fanoutHandler(event as SQSEvent)).toEqual({ batchItemFailures: [] });
}

const denyAll = (claimId: string, reason: string): ClpSpec => ({
  claimId,
  status: "4",
  lines: [
    { paid: 0, cas: [["CO", reason, 18_500]], remarks: ["N115"] },
    { paid: 0, cas: [["CO", reason, 7_500]] },
  ],
});

const step = (w: World, appealId: string, path: string, version: number, body: object) =>
  call("POST", `/v1/appeals/${appealId}/${path}`, { key: w.key, body, headers: { "if-match": `"${version}"` } });

it("an appeal overturned and paid: drafted with its letter and records, sent, overturned, and matched to the 835 that pays it", async () => {
  const w = await world(1);
  const claimId = await visit(w, "2026-10-05");
  await upload(w, await era(w, 0, 8501, "2026-10-20", [denyAll(claimId, "50")]));
  expect((await getClaim(w, claimId)).balances).toMatchObject({ deniedCents: 26_000, insuranceBalanceCents: 26_000 });

  const created = await call("POST", `/v1/claims/${claimId}/appeals`, {
    key: w.key,
    body: { argument: ["Dr. Ruiz saw the patient for uncontrolled hypertension; the ECG was needed that day."] },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const a = created.body;
  // All 260.00 (185.00 + 75.00) appealed; 2026-10-20 + 180 days = 2027-04-18 (11 days to the end of
  // October, then 30 + 31 + 31 + 28 + 31 = 151, then 18 in April).
  expect(a).toMatchObject({
    level: 1,
    levelName: "Reconsideration (first level)",
    status: "draft",
    family: "medical_necessity",
    amountCents: 26_000,
    deniedOn: "2026-10-20",
    deadline: "2027-04-18",
    deadlineSource: "payer",
    seq: 1,
  });
  expect(a.reasons).toEqual([
    {
      group: "CO",
      reason: "50",
      description: expect.stringMatching(/medical necessity/i),
      amountCents: 26_000,
      remarks: [{ code: "N115", description: expect.any(String) }],
    },
  ]);
  const letter = async (url: string) => pdfText(Buffer.from(await (await fetch(url)).arrayBuffer())).join("\n");
  const text = await letter(a.letterUrl);
  for (const s of [
    "Lakeside Family Medicine PC",
    "Blue Prairie Health, Appeals",
    "Reconsideration (first level): medical necessity",
    "Jordan Lee",
    "MBR100001",
    claimId,
    "ICN85010",
    "CO-50 ($260.00)",
    "uncontrolled hypertension",
    "Enclosures",
  ])
    expect(text, s).toContain(s);

  // Attachments: a PDF in the body; a file that is not what it says, or of a type not taken, refused.
  const attach = (body: Uint8Array, type: string, name = "records.pdf") =>
    call("POST", `/v1/appeals/${a.appealId}/attachments:upload?fileName=${name}`, {
      key: w.key,
      raw: body as never,
      headers: { "content-type": type },
    });
  expect((await attach(new TextEncoder().encode("<html>"), "application/pdf")).status).toBe(422);
  expect((await attach(PDF, "text/html")).status).toBe(415);
  const attached = await attach(PDF, "application/pdf");
  expect(attached.status, JSON.stringify(attached.body)).toBe(201);
  expect(attached.body.attachments).toEqual([
    expect.objectContaining({ fileName: "records.pdf", bytes: PDF.length, status: "stored" }),
  ]);
  expect(new Uint8Array(await (await fetch(attached.body.attachments[0].url)).arrayBuffer())).toEqual(PDF);
  // A larger file through a presigned PUT: declared 4 bytes more than arrive, refused; then right.
  const start = async (bytes: number) =>
    (
      await call("POST", `/v1/appeals/${a.appealId}/attachments`, {
        key: w.key,
        body: { fileName: "auth.pdf", contentType: "application/pdf", bytes },
      })
    ).body;
  const wrong = await start(PDF.length + 4);
  await fetch(wrong.uploadUrl, { method: "PUT", body: PDF, headers: wrong.headers });
  expect(
    (await call("POST", `/v1/appeals/${a.appealId}/attachments/${wrong.attachmentId}/complete`, { key: w.key })).status,
  ).toBe(422);
  const right = await start(PDF.length);
  expect((await fetch(right.uploadUrl, { method: "PUT", body: PDF, headers: right.headers })).status).toBe(200);
  const completed = await call("POST", `/v1/appeals/${a.appealId}/attachments/${right.attachmentId}/complete`, {
    key: w.key,
  });
  expect(completed.status, JSON.stringify(completed.body)).toBe(200);
  const draft = completed.body;
  // The draft's letter lists what is enclosed (its letter was written again).
  expect(draft.letterVersion).toBeGreaterThan(a.letterVersion);
  expect(await letter(draft.letterUrl)).toContain("- auth.pdf");

  // Its task, and its place on the follow-up queue: 260.00 over the days left to 2027-04-18.
  await fanOut(w);
  const tasks = (await call("GET", `/v1/tasks?claimId=${claimId}`, { key: w.key })).body.items;
  expect(tasks.map((t: any) => [t.taskId, t.kind, t.source])).toEqual([[`tsk_${claimId}_ap1`, "appeal", "appeal"]]);
  const queue = (await call("GET", "/v1/follow-ups?reason=appeal_due", { key: w.key })).body;
  const daysLeft = daysBetween(today, "2027-04-18");
  expect(queue.items).toEqual([
    expect.objectContaining({
      claimId,
      reason: "appeal_due",
      deadline: "2027-04-18",
      deadlineKind: "appeal",
      daysLeft,
      moneyCents: 26_000,
      risk: Math.round(26_000 / Math.max(1, daysLeft)),
      appeal: expect.objectContaining({ appealId: a.appealId, level: 1, status: "draft" }),
      task: expect.objectContaining({ taskId: `tsk_${claimId}_ap1` }),
    }),
  ]);

  // Sent by fax, under If-Match: a stale version is refused, a missing one asked for.
  expect((await step(w, a.appealId, "sent", 1, { sentOn: today, method: "fax" })).status).toBe(412);
  expect(
    (await call("POST", `/v1/appeals/${a.appealId}/sent`, { key: w.key, body: { sentOn: today, method: "fax" } }))
      .status,
  ).toBe(428);
  const sent = await step(w, a.appealId, "sent", draft.version, {
    sentOn: today,
    method: "fax",
    reference: "FAX-0042",
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  expect(sent.body).toMatchObject({ status: "sent", sent: { sentOn: today, method: "fax", reference: "FAX-0042" } });
  expect(
    (
      await call("PATCH", `/v1/appeals/${a.appealId}`, {
        key: w.key,
        body: { argument: ["later"] },
        headers: { "if-match": `"${sent.body.version}"` },
      })
    ).status,
  ).toBe(409);

  // Overturned: the payer will pay its allowed 180.00 (99214 120.00 + 93000 60.00).
  const decided = await step(w, a.appealId, "outcome", sent.body.version, {
    outcome: "overturned",
    decidedOn: today,
    expectedCents: 18_000,
    note: "letter of decision 2026-11",
  });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  expect(decided.body).toMatchObject({
    status: "overturned",
    expectedCents: 18_000,
    decision: { outcome: "overturned" },
  });

  // The payer's 835: the denial reversed (CLP02 22), then the claim paid: 99214 120.00 + CO-45 65.00
  // = 185.00, 93000 60.00 + CO-45 15.00 = 75.00.
  const reversal = { ...denyAll(claimId, "50"), status: "22" as never };
  const paid: ClpSpec = {
    claimId,
    status: "1",
    lines: [
      { paid: 12_000, cas: [["CO", "45", 6_500]] },
      { paid: 6_000, cas: [["CO", "45", 1_500]] },
    ],
  };
  await upload(w, await era(w, 0, 8502, today, [reversal, paid]));
  const appeal = (await call("GET", `/v1/appeals/${a.appealId}`, { key: w.key })).body;
  expect(appeal).toMatchObject({ status: "paid", paid: { paidCents: 18_000, depositDate: today } });
  // Paid 180.00 and adjusted 80.00 (65 + 15): 260 - 180 - 80 = 0 owed, nothing denied.
  const claim = await getClaim(w, claimId);
  expect(claim.status).toBe("paid");
  expect(claim.balances).toMatchObject({
    insurancePaidCents: 18_000,
    adjustedCents: 8_000,
    deniedCents: 0,
    insuranceBalanceCents: 0,
  });
  expect(claim.appeals).toEqual([expect.objectContaining({ appealId: a.appealId, status: "paid" })]);
  const payment = (await ledger(w, claimId)).items.find((e: any) => e.kind === "insurance_payment");
  expect(appeal.paid.remittanceId).toBe(payment.remittanceId);

  // Its task done, for that reason; every step an event and an audit event.
  await fanOut(w);
  const done = (await call("GET", `/v1/tasks?claimId=${claimId}&status=closed`, { key: w.key })).body.items;
  expect(done.map((t: any) => [t.taskId, t.closedReason])).toEqual([[`tsk_${claimId}_ap1`, "the appeal was paid"]]);
  const events = (
    await call("GET", "/v1/events?types=appeal.created,appeal.sent,appeal.decided,appeal.paid&limit=100", {
      key: w.key,
    })
  ).body.items;
  expect(events.map((e: any) => [e.type, e.status, e.ids.appealId])).toEqual([
    ["appeal.created", "draft", a.appealId],
    ["appeal.sent", "sent", a.appealId],
    ["appeal.decided", "overturned", a.appealId],
    ["appeal.paid", "paid", a.appealId],
  ]);
  const audit = (await call("GET", `/v1/audit-events?subject=appeal:${a.appealId}&limit=50`, { key: w.key })).body
    .items;
  expect(audit.map((e: any) => e.action).reverse()).toEqual([
    "created",
    "attachment",
    "attachment",
    "attachment",
    "attachment",
    "sent",
    "decided",
    "paid",
  ]);
  expect(audit.at(0).actor).toBe("system:835");
});

it("upheld goes to the next level, counted from the decision; line appeals hold only their lines' money", async () => {
  const w = await world(1);
  const claimId = await visit(w, "2026-10-05");
  await upload(w, await era(w, 0, 8601, "2026-10-20", [denyAll(claimId, "29")]));
  const line1 = (await getClaim(w, claimId)).doc.lines[0].lineId;
  const first = await call("POST", `/v1/claims/${claimId}/appeals`, {
    key: w.key,
    body: { lineIds: [line1], argument: ["Accepted by the clearinghouse the day after the visit."] },
  });
  // Line 1's 185.00 of CO-29: the timely-filing letter.
  expect(first.body).toMatchObject({ amountCents: 18_500, family: "timely_filing", lineIds: [line1] });
  // The rest of the claim: 260.00 - 185.00 = 75.00 is what is left to appeal.
  const rest = await call("POST", `/v1/claims/${claimId}/appeals`, { key: w.key, body: { argument: ["Same."] } });
  expect(rest.body).toMatchObject({ amountCents: 7_500, seq: 2 });
  expect(
    (await call("POST", `/v1/claims/${claimId}/appeals`, { key: w.key, body: { argument: ["Again."] } })).status,
  ).toBe(409);
  expect(
    (await call("POST", `/v1/claims/${claimId}/appeals`, { key: w.key, body: { level: 2, argument: ["Up."] } })).status,
  ).toBe(409);

  // Sent 61 days ago, no decision yet: on the queue 60 days after sending, with 1 day past.
  const sentOn = addDays(today, -61);
  const sent = await step(w, first.body.appealId, "sent", first.body.version, { sentOn, method: "mail" });
  const waiting = (await call("GET", "/v1/follow-ups?reason=appeal_no_decision", { key: w.key })).body.items;
  expect(waiting.map((e: any) => [e.appeal.appealId, e.deadline, e.daysLeft, e.moneyCents, e.risk])).toEqual([
    [first.body.appealId, addDays(sentOn, 60), -1, 18_500, 18_500],
  ]);
  const upheld = await step(w, first.body.appealId, "outcome", sent.body.version, {
    outcome: "upheld",
    decidedOn: today,
  });
  expect(upheld.body).toMatchObject({
    status: "upheld",
    nextLevel: { level: 2, levelName: "Second-level appeal", deadline: addDays(today, 180), amountCents: 18_500 },
  });
  const second = await call("POST", `/v1/claims/${claimId}/appeals`, {
    key: w.key,
    body: { argument: ["The 999 shows receipt."] },
  });
  expect(second.status, JSON.stringify(second.body)).toBe(201);
  expect(second.body).toMatchObject({
    level: 2,
    previousAppealId: first.body.appealId,
    lineIds: [line1],
    amountCents: 18_500,
    deniedOn: today,
    deadline: addDays(today, 180),
  });
  const text = pdfText(Buffer.from(await (await fetch(second.body.letterUrl)).arrayBuffer())).join("\n");
  expect(text).toContain(`This appeals the decision on our reconsideration (first level) of ${today}.`);

  // Withdrawn: closed, and its money free again.
  const withdrawn = await step(w, rest.body.appealId, "withdraw", rest.body.version, { reason: "written off instead" });
  expect(withdrawn.body.status).toBe("withdrawn");
  const open = (await call("GET", "/v1/appeals?status=open", { key: w.key })).body.items;
  expect(open.map((x: any) => x.appealId)).toEqual([second.body.appealId]);
});

it("another company, or another practice, sees no appeal; a practice reads its own but changes nothing", async () => {
  const w = await world(1);
  const claimId = await visit(w, "2026-10-05");
  await upload(w, await era(w, 0, 8701, "2026-10-20", [denyAll(claimId, "16")]));
  const a = (
    await call("POST", `/v1/claims/${claimId}/appeals`, {
      key: w.key,
      body: { argument: ["Corrected information enclosed."] },
    })
  ).body;
  expect(a.family).toBe("coding");
  const other = await newTenant("Other Billing");
  expect((await call("GET", `/v1/appeals/${a.appealId}`, { key: other.ownerKey })).status).toBe(404);
  expect((await call("GET", "/v1/appeals", { key: other.ownerKey })).body.items).toEqual([]);
  expect(
    (await call("POST", `/v1/claims/${claimId}/appeals`, { key: other.ownerKey, body: { argument: ["x"] } })).status,
  ).toBe(404);
  const elsewhere = (
    await call("POST", "/v1/practices", {
      key: w.key,
      body: { ...samples.practice, npi: "1861474595", legalName: "Other PC" },
    })
  ).body.practiceId;
  const otherPractice = await newKey(w.key, "practice", elsewhere);
  expect((await call("GET", `/v1/appeals/${a.appealId}`, { key: otherPractice })).status).toBe(404);
  expect((await call("GET", `/v1/claims/${claimId}/appeals`, { key: otherPractice })).status).toBe(404);
  const own = await newKey(w.key, "practice", w.practiceId);
  expect((await call("GET", `/v1/appeals/${a.appealId}`, { key: own })).status).toBe(200);
  expect((await step({ ...w, key: own }, a.appealId, "withdraw", a.version, { reason: "not mine to do" })).status).toBe(
    403,
  );
  // A claim with nothing denied has nothing to appeal.
  const clean = await visit(w, "2026-10-06");
  expect((await call("POST", `/v1/claims/${clean}/appeals`, { key: w.key, body: { argument: ["x"] } })).status).toBe(
    409,
  );
});
