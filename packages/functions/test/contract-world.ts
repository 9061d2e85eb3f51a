import { expect } from "vitest";
import { ClaimEntity } from "@claimledger/core/claim/claim.entity.ts";
import { call, samples } from "./http.ts";
import { era, submit, upload, world, type World } from "./era.ts";

/**
 * The payer-contract arrangement the fee-advice API test and the console's Fees & payers test
 * share; every figure is worked out in fee-advice.int.test.ts's header. MADE-UP amounts: no real
 * payer's contract, no CMS rate.
 */
export interface ContractWorld {
  w: World;
  payerB: string;
  patientB: string;
  claims: Record<"c1" | "c2" | "c3" | "c4", string>;
  /** The first 835's hash, to post it again. */
  firstFile: string;
}

async function visitOf(w: World, patientId: string, serviceDate: string, submittedAt: string) {
  const enc = await call("POST", `/v1/practices/${w.practiceId}/encounters`, {
    key: w.key,
    body: {
      patientId,
      renderingProviderId: w.providerId,
      placeOfService: "11",
      serviceDate,
      diagnoses: ["I10"],
      lines: [
        { procedureCode: "99214", chargeCents: 18500, diagnosisPointers: [1] },
        { procedureCode: "93000", chargeCents: 4500, diagnosisPointers: [1] },
      ],
    },
  });
  expect(enc.status, JSON.stringify(enc.body)).toBe(201);
  await submit(w, [enc.body.claimId]);
  // The submission date the days-to-pay figures count from (the batch ran today).
  await ClaimEntity.patch({ tenantId: w.tenantId, claimId: enc.body.claimId })
    .set({ firstSubmittedAt: submittedAt })
    .go();
  return enc.body.claimId as string;
}

export async function contractWorld(): Promise<ContractWorld> {
  const w = await world(1);
  const payerB = (
    await call("POST", "/v1/payers", {
      key: w.key,
      body: {
        name: "Medicaid Of Illinois",
        clearinghousePayerId: "MCDIL",
        claimFilingIndicator: "MC",
        timelyFilingDays: 365,
      },
    })
  ).body.payerId;
  const pb = samples.patient(payerB) as any;
  pb.firstName = "Morgan";
  pb.coverages = [{ payerId: payerB, memberId: "MCD77770001", order: "primary", relationship: "self" }];
  const patientB = (await call("POST", `/v1/practices/${w.practiceId}/patients`, { key: w.key, body: pb })).body
    .patientId;

  const fees = await call("PUT", `/v1/practices/${w.practiceId}/fee-schedule`, {
    key: w.key,
    body: {
      entries: [
        { procedureCode: "99214", chargeCents: 18500 },
        { procedureCode: "93000", chargeCents: 4500 },
        { procedureCode: "36415", chargeCents: 9000 },
      ],
    },
  });
  expect(fees.status).toBe(200);
  const put = await call("PUT", `/v1/practices/${w.practiceId}/payers/${w.payers[0]}/contract-schedules/2026-01-01`, {
    key: w.key,
    body: {
      entries: [
        { procedureCode: "99214", allowedCents: 12000 },
        { procedureCode: "93000", allowedCents: 5000 },
        { procedureCode: "36415", allowedCents: 300 },
      ],
    },
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  expect(put.headers.get("etag")).toBe('"1"');

  const claims = {} as Record<"c1" | "c2" | "c3" | "c4", string>;
  claims.c1 = await visitOf(w, w.patientId, "2026-09-10", "2026-09-11T15:00:00.000Z");
  claims.c2 = await visitOf(w, w.patientId, "2026-09-20", "2026-09-20T15:00:00.000Z");
  claims.c3 = await visitOf(w, patientB, "2026-09-15", "2026-09-15T15:00:00.000Z");
  claims.c4 = await visitOf(w, w.patientId, "2026-10-05", "2026-10-06T15:00:00.000Z");
  const firstFile = await upload(
    w,
    await era(w, 0, 7101, "2026-10-01", [
      {
        claimId: claims.c1,
        status: "1",
        lines: [
          { paid: 10000, cas: [["CO", "45", 8500]] },
          { paid: 4450, cas: [["CO", "45", 50]] },
        ],
      },
      {
        claimId: claims.c2,
        status: "1",
        lines: [
          { paid: 12000, cas: [["CO", "45", 6500]] },
          { paid: 0, cas: [["CO", "97", 4500]] },
        ],
      },
    ]),
  );
  await upload(
    w,
    await era(w, 1, 7102, "2026-10-10", [
      {
        claimId: claims.c3,
        status: "1",
        lines: [
          { paid: 15000, cas: [["CO", "45", 3500]] },
          { paid: 4000, cas: [["CO", "45", 500]] },
        ],
      },
    ]),
  );
  await upload(
    w,
    await era(w, 0, 7103, "2026-10-25", [
      {
        claimId: claims.c4,
        status: "1",
        lines: [
          { paid: 12000, cas: [["CO", "45", 6500]] },
          { paid: 4500, cas: [] },
        ],
      },
    ]),
  );
  return { w, payerB, patientB, claims, firstFile };
}
