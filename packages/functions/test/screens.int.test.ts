import { expect, it } from "vitest";
import { enableMetering, instrument, meterDelta, readMeter } from "@claimledger/core/shared/metering.ts";
import { dynamo } from "@claimledger/core/shared/aws.ts";
import { call, samples } from "./http.ts";
import { era, PRIMARY, submit, upload, visit, world, type World } from "./era.ts";

/**
 * The daily screens cost what they show: A/R aging, the denials queue and a patient's balance read
 * only what is open, so settled history (claims paid in full, denials written off) adds nothing
 * to their read units. Measured with DynamoDB's consumed capacity (shared/metering.ts).
 *
 * Open, for patient P (asOf 2026-10-31, every visit 260.00: 185.00 + 75.00):
 * - A, 2026-10-05: denied CO-16 in full: 260.00 insurance A/R, all of it denied-open.
 * - B, 2026-10-06: paid 100.00, CO-45 105.00, patient share 55.00: the patient owes 55.00.
 * - C, 2026-10-07: submitted, no answer: 260.00 insurance A/R.
 * A/R: insurance 260.00 + 260.00 = 520.00 (denied 260.00), patient 55.00; the queue: CO-16 260.00.
 * History, for another patient Q: visits paid in full (paid 120.00 + CO-45 65.00; paid 35.00 +
 * CO-45 40.00: nothing owed) and visits denied and written off in full (closed).
 */
enableMetering();
// The client was made when the entities were imported, before metering was on: meter it now.
instrument(dynamo(), "dynamodb");

const PAID_IN_FULL = [
  { paid: 12_000, cas: [["CO", "45", 6_500]] as ["CO", string, number][] },
  { paid: 3_500, cas: [["CO", "45", 4_000]] as ["CO", string, number][] },
];
const DENIED = [
  { paid: 0, cas: [["CO", "16", 18_500]] as ["CO", string, number][], remarks: ["MA130"] },
  { paid: 0, cas: [["CO", "16", 7_500]] as ["CO", string, number][], remarks: ["MA130"] },
];
let control = 9100;
let day = 0;
/** A new date of service for each history visit (from mid-July), so no visit repeats another. */
const nextDay = () => new Date(Date.UTC(2026, 6, 15) + day++ * 86_400_000).toISOString().slice(0, 10);

async function encounter(w: World, patientId: string, serviceDate: string): Promise<string> {
  const enc = await call("POST", `/v1/practices/${w.practiceId}/encounters`, {
    key: w.key,
    body: {
      patientId,
      renderingProviderId: w.providerId,
      placeOfService: "11",
      serviceDate,
      diagnoses: ["I10"],
      lines: [
        { procedureCode: "99214", chargeCents: 18_500, diagnosisPointers: [1] },
        { procedureCode: "93000", chargeCents: 7_500, diagnosisPointers: [1] },
      ],
    },
  });
  expect(enc.status, JSON.stringify(enc.body)).toBe(201);
  expect(enc.body.status, JSON.stringify(enc.body.findings)).toBe("ready");
  return enc.body.claimId;
}

/** `paid` visits of patient Q paid in full and `written` denied then written off: settled history. */
async function history(w: World, q: string, paid: number, written: number) {
  const ids: string[] = [];
  for (let i = 0; i < paid + written; i++) ids.push(await encounter(w, q, nextDay()));
  await submit(w, ids);
  const clps = ids.map((claimId, i) =>
    i < paid
      ? { claimId, status: "1" as const, lines: PAID_IN_FULL }
      : { claimId, status: "4" as const, lines: DENIED },
  );
  await upload(w, await era(w, 0, ++control, "2026-10-10", clps));
  for (const claimId of ids.slice(paid)) {
    const off = await call("POST", `/v1/claims/${claimId}/denial-resolution`, {
      key: w.key,
      body: { resolution: "write_off", reason: "past the appeal window" },
    });
    expect(off.body.status).toBe("closed");
  }
}

async function metered<T>(run: () => Promise<T>): Promise<{ body: T; rru: number; requests: number }> {
  const before = readMeter();
  const body = await run();
  const d = meterDelta(readMeter(), before).dynamo;
  return { body, rru: d.readUnits, requests: Object.values(d.requests).reduce((s, n) => s + n, 0) };
}

it("reads only open claims for A/R aging, the denials queue and a patient balance, whatever the settled history", async () => {
  const w = await world(1);
  const other = await call("POST", `/v1/practices/${w.practiceId}/patients`, {
    key: w.key,
    body: { ...samples.patient(w.payers[0]!), firstName: "Quinn", dateOfBirth: "1971-03-04" },
  });
  expect(other.status, JSON.stringify(other.body)).toBe(201);
  const a = await visit(w, "2026-10-05");
  const b = await visit(w, "2026-10-06");
  await visit(w, "2026-10-07");
  await upload(
    w,
    await era(w, 0, ++control, "2026-10-20", [
      { claimId: a, status: "4", lines: DENIED },
      { claimId: b, status: "1", lines: PRIMARY },
    ]),
  );

  const screens = async () => ({
    aging: await metered(
      async () =>
        (await call("GET", `/v1/reports/ar-aging?asOf=2026-10-31&practiceId=${w.practiceId}`, { key: w.key })).body
          .practices[0].fromServiceDate,
    ),
    denials: await metered(
      async () => (await call("GET", `/v1/work-queues/denials?practiceId=${w.practiceId}`, { key: w.key })).body,
    ),
    balance: await metered(
      async () =>
        (await call("GET", `/v1/practices/${w.practiceId}/patients/${w.patientId}/balance`, { key: w.key })).body,
    ),
  });
  const check = (s: Awaited<ReturnType<typeof screens>>) => {
    // 260.00 (A, denied) + 260.00 (C, unanswered) = 520.00 insurance; 55.00 patient (B).
    expect(s.aging.body.insurance).toMatchObject({ totalCents: 52_000, denied: { totalCents: 26_000 } });
    expect(s.aging.body.patient.totalCents).toBe(5_500);
    expect(s.denials.body.items.map((g: any) => [g.group, g.reason, g.amountCents, g.claims.length])).toEqual([
      ["CO", "16", 26_000, 1],
    ]);
    expect(s.balance.body.balanceCents).toBe(5_500);
  };

  await history(w, other.body.patientId, 2, 1);
  const once = await screens();
  check(once);
  await history(w, other.body.patientId, 18, 9);
  const tenfold = await screens();
  check(tenfold);

  // Ten times the settled history, the same read units: nothing settled is read.
  expect(tenfold.aging.rru).toBe(once.aging.rru);
  expect(tenfold.denials.rru).toBe(once.denials.rru);
  expect(tenfold.balance.rru).toBe(once.balance.rru);
  // The denials queue is one Query and one BatchGetItem of its claims, not a query per denied claim.
  expect(tenfold.denials.requests).toBeLessThanOrEqual(3);
});

it("pages the denials queue by claims with a cursor", async () => {
  const w = await world(1);
  const ids = [await visit(w, "2026-10-01"), await visit(w, "2026-10-02"), await visit(w, "2026-10-03")];
  await upload(
    w,
    await era(
      w,
      0,
      ++control,
      "2026-10-20",
      ids.map((claimId) => ({ claimId, status: "4" as const, lines: DENIED })),
    ),
  );
  const page = (cursor?: string) =>
    call(
      "GET",
      `/v1/work-queues/denials?practiceId=${w.practiceId}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      { key: w.key },
    );
  // Two claims, then one: 2 x 260.00 = 520.00, then 260.00.
  const first = await page();
  expect(first.body.items.map((g: any) => [g.reason, g.amountCents, g.claims.length])).toEqual([["16", 52_000, 2]]);
  const second = await page(first.body.nextCursor);
  expect(second.body.nextCursor).toBeNull();
  expect(second.body.items.map((g: any) => [g.reason, g.amountCents, g.claims.length])).toEqual([["16", 26_000, 1]]);
  const seen = [...first.body.items[0].claims, ...second.body.items[0].claims].map((c: any) => c.claimId);
  expect(seen.sort()).toEqual([...ids].sort());
  expect((await page("not-a-cursor")).status).toBe(400);
  // A cursor of this list's partition whose key is not one DynamoDB can start from: 400, not 500.
  const forged = JSON.parse(Buffer.from(first.body.nextCursor, "base64url").toString("utf8"));
  delete forged.gsi5sk;
  expect((await page(Buffer.from(JSON.stringify(forged)).toString("base64url"))).status).toBe(400);
});
