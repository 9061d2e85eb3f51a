import type { ApiClient } from "./client.ts";
import { isoDaysAgo } from "./encounters.ts";
import { pollUntil, type WaitFor } from "./edi.ts";

/**
 * The day's last visits, sent and asked about at once: four claims go to the sandbox, and a status
 * inquiry (276) for each goes right behind them. The next poll brings the 999, the 277CA and the
 * 277 answers, which the sandbox gives by its rule on the charge's last whole dollar (README,
 * "Claim status"): $120.00 and $132.00 pended, $128.00 returned for records, $145.00 finalized. Their
 * 835s wait at the clearinghouse for a later poll, so the demo leaves these claims unanswered by
 * any 835: the follow-up queue and its tasks have work.
 */
export async function sendAndAsk(
  api: ApiClient,
  practice: { practiceId: string },
  providerId: string,
  patients: { patientId: string }[],
  waitFor: WaitFor,
) {
  const claimIds: string[] = [];
  for (const [i, chargeCents] of [12000, 12800, 13200, 14500].entries()) {
    const r = await api.expect<any>(201, "POST", `/v1/practices/${practice.practiceId}/encounters`, {
      externalId: `FOLLOW-UP-${i + 1}`,
      patientId: patients[i % patients.length]!.patientId,
      renderingProviderId: providerId,
      placeOfService: "11",
      serviceDate: isoDaysAgo(2),
      diagnoses: ["I10"],
      lines: [{ procedureCode: "99213", chargeCents, diagnosisPointers: [1] }],
    });
    if (r.status === "ready") claimIds.push(r.claimId);
  }
  const created = await api.expect<any>(201, "POST", "/v1/claim-batches", { claimIds });
  const batchIds: string[] = created.batches.map((b: any) => b.batchId);
  await waitFor("the day's last batch submitted", async () => {
    const all = await Promise.all(batchIds.map((id) => api.expect<any>(200, "GET", `/v1/claim-batches/${id}`)));
    return all.every((b) => b.status === "submitted");
  });
  const runs: string[] = [];
  for (const claimId of claimIds)
    runs.push((await api.expect<any>(202, "POST", `/v1/claims/${claimId}/status-inquiries`)).runId);
  await waitFor("276s sent", async () => {
    const all = await Promise.all(runs.map((id) => api.expect<any>(200, "GET", `/v1/status-inquiries/${id}`)));
    return all.every((r) => r.status !== "queued" && r.status !== "stored");
  });
  // One poll: the 999, the 277CA and the status 277s (the 835s come a poll later).
  await pollUntil(api, waitFor, "the acknowledgements and status answers", (files) => files.length >= 2 + runs.length);
  const claims = await Promise.all(claimIds.map((id) => api.expect<any>(200, "GET", `/v1/claims/${id}`)));
  const followUps = await api.expect<any>(200, "GET", "/v1/follow-ups?limit=100");
  return {
    asked: claims.map((c) => ({
      claimId: c.claimId,
      status: c.status,
      chargeCents: c.totalChargeCents,
      statusClass: c.payerStatus?.statusClass,
      category: c.payerStatus?.category,
      words: c.payerStatus?.actionText ?? c.payerStatus?.codeDescription,
    })),
    followUps: followUps.items,
  };
}
