import { beforeAll, describe, expect, it } from "vitest";
import { pdfText } from "@claimledger/core/shared/pdf.ts";
import { app, call, newKey, newTenant, samples } from "./http.ts";
import { rerun, type World } from "./era.ts";
import { fanOut } from "./fanout.ts";
import { contractWorld, type ContractWorld } from "./contract-world.ts";

/**
 * Payer contract schedules, underpayments found at posting, and the reports drawn from them, with
 * every cent worked out by hand below. All amounts are MADE-UP figures for the arithmetic: no real
 * payer's contract and no CMS (Medicare) rate.
 *
 * Payer A (Blue Prairie) contract from 2026-01-01: 99214 $120.00, 93000 $50.00, 36415 $3.00.
 * (Dates of service are within Blue Prairie's 180-day timely filing of today.)
 * Payer B (Medicaid Of Illinois): no contract. Tolerance: the default, $1.00 a line.
 * The practice's fee schedule: 99214 $185.00, 93000 $45.00, 36415 $90.00. Every visit bills
 * 99214 $185.00 + 93000 $45.00 = $230.00, 1 unit each.
 *
 * claim payer DOS         submitted  paid on     99214 (paid, CAS)          93000 (paid, CAS)
 * c1    A     2026-09-10  2026-09-11 2026-10-01  100.00, CO-45 85.00        44.50, CO-45 0.50
 * c2    A     2026-09-20  2026-09-20 2026-10-01  120.00, CO-45 65.00        0, CO-97 45.00 (denied)
 * c3    B     2026-09-15  2026-09-15 2026-10-10  150.00, CO-45 35.00        40.00, CO-45 5.00
 * c4    A     2026-10-05  2026-10-06 2026-10-25  120.00, CO-45 65.00        45.00, no CAS
 *
 * Allowed (AMT*B6, = paid: no patient share) against expected = min(contract x units, charge):
 * - c1 99214: allowed 100.00, expected min(120.00, 185.00) = 120.00: short 20.00 > 1.00 -> an underpayment.
 * - c1 93000: allowed 44.50, expected min(50.00, 45.00) = 45.00: short 0.50 <= 1.00 -> not one.
 * - c2 99214 and c4 99214: allowed 120.00 = expected; c4 93000: allowed 45.00 = expected 45.00.
 * - c2 93000 is denied (CO-97): a denial, never an underpayment.
 * Days from first submission to payment: c1 Sep 11 -> Oct 1 = 20, c2 Sep 20 -> Oct 1 = 11,
 * c3 Sep 15 -> Oct 10 = 25, c4 Oct 6 -> Oct 25 = 19.
 */
let w: World;
let payerB: string;
let claims: ContractWorld["claims"];

const get = async (path: string, key = w.key) => {
  const r = await call("GET", path, { key });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const base = () => `/v1/practices/${w.practiceId}/payers/${w.payers[0]}/contract-schedules`;

beforeAll(async () => {
  let firstFile: string;
  ({ w, payerB, claims, firstFile } = await contractWorld());
  // The first file posted again (an SQS redelivery): nothing is found twice.
  await rerun(w, firstFile);
});

describe("underpayments at posting", () => {
  it("flags the line allowed $20.00 below its contract, not the one $0.50 short (within the $1.00 tolerance)", async () => {
    const list = await get("/v1/underpayments");
    expect(list.items).toHaveLength(1);
    const u = list.items[0];
    expect(u).toMatchObject({
      practiceId: w.practiceId,
      payerId: w.payers[0],
      claimId: claims.c1,
      lineNumber: 1,
      procedureCode: "99214",
      units: 1,
      chargeCents: 18500,
      contractedUnitCents: 12000,
      expectedCents: 12000, // min(120.00 x 1, 185.00)
      allowedCents: 10000,
      paidCents: 10000,
      shortfallCents: 2000, // 120.00 - 100.00
      toleranceCents: 100,
      scheduleFrom: "2026-01-01",
      depositDate: "2026-10-01",
      status: "open",
      version: 1,
    });
    expect(u.remittanceId).toBeTruthy();
    const events = await get("/v1/events?types=underpayment.found&limit=100");
    expect(events.items.map((e: any) => [e.ids.claimId, e.ids.underpaymentIds, e.status])).toEqual([
      [claims.c1, [u.underpaymentId], "open"],
    ]);
    // After the claim's own move of the same 835: a webhook receiver sees the claim paid first.
    const c1Events = (await get("/v1/events?types=claim.paid,underpayment.found&limit=100")).items
      .filter((e: any) => e.ids.claimId === claims.c1)
      .map((e: any) => e.type);
    expect(c1Events).toEqual(["claim.paid", "underpayment.found"]);
    expect((await get(`/v1/underpayments?status=appealed`)).items).toEqual([]);
    expect((await get(`/v1/underpayments?payerId=${payerB}`)).items).toEqual([]);
  });

  it("raises one 'Call the payer' task with the figures to quote, once however often the events are delivered", async () => {
    await fanOut(w);
    await fanOut(w); // a redelivery makes nothing twice
    const [u] = (await get("/v1/underpayments")).items;
    const tasks = (await get(`/v1/tasks?claimId=${claims.c1}&status=active`)).items;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      taskId: u.taskId,
      kind: "call_payer",
      source: "underpayment",
      status: "open",
      automatic: true,
      title: "Underpaid $20.00 by Blue Prairie Health against the contract (99214)",
    });
    // The appeal-ready figures, from the contract, the 835 and the line (worked out in the header).
    expect(tasks[0].notes[0].text).toContain(
      "Line 1, 99214 on 2026-09-10, 1 unit: contract $120.00 a unit (schedule from 2026-01-01), so $120.00 expected; allowed $100.00, paid $100.00, short $20.00.",
    );
    expect(tasks[0].notes[0].text).toContain("on the 835 deposited 2026-10-01");
    // No other claim got one: c2's denial is a denial's work, c3 has no contract, c4 was paid in full.
    for (const c of [claims.c3, claims.c4])
      expect(
        (await get(`/v1/tasks?claimId=${c}&status=active`)).items.filter((t: any) => t.source === "underpayment"),
      ).toEqual([]);
  });

  it("moves through appealed, refuses a stale If-Match and a move out of a final status, and audits each change", async () => {
    const [u] = (await get("/v1/underpayments?status=open")).items;
    const path = `/v1/underpayments/${u.underpaymentId}/status`;
    const stale = await call("POST", path, {
      key: w.key,
      body: { status: "appealed" },
      headers: { "if-match": '"9"' },
    });
    expect(stale.status).toBe(412);
    const viewer = await newKey(w.key, "viewer");
    expect((await call("POST", path, { key: viewer, body: { status: "appealed" } })).status).toBe(403);
    const moved = await call("POST", path, {
      key: w.key,
      body: { status: "appealed", note: "reconsideration sent" },
      headers: { "if-match": '"1"' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ status: "appealed", version: 2, note: "reconsideration sent" });
    expect((await get("/v1/underpayments?status=appealed")).items.map((x: any) => x.underpaymentId)).toEqual([
      u.underpaymentId,
    ]);
    const audit = await get(`/v1/audit-events?subject=underpayment:${u.underpaymentId}`);
    expect(audit.items.map((a: any) => a.action)).toEqual(["status:appealed"]);
    const bad = await call("POST", path, { key: w.key, body: { status: "closed" } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe("status");
  });
});

describe("contract schedules", () => {
  it("refuses a CSV with bad rows with a 422 naming row and column, and saves nothing", async () => {
    const csv = "procedure_code,modifier,allowed\r\n99213,,85.00\r\n9921,,90.00\r\n99215,25,1,000.00\r\n99215,,\r\n";
    const r = await call("POST", `${base()}/2027-01-01/entries:import`, {
      key: w.key,
      raw: csv,
      headers: { "content-type": "text/csv" },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    // Row 3: not a code; row 4: "1,000.00" unquoted makes four cells; row 5: no amount.
    expect(r.body.errors.map((e: any) => e.path)).toEqual(["row 3 procedure_code", "row 4", "row 5 allowed"]);
    expect((await call("GET", `${base()}/2027-01-01`, { key: w.key })).status).toBe(404);
  });

  it("imports a good CSV, and derives a period from made-up Medicare rates x 125% (half-up to the cent)", async () => {
    const ok = await call("POST", `${base()}/2027-01-01/entries:import?effectiveTo=2027-06-30`, {
      key: w.key,
      raw: "procedure_code,modifier,allowed\n99213,,85.00\n99214,25,130.5\n",
      headers: { "content-type": "text/csv" },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      effectiveFrom: "2027-01-01",
      effectiveTo: "2027-06-30",
      basis: { kind: "imported" },
      entries: [
        { procedureCode: "99213", allowedCents: 8500 },
        { procedureCode: "99214", modifier: "25", allowedCents: 13050 },
      ],
    });
    // Made-up rates, labelled so: locality 01 99213 $80.00 -> x 1.25 = $100.00; 99214 $100.05 -> $125.0625 -> $125.06.
    const rates = "locality,procedure_code,modifier,rate\n01,99213,,80.00\n02,99213,,90.00\n01,99214,,100.05\n";
    const derived = await call("POST", `${base()}/2027-07-01/medicare-rates:import?percentBps=12500&locality=01`, {
      key: w.key,
      raw: rates,
      headers: { "content-type": "text/csv" },
    });
    expect(derived.status, JSON.stringify(derived.body)).toBe(200);
    expect(derived.body.basis).toEqual({ kind: "medicare_percent", percentBps: 12500, locality: "01" });
    expect(derived.body.entries).toEqual([
      { procedureCode: "99213", allowedCents: 10000 },
      { procedureCode: "99214", allowedCents: 12506 },
    ]);
    const periods = await get(base());
    expect(periods.items.map((x: any) => [x.effectiveFrom, x.effectiveTo, x.entryCount])).toEqual([
      ["2026-01-01", null, 3],
      ["2027-01-01", "2027-06-30", 2],
      ["2027-07-01", null, 2],
    ]);
  });

  it("PUT names a bad field, refuses a stale If-Match, and is owner or biller only", async () => {
    const bad = await call("PUT", `${base()}/2028-01-01`, {
      key: w.key,
      body: { entries: [{ procedureCode: "9921", allowedCents: 100 }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe("entries.0.procedureCode");
    const stale = await call("PUT", `${base()}/2026-01-01`, {
      key: w.key,
      body: { entries: [{ procedureCode: "99214", allowedCents: 1 }] },
      headers: { "if-match": '"7"' },
    });
    expect(stale.status).toBe(412);
    const viewer = await newKey(w.key, "viewer");
    const refused = await call("PUT", `${base()}/2028-01-01`, {
      key: viewer,
      body: { entries: [{ procedureCode: "99214", allowedCents: 100 }] },
    });
    expect(refused.status).toBe(403);
    expect((await get(`${base()}/2026-01-01`)).entries).toHaveLength(3);
    const audit = await get(`/v1/audit-events?subject=contractSchedule:${w.practiceId}_${w.payers[0]}_20260101`);
    expect(audit.items.map((a: any) => [a.action, a.note])).toEqual([["created", "3 entries, entered"]]);
  });
});

describe("reports", () => {
  it("payer mix: charges, payments, share and days to pay per payer and month of service", async () => {
    const r = await get(`/v1/reports/payer-mix?from=2026-09&to=2026-10&practiceId=${w.practiceId}`);
    const [september, october] = r.practices[0].months;
    // September: A = c1 + c2: charges 230.00 x 2 = 460.00; paid c1 100.00 + 44.50 = 144.50, c2 120.00 -> 264.50;
    // days (20 + 11) / 2 = 15.5. B = c3: 230.00 charged, paid 150.00 + 40.00 = 190.00, 25 days.
    // All paid 264.50 + 190.00 = 454.50: A 264.50 / 454.50 = 58.1958% -> 58.2, B 190.00 / 454.50 = 41.8042% -> 41.8.
    expect(september).toMatchObject({ month: "2026-09", chargesCents: 69000, paymentsCents: 45450 });
    expect(
      september.payers.map((x: any) => [
        x.payerId,
        x.claims,
        x.chargesCents,
        x.paymentsCents,
        x.sharePercent,
        x.averageDaysToPay,
      ]),
    ).toEqual([
      [w.payers[0], 2, 46000, 26450, 58.2, 15.5],
      [payerB, 1, 23000, 19000, 41.8, 25],
    ]);
    // October: A = c4: 230.00 charged, 120.00 + 45.00 = 165.00 paid, all of the month's payments, 19 days.
    expect(
      october.payers.map((x: any) => [x.payerId, x.chargesCents, x.paymentsCents, x.sharePercent, x.averageDaysToPay]),
    ).toEqual([[w.payers[0], 23000, 16500, 100, 19]]);
    const csv = await call("GET", `/v1/reports/payer-mix?from=2026-09&to=2026-10&format=csv`, { key: w.key });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(String(csv.body).split("\r\n")[1]).toBe(
      `${w.practiceId},${samples.practice.legalName},2026-09,${w.payers[0]},Blue Prairie Health,2,46000,26450,58.2,2,15.5`,
    );
  });

  it("reimbursement by code and payer", async () => {
    const r = await get(`/v1/reports/reimbursement?from=2026-09-01&to=2026-10-30`);
    const rows = Object.fromEntries(r.practices[0].rows.map((x: any) => [`${x.procedureCode} ${x.payerName}`, x]));
    // 93000, A: c1, c2, c4: charges 45.00 x 3 = 135.00; allowed = paid = 44.50 + 0 + 45.00 = 89.50, 29.833 a line -> 29.83;
    // 89.50 / 135.00 = 66.296% -> 66.3 of charge; expected on the lines not denied (c1, c4) 45.00 + 45.00 = 90.00,
    // 89.50 / 90.00 = 99.444% -> 99.44; 1 of 3 denied = 33.33%; days (20 + 19) / 2 = 19.5.
    expect(rows["93000 Blue Prairie Health"]).toMatchObject({
      lines: 3,
      units: 3,
      chargesCents: 13500,
      averageChargeCents: 4500,
      allowedCents: 8950,
      averageAllowedCents: 2983,
      paidCents: 8950,
      averagePaidCents: 2983,
      paidPercentOfCharge: 66.3,
      expectedCents: 9000,
      paidPercentOfExpected: 99.44,
      allowedPercentOfExpected: 99.44,
      deniedLines: 1,
      denialRatePercent: 33.33,
      averageDaysToPay: 19.5,
    });
    // 99214, A: 185.00 x 3 = 555.00 charged; 100.00 + 120.00 + 120.00 = 340.00 allowed and paid, 113.333 -> 113.33 a line;
    // 340 / 555 = 61.26%; expected 120.00 x 3 = 360.00: 340 / 360 = 94.44%; days (20 + 11 + 19) / 3 = 16.67 -> 16.7.
    expect(rows["99214 Blue Prairie Health"]).toMatchObject({
      lines: 3,
      chargesCents: 55500,
      averageAllowedCents: 11333,
      paidCents: 34000,
      paidPercentOfCharge: 61.26,
      expectedCents: 36000,
      paidPercentOfExpected: 94.44,
      denialRatePercent: 0,
      averageDaysToPay: 16.7,
    });
    // B has no contract: nothing expected. 99214: 150.00 / 185.00 = 81.08%; 93000: 40.00 / 45.00 = 88.89%.
    expect(rows["99214 Medicaid Of Illinois"]).toMatchObject({
      lines: 1,
      paidCents: 15000,
      paidPercentOfCharge: 81.08,
      expectedCents: 0,
      paidPercentOfExpected: null,
      averageDaysToPay: 25,
    });
    expect(rows["93000 Medicaid Of Illinois"]).toMatchObject({ paidCents: 4000, paidPercentOfCharge: 88.89 });
  });

  it("fee advice: a suggested fee per code, with the rule in words", async () => {
    const r = await get(`/v1/reports/fee-advice?from=2026-09-01&to=2026-10-30`);
    const p = r.practices[0];
    // 8 lines, 1 denied: 12.5%.
    expect(p.denialRatePercent).toBe(12.5);
    const codes = Object.fromEntries(p.codes.map((c: any) => [c.procedureCode, c]));
    expect(p.codes.map((c: any) => c.procedureCode)).toEqual(["93000", "36415", "99214"]);
    // 93000: charged 45.00, A's contract allows 50.00 (B: 40.00 observed): capped by the charge.
    // Left on the table: (50.00 - 45.00) on c1 and c4 (c2 was denied) = 10.00. Suggested: 50.00.
    // c4 was allowed its whole charge (capped); 1 of 4 lines denied = 25%, twice the practice's 12.5%, but under 5 lines.
    expect(codes["93000"]).toMatchObject({
      chargeCents: 4500,
      chargeSource: "fee_schedule",
      highestAllowedCents: 5000,
      highestPayer: w.payers[0],
      chargePercentOfHighest: 90,
      lines: 4,
      deniedLines: 1,
      cappedLines: 1,
      leftOnTableCents: 1000,
      findings: ["charge_below_allowed"],
      suggestedFeeCents: 5000,
    });
    expect(codes["93000"].rule).toBe(
      "Raise the charge of $45.00 to $50.00: Blue Prairie Health allows $50.00 (Blue Prairie Health's contract in force on 2026-10-30), and a payer pays the lesser of the charge and its allowed amount, so every claim to it is capped at the charge. The suggestion is the highest allowed amount of any payer, rounded up to whole dollars.",
    );
    // 99214: 185.00 against the highest, B's 150.00 observed (A's contract 120.00): 123.3%, kept.
    expect(codes["99214"]).toMatchObject({
      highestAllowedCents: 15000,
      highestPayer: payerB,
      chargePercentOfHighest: 123.3,
      findings: [],
      suggestedFeeCents: 18500,
    });
    expect(codes["99214"].payers.map((x: any) => [x.payerName, x.allowedCents, x.source])).toEqual([
      ["Medicaid Of Illinois", 15000, "observed"],
      ["Blue Prairie Health", 12000, "contract"],
    ]);
    // 36415: charged 90.00 against A's 3.00 = 3000%: far above; 300% of 3.00 = 9.00.
    expect(codes["36415"]).toMatchObject({
      chargePercentOfHighest: 3000,
      findings: ["charge_far_above_allowed"],
      suggestedFeeCents: 900,
      lines: 0,
    });
  });

  it("underpaid money per payer, by the status of the work", async () => {
    const r = await get(`/v1/reports/underpayments?from=2026-09-01&to=2026-10-30`);
    // One line: expected 120.00, allowed 100.00, short 20.00, appealed by the test above.
    expect(r.practices[0]).toMatchObject({
      shortfallCents: 2000,
      payers: [
        {
          payerId: w.payers[0],
          lines: 1,
          expectedCents: 12000,
          allowedCents: 10000,
          shortfallCents: 2000,
          openCents: 0,
          appealedCents: 2000,
        },
      ],
    });
    // Another period holds nothing.
    expect((await get(`/v1/reports/underpayments?from=2026-07-01&to=2026-08-31`)).practices[0].payers).toEqual([]);
  });
});

describe("the reprocessing request", () => {
  it("is a PDF with each underpaid line's contract, allowed, paid and shortfall, for the payer", async () => {
    const [u] = (await get("/v1/underpayments")).items;
    const res = await app.request(`/v1/underpayments/${u.underpaymentId}/letter.pdf`, {
      headers: { authorization: `Bearer ${w.key}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const text = pdfText(Buffer.from(await res.arrayBuffer())).join("\n");
    expect(text).toContain("Request to reprocess: paid below the contracted rate");
    // c1 line 1: 99214, 1 unit, contract 120.00 -> expected 120.00, allowed and paid 100.00, short 20.00.
    expect(text).toMatch(/1 +2026-09-10 +99214 +1 +\$120\.00 +\$120\.00 +\$100\.00 +\$100\.00 +\$20\.00/);
    expect(text).toContain("Total underpaid: $20.00");
    expect(text).toContain("Remittance of        2026-10-01");
    // The 93000 line short 0.50 (within tolerance) is no underpayment and is not asked for.
    expect(text).not.toContain("93000");
    // Another company never reads it.
    const other = await newTenant("Elsewhere Billing");
    const theirs = await app.request(`/v1/underpayments/${u.underpaymentId}/letter.pdf`, {
      headers: { authorization: `Bearer ${other.ownerKey}` },
    });
    expect(theirs.status).toBe(404);
  });
});

describe("the underpayment's task", () => {
  it("stays open while appealed and closes when the money is recovered", async () => {
    const [u] = (await get("/v1/underpayments?status=appealed")).items;
    expect((await get(`/v1/tasks/${u.taskId}`)).status).toBe("open");
    const done = await call("POST", `/v1/underpayments/${u.underpaymentId}/status`, {
      key: w.key,
      body: { status: "recovered", note: "reprocessed at contract" },
      headers: { "if-match": `"${u.version}"` },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const task = await get(`/v1/tasks/${u.taskId}`);
    expect(task).toMatchObject({ status: "done", closedReason: "underpayments worked: recovered" });
    // Nothing is left to ask the payer for.
    expect((await call("GET", `/v1/underpayments/${u.underpaymentId}/letter.pdf`, { key: w.key })).status).toBe(409);
    // Delivered again after it was worked: the task is not made again.
    await fanOut(w);
    expect((await get(`/v1/tasks/${u.taskId}`)).status).toBe("done");
  });
});

describe("isolation", () => {
  it("another company sees none of it; another practice's key sees neither the underpayment nor the schedule", async () => {
    const [u] = (await get("/v1/underpayments")).items;
    const other = await newTenant("Other Billing");
    expect((await call("GET", `/v1/underpayments/${u.underpaymentId}`, { key: other.ownerKey })).status).toBe(404);
    expect((await get("/v1/underpayments", other.ownerKey)).items).toEqual([]);
    expect((await call("GET", `${base()}/2026-01-01`, { key: other.ownerKey })).status).toBe(404);
    expect(
      (
        await call("POST", `/v1/underpayments/${u.underpaymentId}/status`, {
          key: other.ownerKey,
          body: { status: "recovered" },
        })
      ).status,
    ).toBe(404);

    const second = (
      await call("POST", "/v1/practices", { key: w.key, body: { ...samples.practice, npi: "1245319599" } })
    ).body.practiceId;
    const practiceKey = await newKey(w.key, "practice", second);
    expect((await call("GET", `/v1/underpayments/${u.underpaymentId}`, { key: practiceKey })).status).toBe(404);
    expect((await get("/v1/underpayments", practiceKey)).items).toEqual([]);
    expect((await call("GET", `/v1/underpayments?practiceId=${w.practiceId}`, { key: practiceKey })).status).toBe(404);
    expect((await call("GET", `${base()}/2026-01-01`, { key: practiceKey })).status).toBe(404);
    const advice = await get(
      `/v1/reports/fee-advice?from=2026-09-01&to=2026-10-30&practiceId=${w.practiceId}`,
      practiceKey,
    );
    expect(advice.practices.map((x: any) => x.practiceId)).toEqual([second]);
    expect(advice.practices[0].codes).toEqual([]);
    // The practice's own key sees its own.
    const ownKey = await newKey(w.key, "practice", w.practiceId);
    expect((await get("/v1/underpayments", ownKey)).items.map((x: any) => x.underpaymentId)).toEqual([
      u.underpaymentId,
    ]);
  });
});
