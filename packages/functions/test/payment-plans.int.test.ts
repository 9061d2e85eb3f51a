import { expect, it, vi } from "vitest";
import { checkMissedInstalments } from "@claimledger/core/patientbilling/index.ts";
import { call, newKey, samples } from "./http.ts";
import { PRIMARY, era, upload, visit } from "./era.ts";
import { billingWorld, desk, history, statementRun } from "./patientbilling.ts";

/**
 * A payment plan with a missed instalment. The patient owes 55.00 (era.ts's 260.00 visit after
 * PRIMARY), agreed on 2026-09-01 in 3 monthly instalments from 09-15: 55.00 / 3 = 18.33 each, the
 * last 55.00 - 2 x 18.33 = 18.34.
 */
it("applies payments to the instalments in order, stops statements while in good standing, reports a missed instalment once and resumes statements", async () => {
  const w = await billingWorld();
  const claimId = await visit(w, "2026-08-03");
  await upload(w, await era(w, 0, 9501, "2026-08-20", [{ claimId, status: "1", lines: PRIMARY }]));

  const created = await call("POST", "/v1/payment-plans", {
    key: w.key,
    body: {
      practiceId: w.practiceId,
      patientId: w.patientId,
      agreedOn: "2026-09-01",
      count: 3,
      firstDueDate: "2026-09-15",
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const plan = created.body;
  expect(plan).toMatchObject({ totalCents: 5_500, status: "active" });
  expect(plan.instalments.map((i: any) => [i.dueDate, i.amountCents])).toEqual([
    ["2026-09-15", 1_833],
    ["2026-10-15", 1_833],
    ["2026-11-15", 1_834],
  ]);
  // One active plan per patient.
  const again = await call("POST", "/v1/payment-plans", {
    key: w.key,
    body: { practiceId: w.practiceId, patientId: w.patientId, count: 2, firstDueDate: "2026-12-15" },
  });
  expect(again.status).toBe(409);

  // The first instalment, paid at the desk the day before it is due.
  expect((await desk(w, 1_833, "2026-09-14")).status).toBe(201);
  const asOf = (d: string) => call("GET", `/v1/payment-plans/${plan.planId}?asOf=${d}`, { key: w.key });
  expect((await asOf("2026-09-30")).body).toMatchObject({
    paidCents: 1_833,
    remainingCents: 3_667,
    inGoodStanding: true,
  });

  // A run at the end of September sends no dunning statement: the plan is in good standing.
  const sept = await statementRun(w, "2026-09-30");
  expect(sept).toMatchObject({ sent: 0, reasons: expect.objectContaining({ payment_plan: 1 }) });

  // 10-15 passes unpaid: missed, reported once to the follow-up call site.
  const logged: string[] = [];
  const level = process.env.CLAIMLEDGER_LOG;
  process.env.CLAIMLEDGER_LOG = "info";
  const spy = vi.spyOn(console, "log").mockImplementation((line: string) => void logged.push(line));
  const first = await checkMissedInstalments(w.tenantId, w.practiceId, "2026-10-20").finally(() => spy.mockRestore());
  process.env.CLAIMLEDGER_LOG = level;
  const second = await checkMissedInstalments(w.tenantId, w.practiceId, "2026-10-21");
  expect(first.reported).toEqual([
    {
      tenantId: w.tenantId,
      practiceId: w.practiceId,
      patientId: w.patientId,
      planId: plan.planId,
      claimId,
      dueDate: "2026-10-15",
      amountCents: 1_833,
      paidCents: 0,
    },
  ]);
  expect(second.reported).toEqual([]);
  // The follow-up task it raised, once, on the plan's claim: 18.33 due, nothing of it paid.
  const tasks = (await call("GET", `/v1/tasks?claimId=${claimId}`, { key: w.key })).body.items;
  const planTasks = tasks.filter((t: any) => t.source === "payment_plan");
  expect(planTasks).toEqual([
    expect.objectContaining({
      kind: "call_patient",
      title: "Payment plan instalment missed: $18.33 due 2026-10-15",
      status: "open",
      automatic: true,
      practiceId: w.practiceId,
    }),
  ]);
  expect(planTasks[0].notes[0].text).toContain(plan.planId);
  const hook = logged.map((l) => JSON.parse(l)).filter((l) => l.msg === "payment plan instalment missed");
  expect(hook).toEqual([expect.objectContaining({ planId: plan.planId, dueDate: "2026-10-15" })]);
  expect(JSON.stringify(hook)).not.toContain("Jordan"); // ids and figures only

  const missed = (await asOf("2026-10-20")).body;
  expect(missed).toMatchObject({ inGoodStanding: false, missed: ["2026-10-15"], paidCents: 1_833 });
  expect(missed.instalments.map((i: any) => i.status)).toEqual(["paid", "missed", "due"]);
  const list = await call("GET", `/v1/payment-plans/missed?practiceId=${w.practiceId}&asOf=2026-10-20`, { key: w.key });
  expect(list.body.items.map((x: any) => x.planId)).toEqual([plan.planId]);
  const audit = await call("GET", `/v1/audit-events?subject=paymentPlan:${plan.planId}`, { key: w.key });
  expect(audit.body.items.map((a: any) => a.action)).toEqual(["instalment-missed", "created"]);

  // Out of good standing, the patient's statements resume: 55.00 - 18.33 = 36.67 is due.
  const oct = await statementRun(w, "2026-10-20");
  expect(oct).toMatchObject({ sent: 1, amountDueCents: 3_667 });
  expect((await history(w))[0]).toMatchObject({ kind: "first", amountDueCents: 3_667 });

  // Catching up (18.33 more: 36.66 paid of the 36.66 due by 10-15) puts the plan back in good standing.
  expect((await desk(w, 1_833, "2026-10-22")).status).toBe(201);
  expect((await asOf("2026-10-25")).body).toMatchObject({
    inGoodStanding: true,
    paidCents: 3_666,
    remainingCents: 1_834,
  });

  // Another practice's user cannot see the plan; the owner cancels it, audited.
  const other = (await call("POST", "/v1/practices", { key: w.key, body: { ...samples.practice, npi: "1861474595" } }))
    .body.practiceId;
  const otherKey = await newKey(w.key, "practice", other);
  expect((await call("GET", `/v1/payment-plans/${plan.planId}`, { key: otherKey })).status).toBe(404);
  const cancel = await call("POST", `/v1/payment-plans/${plan.planId}/cancel`, {
    key: w.key,
    body: { reason: "patient asked to pay the rest by card" },
  });
  expect(cancel.body).toMatchObject({ status: "cancelled", cancelReason: "patient asked to pay the rest by card" });
}, 120_000);
