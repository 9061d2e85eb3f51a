import { expect, it } from "vitest";
import { call } from "./http.ts";
import { PRIMARY, closeMonth, era, getClaim, rerun, upload, visit, world } from "./era.ts";

/**
 * Re-runs of the same 835 (an SQS redelivery, a retry after a crash) never fail and never post
 * twice, even when the month was finalized between the runs.
 *
 * The file: the 260.00 visit paid 100.00 (CO-45 105.00, patient 55.00) and a PLB WO recoupment of
 * 40.00, so the payment is 100 - 40 = 60.00, deposited 2026-09-25.
 */
it("re-runs a file with a PLB across a month close without failing or booking the PLB again", async () => {
  const w = await world(1);
  const claimId = await visit(w, "2026-09-10");
  const sha = await upload(
    w,
    await era(
      w,
      0,
      8301,
      "2026-09-25",
      [{ claimId, status: "1", lines: PRIMARY }],
      [{ reason: "WO", amountCents: 4_000 }],
    ),
  );
  const month = async (m: string) =>
    (await call("GET", `/v1/practices/${w.practiceId}/ledger?month=${m}&limit=100`, { key: w.key })).body.items;
  const plbOf = (items: any[]) =>
    items.filter((e) => e.claimId.startsWith("PLB-")).map((e) => [e.kind, e.reason, e.amountCents]);
  expect(plbOf(await month("2026-09"))).toEqual([["provider_adjustment", "WO", -4_000]]);

  // The 835 came before any 277CA: it is stronger evidence, the claim is paid, not left submitted.
  expect((await getClaim(w, claimId)).status).toBe("paid");

  // Same month, second run: nothing new, and no failure.
  expect(await rerun(w, sha)).toMatchObject({ posted: 0, skipped: 1, providerAdjustments: 1 });
  const remittance = (await call("GET", "/v1/remittances", { key: w.key })).body.items[0];
  // What the first run recorded is kept: the PLB marker and its summary; the re-run's summary sits beside it.
  expect(remittance).toMatchObject({
    status: "posted",
    paymentCents: 6_000,
    providerAdjustmentsPostedAt: expect.any(String),
    summary: { posted: 1 },
    lastRun: { posted: 0, skipped: 1 },
  });

  // September is finalized: 5% of (100.00 - 40.00) = 3.00.
  expect((await closeMonth(w, "2026-09")).totalCents).toBe(300);

  // Third run, after the close: it must not book the PLB (or the claim) again into October.
  await rerun(w, sha);
  expect(await month("2026-10")).toEqual([]);
  expect(plbOf(await month("2026-09"))).toEqual([["provider_adjustment", "WO", -4_000]]);
  const claimEntries = (await call("GET", `/v1/claims/${claimId}/ledger`, { key: w.key })).body.items;
  // 2 payments + 2 CO-45 + copay + 2 coinsurance = 7 entries, once.
  expect(claimEntries).toHaveLength(7);
  expect((await call("GET", "/v1/remittances", { key: w.key })).body.items[0]).toMatchObject({
    status: "posted",
    receivedAt: remittance.receivedAt,
  });
});
