import { describe, expect, it } from "vitest";
import {
  NEW_ACCOUNT,
  afterStatement,
  dueForCollections,
  nextStatement,
  statementMessage,
  statementTitle,
} from "./cycle.ts";
import { DEFAULT_SETTINGS } from "./patientbilling.schema.ts";

const owes = { owedCents: 5_500, pendingSecondaryCents: 0, planInGoodStanding: false };

describe("the statement cycle", () => {
  it("with the defaults (30 days, 3 reminders): first statement, three reminders, the final notice, then collections", () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      intervalDays: 30,
      remindersBeforeFinal: 3,
      paymentDueDays: 21,
      collectionsAfterDays: 30,
    });
    let account = NEW_ACCOUNT;
    const steps: string[] = [];
    for (const date of ["2026-01-05", "2026-02-04", "2026-03-06", "2026-04-05", "2026-05-05"]) {
      const d = nextStatement(account, owes, DEFAULT_SETTINGS, date);
      if (!d.send) throw new Error(`not sent on ${date}: ${d.reason}`);
      steps.push(`${d.kind} ${d.sequence}`);
      account = afterStatement(account, d.kind, date);
    }
    expect(steps).toEqual(["first 1", "reminder 2", "reminder 3", "reminder 4", "final 5"]);
    expect(account).toMatchObject({ stage: "final", sent: 5, finalNoticeDate: "2026-05-05" });
    expect(nextStatement(account, owes, DEFAULT_SETTINGS, "2026-06-05")).toEqual({
      send: false,
      reason: "after_final",
    });
    // 30 days after the final notice the account is due for an agency, not the day before.
    expect(dueForCollections(account, 30, "2026-06-03")).toBe(false);
    expect(dueForCollections(account, 30, "2026-06-04")).toBe(true);
  });

  it("waits the interval, skips what is pending a secondary, a plan in good standing and a placed account, and starts again once paid off", () => {
    const sent = afterStatement(NEW_ACCOUNT, "first", "2026-01-05");
    expect(nextStatement(sent, owes, DEFAULT_SETTINGS, "2026-02-03")).toEqual({ send: false, reason: "not_due" }); // 29 days
    expect(
      nextStatement(
        NEW_ACCOUNT,
        { ...owes, owedCents: 0, pendingSecondaryCents: 5_500 },
        DEFAULT_SETTINGS,
        "2026-01-05",
      ),
    ).toEqual({
      send: false,
      reason: "pending_secondary",
    });
    expect(nextStatement(sent, { ...owes, planInGoodStanding: true }, DEFAULT_SETTINGS, "2026-03-01")).toEqual({
      send: false,
      reason: "payment_plan",
    });
    expect(nextStatement({ ...sent, stage: "placed" }, owes, DEFAULT_SETTINGS, "2026-03-01")).toEqual({
      send: false,
      reason: "placed",
    });
    expect(nextStatement(sent, { ...owes, owedCents: 0 }, DEFAULT_SETTINGS, "2026-03-01")).toEqual({
      send: false,
      reason: "nothing_owed",
      reset: true,
    });
    expect(nextStatement(NEW_ACCOUNT, { ...owes, owedCents: 0 }, DEFAULT_SETTINGS, "2026-03-01")).toEqual({
      send: false,
      reason: "nothing_owed",
    });
  });

  it("words each step more firmly", () => {
    const say = (kind: "first" | "reminder" | "final", n: number) =>
      statementMessage(kind, n, 5_500, "2026-02-25", "2175550100");
    expect(statementTitle("first", 1)).toBe("Patient statement");
    expect(say("first", 1)).toBe(
      "Your insurance has processed the visits below; what it left for you to pay is $55.00. Please pay by 02/25/2026. Questions about your bill? Please call us at (217) 555-0100.",
    );
    expect(statementTitle("reminder", 2)).toBe("Reminder");
    expect(say("reminder", 2)).toMatch(/^Reminder: we have not yet received your payment of \$55\.00\./);
    expect(statementTitle("reminder", 3)).toBe("Second reminder");
    expect(say("reminder", 3)).toMatch(/^Second reminder: your balance of \$55\.00 is past due\./);
    expect(statementTitle("reminder", 4)).toBe("Past due: reminder 3");
    expect(say("reminder", 4)).toMatch(/before your account receives a final notice\.$/);
    expect(statementTitle("final", 5)).toBe("FINAL NOTICE");
    expect(say("final", 5)).toMatch(/may be referred to a collection agency/);
  });
});
