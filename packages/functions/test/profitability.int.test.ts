import { beforeAll, expect, it } from "vitest";
import { todayIn } from "@claimledger/core/claim/index.ts";
import { LedgerEntryEntity } from "@claimledger/core/ledger/ledger.entity.ts";
import { countActivity, firstSubmissionItem } from "@claimledger/core/invoice/activity.ts";
import { draftInvoice } from "@claimledger/core/invoice/invoice.service.ts";
import { nextMonth } from "@claimledger/core/invoice/period.ts";
import { addDays } from "@claimledger/core/shared/dates.ts";
import { transactWrite } from "@claimledger/core/shared/transact.ts";
import { workItem } from "@claimledger/core/shared/work.ts";
import { call, newKey, newTenant, samples } from "./http.ts";
import { era, upload, visit, world, type World } from "./era.ts";

/**
 * Profitability: the fee each practice's invoice earned against the work it took. Practice A's
 * work is done through the API (its counters written by the services themselves); practice B's
 * month is seeded (ledger entries, claim and statement counts, work counters), so both are worked
 * out by hand below.
 */
const today = todayIn(samples.practice.timeZone);
const period = today.slice(0, 7);
const before = (() => {
  const d = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)) - 2, 1));
  return d.toISOString().slice(0, 7);
})();
let w: World;
let practiceB: string;
const report = (key: string, query = `from=${before}&to=${period}`) =>
  call("GET", `/v1/reports/profitability?${query}`, { key });

beforeAll(async () => {
  expect(nextMonth(before)).toBe(period);
  // Practice A, 5% of collections. Four visits of 260.00 (99214 185.00 + 93000 75.00) on four days, each sent once.
  w = await world(1);
  const claims: string[] = [];
  for (const days of [0, 1, 2, 3]) claims.push(await visit(w, addDays(today, -days)));
  const [c1, c2, c3, c4] = claims;
  // One 835 today: C1 and C2 paid in full (2 postings, 520.00), C3 and C4 denied (nothing paid).
  const paid = {
    status: "1" as const,
    lines: [
      { paid: 18_500, cas: [] },
      { paid: 7_500, cas: [] },
    ],
  };
  const denied = (reason: string) => ({
    status: "4" as const,
    lines: [
      { paid: 0, cas: [["CO", reason, 18_500]] as [any, string, number][] },
      { paid: 0, cas: [["CO", reason, 7_500]] as [any, string, number][] },
    ],
  });
  await upload(
    w,
    await era(w, 0, 9101, today, [
      { claimId: c1!, ...paid },
      { claimId: c2!, ...paid },
      { claimId: c3!, ...denied("50") },
      { claimId: c4!, ...denied("29") },
    ]),
  );
  // C3 appealed (1 appeal); C4's denial written off (1 denial worked); a task on C1 done (1 task).
  const appeal = await call("POST", `/v1/claims/${c3}/appeals`, { key: w.key, body: { argument: ["Needed."] } });
  expect(appeal.status, JSON.stringify(appeal.body)).toBe(201);
  const off = await call("POST", `/v1/claims/${c4}/denial-resolution`, {
    key: w.key,
    body: { resolution: "write_off", reasonCode: "timely_filing", reason: "filed late" },
  });
  expect(off.status, JSON.stringify(off.body)).toBe(201);
  const task = await call("POST", "/v1/tasks", { key: w.key, body: { claimId: c1, kind: "call_payer" } });
  expect(task.status, JSON.stringify(task.body)).toBe(201);
  const done = await call("PATCH", `/v1/tasks/${task.body.taskId}`, {
    key: w.key,
    body: { status: "done" },
    headers: { "if-match": '"1"' },
  });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  await draftInvoice(w.tenantId, w.practiceId, period);

  // Practice B, 4% of collections, seeded: 300.00 and 100.00 from one remittance on two claims and
  // 50.00 from a patient (3 postings, 450.00 collected); 3 claims sent, 2 statements, 2
  // resubmissions, 1 denial worked, 1 task done.
  const b = await call("POST", "/v1/practices", {
    key: w.key,
    body: {
      ...samples.practice,
      legalName: "Thin Margin Clinic",
      contracts: [{ effectiveFrom: "2026-01-01", percentBps: 400 }],
    },
  });
  expect(b.status, JSON.stringify(b.body)).toBe(201);
  practiceB = b.body.practiceId;
  const entries: [string, string, number, string?][] = [
    ["CLB1", "insurance_payment", 30_000, "rem_b1"],
    ["CLB2", "insurance_payment", 10_000, "rem_b1"],
    ["CLB1", "patient_payment", 5_000],
  ];
  for (const [i, [claimId, kind, amountCents, remittanceId]] of entries.entries())
    await LedgerEntryEntity.create({
      tenantId: w.tenantId,
      practiceId: practiceB,
      month: period,
      entryId: `${(0x1000 + i * 0x3331).toString(16)}-seed`,
      claimId,
      kind: kind as any,
      amountCents,
      depositDate: today,
      postedAt: new Date().toISOString(),
      ...(remittanceId ? { remittanceId } : {}),
    }).go();
  const at = new Date().toISOString();
  await transactWrite([
    ...["CLB1", "CLB2", "CLB3"].map((claimId) =>
      firstSubmissionItem(w.tenantId, { practiceId: practiceB, claimId, batchId: "bat_seed", at }),
    ),
    countActivity(w.tenantId, practiceB, period, "statements-sent"),
    workItem(w.tenantId, practiceB, at, "resubmissions", "CLB1"),
    workItem(w.tenantId, practiceB, at, "denialsWorked", "res_seed"),
    workItem(w.tenantId, practiceB, at, "tasksDone", "tsk_seed"),
  ]);
  // A second statement and a second resubmission, each in its own transaction as the work writes them.
  await transactWrite([countActivity(w.tenantId, practiceB, period, "statements-sent")]);
  await transactWrite([workItem(w.tenantId, practiceB, at, "resubmissions", "CLB2")]);
  await draftInvoice(w.tenantId, practiceB, period);
});

it("each practice's fee against its touches, fee per claim and per touch, and the practice whose fee per touch is below the cost of a touch", async () => {
  const r = await report(w.key);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  // No cost set: the default $2.00 a touch.
  expect(r.body).toMatchObject({ costPerTouchCents: 200, costPerTouchSource: "default", from: before, to: period });
  expect(r.body.rule).toContain("below the company's cost per touch ($2.00)");
  const a = r.body.practices.find((p: any) => p.practiceId === w.practiceId);
  const b = r.body.practices.find((p: any) => p.practiceId === practiceB);

  // A: 5% of 520.00 = 26.00. Touches: 4 claims sent + 0 resubmissions + 1 denial worked + 1 appeal +
  // 0 statements + 1 task + 2 payments posted (the denials paid nothing) = 9. Per claim 2600 / 4 =
  // 650; per touch 2600 / 9 = 288.9 -> 289 cents, at least 200: it pays. Margin 2600 - 9 x 200 = 800.
  expect(a).toMatchObject({
    feeCents: 2_600,
    claimsSent: 4,
    resubmissions: 0,
    denialsWorked: 1,
    appeals: 1,
    statements: 0,
    tasksDone: 1,
    paymentsPosted: 2,
    touches: 9,
    feePerClaimCents: 650,
    feePerTouchCents: 289,
    costCents: 1_800,
    marginCents: 800,
    paysForWork: true,
  });
  // B: 4% of 450.00 = 18.00. Touches: 3 + 2 + 1 + 0 + 2 + 1 + 3 = 12. Per claim 1800 / 3 = 600; per
  // touch 1800 / 12 = 150, under 200: its contract does not pay for the work. 1800 - 12 x 200 = -600.
  expect(b).toMatchObject({
    feeCents: 1_800,
    claimsSent: 3,
    resubmissions: 2,
    denialsWorked: 1,
    appeals: 0,
    statements: 2,
    tasksDone: 1,
    paymentsPosted: 3,
    touches: 12,
    feePerClaimCents: 600,
    feePerTouchCents: 150,
    costCents: 2_400,
    marginCents: -600,
    paysForWork: false,
  });
  expect(r.body.notPayingForWork).toEqual([practiceB]);
  // By month: nothing the month before (no invoice, no work: no rate to judge); this month is all of it.
  expect(b.months.map((m: any) => [m.month, m.invoiceStatus, m.feeCents, m.touches, m.paysForWork])).toEqual([
    [before, null, 0, 0, null],
    [period, "draft", 1_800, 12, false],
  ]);

  // The CSV: a row per month and a total per practice, cents as written.
  const csv = await report(w.key, `from=${period}&to=${period}&format=csv&practiceId=${practiceB}`);
  expect(csv.headers.get("content-type")).toContain("text/csv");
  const rows = String(csv.body).trim().split(/\r?\n/);
  expect(rows[0]).toBe(
    "practice_id,practice,month,invoice_status,fee_cents,claims_sent,resubmissions,denials_worked,appeals,statements,tasks_done,payments_posted,touches,fee_per_claim_cents,fee_per_touch_cents,cost_cents,margin_cents,pays_for_work",
  );
  expect(rows.slice(1)).toEqual([
    `${practiceB},Thin Margin Clinic,${period},draft,1800,3,2,1,0,2,1,3,12,600,150,2400,-600,false`,
    `${practiceB},Thin Margin Clinic,${period}..${period},total,1800,3,2,1,0,2,1,3,12,600,150,2400,-600,false`,
  ]);
});

it("the company sets what a touch costs: at $3.00 practice A's 289 cents a touch does not pay either", async () => {
  const tenant = await call("GET", "/v1/tenant", { key: w.key });
  const set = await call("PATCH", "/v1/tenant", {
    key: w.key,
    body: { costPerTouchCents: 300 },
    headers: { "if-match": `"${tenant.body.version}"` },
  });
  expect([set.status, set.body.costPerTouchCents]).toEqual([200, 300]);
  const r = await report(w.key, `from=${period}&to=${period}`);
  expect(r.body).toMatchObject({ costPerTouchCents: 300, costPerTouchSource: "company" });
  // A: 2600 - 9 x 300 = -100; B: 1800 - 12 x 300 = -1800.
  expect(r.body.practices.map((p: any) => [p.practiceId, p.marginCents, p.paysForWork]).sort()).toEqual(
    [
      [w.practiceId, -100, false],
      [practiceB, -1_800, false],
    ].sort(),
  );
  expect([...r.body.notPayingForWork].sort()).toEqual([w.practiceId, practiceB].sort());
});

it("is the owners' alone, and never shows another company's practices", async () => {
  for (const role of ["biller", "viewer"]) expect((await report(await newKey(w.key, role))).status).toBe(403);
  const practiceKey = await newKey(w.key, "practice", w.practiceId);
  expect((await report(practiceKey)).status).toBe(403);
  const other = await newTenant("Someone Else Billing");
  const theirs = await report(other.ownerKey, `from=${period}&to=${period}&practiceId=${practiceB}`);
  expect(theirs.status).toBe(200);
  expect(theirs.body.practices).toEqual([]);
  const all = await report(other.ownerKey, `from=${period}&to=${period}`);
  expect(all.body.practices).toEqual([]);
  // A range the report refuses.
  expect((await report(w.key, `from=${period}&to=${before}`)).status).toBe(422);
});

it("counts a corrected claim that resolves a denial as a resubmission and a denial worked, in the one transaction that makes it", async () => {
  const c = await world(1);
  const claimId = await visit(c, today);
  await upload(
    c,
    await era(c, 0, 9201, today, [
      {
        claimId,
        status: "4",
        lines: [
          { paid: 0, cas: [["CO", "4", 18_500]] },
          { paid: 0, cas: [["CO", "4", 7_500]] },
        ],
      },
    ]),
  );
  const corrected = await call("POST", `/v1/claims/${claimId}/denial-resolution`, {
    key: c.key,
    body: {
      resolution: "corrected_claim",
      reason: "modifier 25 on the E/M",
      fix: {
        lines: [
          { procedureCode: "99214", modifiers: ["25"], chargeCents: 18_500, diagnosisPointers: [1] },
          { procedureCode: "93000", chargeCents: 7_500, diagnosisPointers: [1] },
        ],
      },
    },
  });
  expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
  // No invoice yet: no fee, and payments posted are counted at month close (none here anyway).
  // Touches: 1 claim sent + 1 resubmission (the replacement) + 1 denial worked = 3.
  const r = await report(c.key, `from=${period}&to=${period}`);
  expect(r.body.practices[0]).toMatchObject({
    feeCents: 0,
    claimsSent: 1,
    resubmissions: 1,
    denialsWorked: 1,
    touches: 3,
    feePerClaimCents: 0,
    feePerTouchCents: 0,
    paysForWork: false,
  });
});
