import { expect, it } from "vitest";
import { call, newKey } from "./http.ts";
import { PRIMARY, era, ledger, upload, visit } from "./era.ts";
import { billingWorld, desk, pdfAt, statementRun } from "./patientbilling.ts";

/**
 * An account past its final notice, handed to a collection agency, and a recovery posted net of the
 * agency's fee. Two visits of era.ts's 260.00, each left 55.00 by PRIMARY: the patient owes 110.00,
 * pays 10.00 at the desk (the oldest visit first: 45.00 and 55.00 left), then owes 100.00.
 */
it("lists an account past the final notice, exports it for the agency, marks it placed (statements stop) and posts a recovery net of the agency's fee", async () => {
  const w = await billingWorld();
  await call("PUT", `/v1/practices/${w.practiceId}/statement-settings`, {
    key: w.key,
    body: { remindersBeforeFinal: 0, collectionsAfterDays: 30 },
  });
  const older = await visit(w, "2026-07-06");
  const newer = await visit(w, "2026-07-13");
  await upload(
    w,
    await era(w, 0, 9601, "2026-07-20", [
      { claimId: older, status: "1", lines: PRIMARY },
      { claimId: newer, status: "1", lines: PRIMARY },
    ]),
  );
  // 08-01 the first statement, 08-31 (no reminders) the final notice; 10.00 paid in between.
  expect((await statementRun(w, "2026-08-01")).amountDueCents).toBe(11_000);
  expect((await desk(w, 1_000, "2026-08-15")).status).toBe(201);
  const final = await statementRun(w, "2026-08-31");
  expect(final).toMatchObject({ sent: 1, amountDueCents: 10_000 });
  expect(await pdfAt(final.combinedPdfUrl)).toContain("FINAL NOTICE");

  // 30 days past the final notice: a candidate, with what an agency takes.
  const candidates = await call("GET", `/v1/collections/candidates?practiceId=${w.practiceId}&asOf=2026-09-30`, {
    key: w.key,
  });
  expect(candidates.body.items).toEqual([
    expect.objectContaining({
      patientId: w.patientId,
      firstName: "Jordan",
      lastName: "Lee",
      dateOfBirth: "1985-04-12",
      balanceCents: 10_000,
      lastPaymentDate: "2026-08-15",
      firstServiceDate: "2026-07-06",
      lastServiceDate: "2026-07-13",
      finalNoticeDate: "2026-08-31",
      statementsSent: 2,
    }),
  ]);
  const csv = await call("GET", `/v1/collections/candidates.csv?practiceId=${w.practiceId}&asOf=2026-09-30`, {
    key: w.key,
  });
  expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
  const [header, row] = (csv.body as string).split("\r\n");
  expect(header).toBe(
    "account_number,debtor_last_name,debtor_first_name,debtor_middle_name,address_line1,address_line2,city,state,postal_code,date_of_birth,phone,balance,last_payment_date,first_service_date,last_service_date,final_notice_date,statements_sent,creditor_name",
  );
  expect(row).toBe(
    `${w.patientId},Lee,Jordan,,12 Oak Ave,,Springfield,IL,62702,1985-04-12,,100.00,2026-08-15,2026-07-06,2026-07-13,2026-08-31,2,Lakeside Family Medicine PC`,
  );
  // A viewer reads the list; only owners and billers place accounts.
  const viewer = await newKey(w.key, "viewer");
  expect((await call("GET", `/v1/collections/candidates?practiceId=${w.practiceId}`, { key: viewer })).status).toBe(
    200,
  );
  const placeBody = {
    practiceId: w.practiceId,
    patientIds: [w.patientId],
    agencyName: "Prairie Recovery Services",
    placedOn: "2026-10-01",
    feeBps: 3_500,
  };
  expect((await call("POST", "/v1/collections/placements", { key: viewer, body: placeBody })).status).toBe(403);

  const placed = await call("POST", "/v1/collections/placements", { key: w.key, body: placeBody });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  const placement = placed.body.items[0];
  expect(placement).toMatchObject({ placedCents: 10_000, feeBps: 3_500, recoveredCents: 0 });
  const audit = await call("GET", `/v1/audit-events?subject=patient:${w.patientId}`, { key: w.key });
  expect(audit.body.items[0]).toMatchObject({ action: "placed-with-agency" });
  expect(audit.body.items[0].note).toContain("Prairie Recovery Services");
  // Its statements stop; it is no longer a candidate.
  expect((await statementRun(w, "2026-10-05")).reasons).toMatchObject({ placed: 1 });
  expect(
    (await call("GET", `/v1/collections/candidates?practiceId=${w.practiceId}&asOf=2026-10-05`, { key: w.key })).body
      .items,
  ).toEqual([]);

  // The agency recovers 60.00 and keeps 35%: 21.00; the practice gets 39.00. The 60.00 pays the older
  // visit's 45.00, then 15.00 of the newer's 55.00. The fee follows: 21 x 45/60 = 15.75, and 21 - 15.75 = 5.25.
  const recovery = await call("POST", `/v1/collections/placements/${placement.placementId}/recoveries`, {
    key: w.key,
    body: { grossCents: 6_000, recoveredOn: "2026-10-20", reference: "PRS-4471" },
  });
  expect(recovery.status, JSON.stringify(recovery.body)).toBe(201);
  expect(recovery.body).toMatchObject({ grossCents: 6_000, feeCents: 2_100, netCents: 3_900 });
  expect(recovery.body.allocations).toEqual([
    { claimId: older, grossCents: 4_500, feeCents: 1_575 },
    { claimId: newer, grossCents: 1_500, feeCents: 525 },
  ]);
  const kinds = (await ledger(w, older)).items
    .filter((e: any) => e.kind.startsWith("collection_"))
    .map((e: any) => [e.kind, e.amountCents]);
  expect(kinds).toEqual([
    ["collection_recovery", 4_500],
    ["collection_agency_fee", -1_575],
  ]);
  // What the patient owes drops by the gross: 100.00 - 60.00 = 40.00, all on the newer visit.
  const balance = (await call("GET", `/v1/practices/${w.practiceId}/patients/${w.patientId}/balance`, { key: w.key }))
    .body;
  expect(balance.balanceCents).toBe(4_000);
  expect(balance.claims.map((v: any) => [v.claimId, v.patientBalanceCents])).toEqual([
    [older, 0],
    [newer, 4_000],
  ]);
  const list = (await call("GET", `/v1/collections/placements?practiceId=${w.practiceId}`, { key: w.key })).body.items;
  expect(list[0]).toMatchObject({ recoveredCents: 6_000, feesCents: 2_100 });
  // More than is owed (40.00) is refused, writing nothing.
  const over = await call("POST", `/v1/collections/placements/${placement.placementId}/recoveries`, {
    key: w.key,
    body: { grossCents: 4_001, recoveredOn: "2026-10-21" },
  });
  expect(over.status).toBe(422);

  // October's collections count what the practice received: 60.00 - 21.00 = 39.00 of patient payments.
  const col = (
    await call("GET", `/v1/reports/collections?from=2026-10&to=2026-10&practiceId=${w.practiceId}`, { key: w.key })
  ).body.practices[0].months[0];
  expect(col.patientPaymentsCents).toBe(3_900);
  // The patient-collection figures by month.
  const pc = (
    await call("GET", `/v1/reports/patient-collections?from=2026-08&to=2026-10&practiceId=${w.practiceId}`, {
      key: w.key,
    })
  ).body.practices[0].months;
  expect(pc).toEqual([
    {
      month: "2026-08",
      statementsSent: 2,
      patientPaymentsCents: 1_000,
      refundsCents: 0,
      placedAccounts: 0,
      placedCents: 0,
      recoveredCents: 0,
      agencyFeesCents: 0,
      netRecoveredCents: 0,
    },
    {
      month: "2026-09",
      statementsSent: 0,
      patientPaymentsCents: 0,
      refundsCents: 0,
      placedAccounts: 0,
      placedCents: 0,
      recoveredCents: 0,
      agencyFeesCents: 0,
      netRecoveredCents: 0,
    },
    {
      month: "2026-10",
      statementsSent: 0,
      patientPaymentsCents: 0,
      refundsCents: 0,
      placedAccounts: 1,
      placedCents: 10_000,
      recoveredCents: 6_000,
      agencyFeesCents: 2_100,
      netRecoveredCents: 3_900,
    },
  ]);
}, 120_000);
