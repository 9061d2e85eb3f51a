import type { ApiClient } from "./client.ts";
import { isoDaysAgo } from "./encounters.ts";

/**
 * Before the month's visits are billed: every patient's eligibility checked in one batch per
 * practice (as a front desk checks tomorrow's schedule), and a visit for the patient whose plan
 * has ended, which the scrubber then stops before it is sent.
 */
export async function checkEligibility(
  api: ApiClient,
  practices: any[],
  waitFor: (what: string, check: () => Promise<boolean>) => Promise<void>,
) {
  const out = [];
  for (const { practice, patients } of practices) {
    const batch = await api.expect<any>(202, "POST", "/v1/eligibility-batches", {
      practiceId: practice.practiceId,
      visits: patients.map((p: any) => ({ patientId: p.patientId, serviceDate: isoDaysAgo(0) })),
    });
    let done: any;
    await waitFor(`eligibility batch ${batch.batchId}`, async () => {
      done = await api.expect(200, "GET", `/v1/eligibility-batches/${batch.batchId}`);
      return done.status === "done";
    });
    const inactive = done.checks.filter((c: any) => c.result?.status === "inactive");
    out.push({ practice: practice.legalName, practiceId: practice.practiceId, batch: done, inactive });
  }
  return out;
}

/** A visit today for the patient whose plan ended last month: the claim waits in review with the 271's reason. */
export async function visitWithEndedPlan(api: ApiClient, practiceId: string, patientId: string, providerId: string) {
  const r = await api.expect<any>(201, "POST", `/v1/practices/${practiceId}/encounters`, {
    externalId: "ELIGIBILITY-1",
    patientId,
    renderingProviderId: providerId,
    placeOfService: "11",
    serviceDate: isoDaysAgo(0),
    diagnoses: ["I10"],
    lines: [{ procedureCode: "99213", chargeCents: 12000, diagnosisPointers: [1] }],
  });
  const claim = await api.expect<any>(200, "GET", `/v1/claims/${r.claimId}`);
  return {
    claimId: r.claimId,
    status: claim.status,
    finding: claim.findings.find((f: any) => f.ruleId === "eligibility.271"),
  };
}
