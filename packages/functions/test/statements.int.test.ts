import { expect, it } from "vitest";
import { readEdi } from "@claimledger/core/shared/storage.ts";
import { ClaimBatchEntity } from "@claimledger/core/batch/batch.entity.ts";
import { call, newTenant } from "./http.ts";
import { PRIMARY, era, upload, visit } from "./era.ts";
import { billingWorld, desk, history, patientOf, pdfAt, statementRun } from "./patientbilling.ts";

/**
 * Statements a patient reads, and the statement cycle. The visit is era.ts's 260.00 (99214 185.00,
 * 93000 75.00); PRIMARY pays 100.00 with CO-45 105.00 and leaves the patient 55.00.
 */
it("prints a statement a patient can read and pay: an accented name as written, plain service words, what insurance paid and adjusted, what is owed, the stub", async () => {
  const base = await billingWorld();
  const w = await patientOf(base, { firstName: "José", lastName: "Muñoz", accountNumber: "A-1001" });
  const fee = await call("PUT", `/v1/practices/${w.practiceId}/fee-schedule`, {
    key: w.key,
    body: {
      entries: [{ procedureCode: "99214", chargeCents: 18_500, description: "Office visit, established patient" }],
    },
  });
  expect(fee.status, JSON.stringify(fee.body)).toBe(200);
  const claimId = await visit(w, "2026-10-05");

  // The payer gets the name without its accents: X12 is ASCII.
  const claim = (await call("GET", `/v1/claims/${claimId}`, { key: w.key })).body;
  const batch = (await ClaimBatchEntity.get({ tenantId: w.tenantId, batchId: claim.batchId }).go()).data!;
  const edi = await readEdi(batch.fileKey!);
  expect(edi).toContain("NM1*IL*1*Munoz*Jose*");
  expect([...edi].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);

  await upload(w, await era(w, 0, 9301, "2026-10-20", [{ claimId, status: "1", lines: PRIMARY }]));
  const stmt = await call("POST", `/v1/practices/${w.practiceId}/patients/${w.patientId}/statements`, { key: w.key });
  expect(stmt.status, JSON.stringify(stmt.body)).toBe(201);
  expect(stmt.body).toMatchObject({ amountDueCents: 5_500, kind: "on_demand", accountNumber: "A-1001" });
  const text = await pdfAt(stmt.body.pdfUrl);
  // 260.00 billed; insurance paid 100.00 and adjusted 260 - 100 - 55 = 105.00; the patient owes 55.00.
  expect(text).toEqual(
    expect.arrayContaining([
      "José Muñoz",
      "48 Elm St",
      "Springfield, IL 62704",
      "Lakeside Family Medicine PC",
      "Patient statement",
      "Account number: A-1001",
      "Amount due: $55.00",
      "Questions? Call Lakeside Family Medicine PC at (217) 555-0100",
      "10/05/2026",
      "Office visit, established patient (CPT 99214)", // the practice's own words
      "Medical test or treatment (CPT 93000)", // no words of the practice's: the cited category
      "$260.00",
      "$185.00",
      "$75.00",
      "$100.00",
      "$105.00",
      "$55.00",
      "Please detach and return this part with your payment.",
      "Make checks payable to and mail to:",
      "Amount enclosed",
      "Patient: José Muñoz",
    ]),
  );
  // Issued today (in the practice's zone), due 21 days later by default.
  const due = text.find((t) => t.startsWith("Please pay by: "))!;
  expect(due).toMatch(/^Please pay by: \d{2}\/\d{2}\/\d{4}$/);
  // No CPT text of the AMA's anywhere: every service is the practice's words or a category, with its code.
  expect(text.filter((t) => /\((CPT|HCPCS) \w{5}\)$/.test(t))).toHaveLength(2);
  expect((await history(w)).map((s: any) => [s.kind, s.amountDueCents])).toEqual([["on_demand", 5_500]]);
});

it("runs the cycle across three months: a first statement, a reminder, a final notice, each worded more firmly; skips what is pending a secondary or paid off", async () => {
  const w = await billingWorld(2);
  // The practice sends a final notice after one reminder.
  const set = await call("PUT", `/v1/practices/${w.practiceId}/statement-settings`, {
    key: w.key,
    body: { intervalDays: 30, remindersBeforeFinal: 1 },
  });
  expect(set.body).toMatchObject({
    intervalDays: 30,
    remindersBeforeFinal: 1,
    paymentDueDays: 21,
    collectionsAfterDays: 30,
  });
  const zoe = await patientOf(w, { firstName: "Zoë", lastName: "Brontë", postalCode: "62704" });
  const paysOff = await patientOf(w, { firstName: "Ada", lastName: "Park", postalCode: "62701" });
  const withSecondary = await patientOf(w, { firstName: "Sam", lastName: "Ortiz" }, [
    { payerId: w.payers[0]!, memberId: "MSEC0001", order: "primary", relationship: "self" },
    { payerId: w.payers[1]!, memberId: "MSEC0002", order: "secondary", relationship: "self" },
  ]);
  const claims = [];
  for (const who of [zoe, paysOff, withSecondary]) claims.push(await visit(who, "2026-07-06"));
  await upload(
    w,
    await era(
      w,
      0,
      9401,
      "2026-07-20",
      claims.map((claimId) => ({ claimId, status: "1" as const, lines: PRIMARY })),
    ),
  );

  // August 1st: Zoë and Ada owe 55.00 each: first statements. Sam's 55.00 waits on the secondary payer.
  const first = await statementRun(w, "2026-08-01");
  expect(first).toMatchObject({ sent: 2, skipped: 1, amountDueCents: 11_000 });
  expect(first.reasons).toMatchObject({ pending_secondary: 1, nothing_owed: 0 });
  const combined = await pdfAt(first.combinedPdfUrl);
  // One print-ready PDF, in postal-code order: Ada (62701) before Zoë (62704).
  expect(combined.filter((t) => ["Ada Park", "Zoë Brontë"].includes(t))).toEqual(["Ada Park", "Zoë Brontë"]);
  expect(combined).toContain("Patient statement");
  expect(combined).toContain(
    "Your insurance has processed the visits below; what it left for you to pay is $55.00. Please pay by",
  );

  // Ada pays in full at the desk; Zoë does not.
  expect((await desk(paysOff, 5_500, "2026-08-10")).status).toBe(201);

  // 30 days later: Zoë's reminder; Ada owes nothing and her cycle ends.
  const second = await statementRun(w, "2026-08-31");
  expect(second).toMatchObject({ sent: 1, amountDueCents: 5_500 });
  expect(second.reasons).toMatchObject({ nothing_owed: 1, pending_secondary: 1 });
  const reminder = await pdfAt(second.combinedPdfUrl);
  expect(reminder).toContain("Reminder");
  expect(reminder.join(" ")).toContain(
    "Reminder: we have not yet received your payment of $55.00. Please pay by 09/21/2026.",
  );

  // A run two weeks later sends nothing: not 30 days yet.
  expect((await statementRun(w, "2026-09-14")).reasons).toMatchObject({ not_due: 1 });

  // 30 days after the reminder: the final notice.
  const final = await statementRun(w, "2026-09-30");
  expect(final).toMatchObject({ sent: 1 });
  const notice = await pdfAt(final.combinedPdfUrl);
  expect(notice).toContain("FINAL NOTICE");
  expect(notice.join(" ")).toContain(
    "FINAL NOTICE: your balance of $55.00 is seriously past due. If we do not receive payment or hear from you by 10/21/2026, your account may be referred to a collection agency.",
  );
  // After the final notice nothing more is sent; the account waits for collections.
  expect((await statementRun(w, "2026-10-29")).reasons).toMatchObject({ after_final: 1 });

  // What was sent to whom, and when, on each patient.
  expect((await history(zoe)).map((s: any) => [s.statementDate, s.kind, s.sequence, s.dueDate])).toEqual([
    ["2026-09-30", "final", 3, "2026-10-21"],
    ["2026-08-31", "reminder", 2, "2026-09-21"],
    ["2026-08-01", "first", 1, "2026-08-22"],
  ]);
  expect((await history(paysOff)).map((s: any) => s.kind)).toEqual(["first"]);
  expect(await history(withSecondary)).toEqual([]);

  // Past the final notice by 30 days (the setting): Zoë is listed for an agency on 10-30, not on 10-29.
  const candidates = (asOf: string) =>
    call("GET", `/v1/collections/candidates?practiceId=${w.practiceId}&asOf=${asOf}`, { key: w.key });
  expect((await candidates("2026-10-29")).body.items).toEqual([]);
  expect((await candidates("2026-10-30")).body.items).toEqual([
    expect.objectContaining({ patientId: zoe.patientId, balanceCents: 5_500, finalNoticeDate: "2026-09-30" }),
  ]);
  // Another company sees none of it.
  const other = await newTenant();
  const path = `/v1/practices/${w.practiceId}/patients/${zoe.patientId}/statements`;
  expect((await call("GET", path, { key: other.ownerKey })).status).toBe(404);
  expect((await call("GET", `/v1/statement-runs/${final.runId}`, { key: other.ownerKey })).status).toBe(404);
}, 120_000);
