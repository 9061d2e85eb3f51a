import { expect, it } from "vitest";
import { checkX12, parseX12 } from "@claimledger/x12";
import { processBatch } from "@claimledger/core/batch/process.service.ts";
import { applyInbound } from "./inbound.ts";
import { ClaimBatchEntity } from "@claimledger/core/batch/batch.entity.ts";
import { readEdi } from "@claimledger/core/shared/storage.ts";
import { call, newTenant, samples } from "./http.ts";
import { pollNow } from "./poll.ts";
import { daysAgo } from "./cycle.ts";

it("bills the secondary coverage after the primary's 835, carrying the primary's adjudication in the 837P", async () => {
  const { ownerKey: key, tenantId } = await newTenant();
  const practiceId = (await call("POST", "/v1/practices", { key, body: samples.practice })).body.practiceId;
  const providerId = (await call("POST", `/v1/practices/${practiceId}/providers`, { key, body: samples.provider })).body
    .providerId;
  const primaryPayer = (await call("POST", "/v1/payers", { key, body: samples.payer })).body.payerId;
  const secondaryPayer = (
    await call("POST", "/v1/payers", {
      key,
      body: {
        name: "Medicaid Of Illinois",
        clearinghousePayerId: "MCDIL",
        claimFilingIndicator: "MC",
        timelyFilingDays: 365,
      },
    })
  ).body.payerId;
  const patient = samples.patient(primaryPayer) as any;
  patient.coverages.push({
    payerId: secondaryPayer,
    memberId: "MCD55500011",
    order: "secondary",
    relationship: "self",
  });
  const patientId = (await call("POST", `/v1/practices/${practiceId}/patients`, { key, body: patient })).body.patientId;
  // Three visits: the sandbox denies about one claim in thirteen, and a denied one has nothing to bill on.
  const ids: string[] = [];
  for (const day of [12, 13, 14]) {
    const enc = await call("POST", `/v1/practices/${practiceId}/encounters`, {
      key,
      body: {
        patientId,
        renderingProviderId: providerId,
        placeOfService: "11",
        serviceDate: daysAgo(day),
        diagnoses: ["I10"],
        lines: [
          { procedureCode: "99214", chargeCents: 18500, diagnosisPointers: [1] },
          { procedureCode: "93000", chargeCents: 6000, diagnosisPointers: [1] },
        ],
      },
    });
    ids.push(enc.body.claimId);
  }

  const send = async (body: object) => {
    const b = await call("POST", "/v1/claim-batches", { key, body });
    await processBatch(tenantId, b.body.batches[0].batchId);
    return b.body.batches[0].batchId as string;
  };
  await send({ claimIds: ids });
  for (let round = 0; round < 2; round++) {
    for (const f of (await pollNow(key)).files) await applyInbound(tenantId, f.sha256);
  }
  const primaries = await Promise.all(ids.map(async (id) => (await call("GET", `/v1/claims/${id}`, { key })).body));
  const primary = primaries.find((c) => c.status !== "denied")!;
  const primaryId = primary.claimId;
  expect(primary.balances.patientResponsibilityCents).toBeGreaterThan(0);
  // A denied primary leaves nothing for the secondary to coordinate with.
  for (const d of primaries.filter((c) => c.status === "denied")) expect(d.secondaryClaimId).toBeUndefined();

  const secondaries = await call("GET", `/v1/claims?status=ready&practiceId=${practiceId}`, { key });
  const sec = secondaries.body.items.find((c: any) => c.doc.primaryClaimId === primaryId);
  expect(sec).toBeDefined();
  expect(sec.doc.coverage).toMatchObject({
    order: "secondary",
    clearinghousePayerId: "MCDIL",
    memberId: "MCD55500011",
  });
  expect(sec.doc.priorPayer).toMatchObject({
    paidCents: primary.balances.insurancePaidCents,
    payerClaimControlNumber: primary.payerClaimControlNumber,
  });

  const batchId = await send({ claimIds: [sec.claimId] });
  const { data } = await ClaimBatchEntity.get({ tenantId, batchId }).go();
  const x12 = await readEdi(data!.fileKey!);
  expect(checkX12(x12).errors).toEqual([]);
  const segs = parseX12(x12).interchanges[0]!.groups[0]!.transactions[0]!.segments;
  const sbr = segs.filter((s) => s.id === "SBR").map((s) => s.elements[1]);
  expect(sbr).toEqual(["S", "P"]);
  const amtD = segs.find((s) => s.id === "AMT" && s.elements[1] === "D");
  expect(amtD?.elements[2]).toBe(String(primary.balances.insurancePaidCents / 100).replace(/\.0+$/, ""));
  expect(segs.filter((s) => s.id === "SVD")).toHaveLength(2);
  // An original claim to the secondary (CLM05-3 = 1) naming the primary's claim control number in 2330B.
  expect(segs.find((s) => s.id === "CLM")!.elements[5]).toMatch(/:1$/);
  expect(segs.find((s) => s.id === "REF" && s.elements[1] === "F8")?.elements[2]).toBe(primary.payerClaimControlNumber);
});
