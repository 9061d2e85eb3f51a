import { describe, expect, it } from "vitest";
import { autoTaskId, candidateTaskIds, dueDateFor, neededTasks, planClaim, type ClaimFacts } from "./needs.ts";

const claim = (over: Partial<ClaimFacts>): ClaimFacts => ({
  claimId: "CL1",
  practiceId: "prc_1",
  status: "submitted",
  submissions: 1,
  openDeniedCents: 0,
  ...over,
});

describe("the automatic tasks a claim needs", () => {
  it("a rejection asks for a fix until the claim is sent again; a second rejection is a new task", () => {
    expect(neededTasks(claim({ status: "rejected" })).map((n) => [n.taskId, n.kind, n.source])).toEqual([
      ["tsk_CL1_fr1", "fix_and_resubmit", "rejection"],
    ]);
    // Fixed, waiting for the next batch: still owed a resubmission.
    for (const status of ["needs_review", "ready", "on_hold"])
      expect(
        neededTasks(claim({ status })).map((n) => n.taskId),
        status,
      ).toEqual(["tsk_CL1_fr1"]);
    // In a batch, or sent: no fix owed.
    expect(neededTasks(claim({ status: "queued" }))).toEqual([]);
    expect(neededTasks(claim({ status: "rejected", submissions: 2 })).map((n) => n.taskId)).toEqual(["tsk_CL1_fr2"]);
    // Never sent (a new claim in review): not a rejection's work.
    expect(neededTasks(claim({ status: "needs_review", submissions: 0 }))).toEqual([]);
  });

  it("open denied money, a quiet claim and a request for records each ask for their own work", () => {
    // 12,000 cents denied and open: $120.00.
    expect(neededTasks(claim({ status: "denied", openDeniedCents: 12_000 })).map((n) => n.title)).toEqual([
      "Work the denial ($120.00 denied)",
    ]);
    expect(neededTasks(claim({ quiet: "no_acknowledgement" })).map((n) => [n.taskId, n.source])).toEqual([
      ["tsk_CL1_fu1", "follow_up"],
    ]);
    expect(neededTasks(claim({ status: "accepted", quiet: "returned" })).map((n) => [n.kind, n.source])).toEqual([
      ["send_records", "status_request"],
    ]);
  });

  it("plans creates, closes with a reason, and reopens only what the system closed", () => {
    const rejected = claim({ status: "rejected" });
    expect(planClaim(rejected, []).map((a) => a.op)).toEqual(["create"]);
    const open = { taskId: "tsk_CL1_fr1", kind: "fix_and_resubmit" as const, status: "open" as const };
    expect(planClaim(rejected, [open])).toEqual([]);
    // Sent again (submission 2): the first rejection's task is done.
    expect(planClaim(claim({ status: "submitted", submissions: 2 }), [open])).toEqual([
      { op: "close", task: open, status: "done", reason: "the claim was sent again (submitted)" },
    ]);
    expect(planClaim(claim({ status: "voided" }), [open])).toEqual([
      { op: "close", task: open, status: "cancelled", reason: "the claim was voided" },
    ]);
    const closedBySystem = { ...open, status: "done" as const, closedBy: "system:follow-up" };
    expect(planClaim(rejected, [closedBySystem]).map((a) => a.op)).toEqual(["reopen"]);
    const closedByPerson = { ...open, status: "done" as const, closedBy: "user:usr_1" };
    expect(planClaim(rejected, [closedByPerson])).toEqual([]);
  });

  it("knows every id a claim's automatic tasks can have", () => {
    expect(autoTaskId("CL1", "work_denial", 3)).toBe("tsk_CL1_wd3");
    expect(candidateTaskIds("CL1", 2)).toEqual([
      "tsk_CL1_fr1",
      "tsk_CL1_wd1",
      "tsk_CL1_fu1",
      "tsk_CL1_sr1",
      "tsk_CL1_fr2",
      "tsk_CL1_wd2",
      "tsk_CL1_fu2",
      "tsk_CL1_sr2",
    ]);
  });

  it("dues a task in business days, never after the timely-filing deadline still ahead", () => {
    // Friday 12-04 + 2 business days = Tuesday 12-08; a deadline of Monday 12-07 comes first.
    expect(dueDateFor("follow_up", "2026-12-04")).toBe("2026-12-08");
    expect(dueDateFor("follow_up", "2026-12-04", "2026-12-07")).toBe("2026-12-07");
    // A deadline already past does not make a task due in the past.
    expect(dueDateFor("follow_up", "2026-12-04", "2026-12-01")).toBe("2026-12-08");
  });
});

describe("an appeal's task", () => {
  const mark = (seq: number, status: any) => ({
    seq,
    level: 1 as const,
    status,
    deadline: "2027-04-18",
    amountCents: 26_000,
  });
  it("is there while the appeal is open, due by its deadline at the latest", () => {
    const needs = neededTasks(claim({ status: "denied", appeals: [mark(1, "draft"), mark(2, "upheld")] }));
    expect(needs.map((n) => [n.taskId, n.kind, n.source, n.deadline])).toEqual([
      ["tsk_CL1_ap1", "appeal", "appeal", "2027-04-18"],
    ]);
    expect(needs[0]!.title).toBe("Appeal (first-level, $260.00): send by 2027-04-18, then follow it to the payment");
    expect(candidateTaskIds("CL1", 1, 2).slice(-2)).toEqual(["tsk_CL1_ap1", "tsk_CL1_ap2"]);
    // Ten business days from Monday 2027-04-12 would be 2027-04-26: the deadline, 2027-04-18, comes first.
    expect(dueDateFor("appeal", "2027-04-12", "2027-04-18")).toBe("2027-04-18");
  });
  it("closes with the appeal's end in words; the denial's own task closes while an appeal works it", () => {
    const open = (taskId: string, kind: any) => ({ taskId, kind, status: "open" as const });
    const plan = (status: string) =>
      planClaim(claim({ status: "denied", appeals: [mark(1, status)] }), [open("tsk_CL1_ap1", "appeal")]);
    expect(plan("paid")).toEqual([
      { op: "close", task: open("tsk_CL1_ap1", "appeal"), status: "done", reason: "the appeal was paid" },
    ]);
    expect(plan("upheld")[0]).toMatchObject({ status: "done", reason: "the payer upheld the denial" });
    expect(plan("withdrawn")[0]).toMatchObject({ status: "cancelled", reason: "the appeal was withdrawn" });
    // 260.00 denied, all of it held by the open appeal: nothing left for work_denial.
    expect(
      planClaim(claim({ status: "denied", openDeniedCents: 0, appeals: [mark(1, "sent")] }), [
        open("tsk_CL1_wd1", "work_denial"),
        open("tsk_CL1_ap1", "appeal"),
      ]),
    ).toEqual([
      {
        op: "close",
        task: open("tsk_CL1_wd1", "work_denial"),
        status: "done",
        reason: "an appeal works the denial now",
      },
    ]);
  });
});
