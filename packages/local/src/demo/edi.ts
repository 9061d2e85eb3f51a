import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ApiClient } from "./client.ts";

export type WaitFor = (what: string, check: () => Promise<boolean>) => Promise<void>;

/** Saves an inbound file (999, 277CA, 835) under edi/ with its kind as the extension. */
export async function saveInbound(api: ApiClient, dir: string, sha256: string, name: string) {
  const f = await api.expect<any>(200, "GET", `/v1/inbound-files/${sha256}`);
  writeFileSync(resolve(dir, name), await (await fetch(f.fileUrl)).text());
}

/**
 * Polls the clearinghouse (a queued poll the stack's worker runs) until every file the polls took
 * has been applied (processed, or failed with its reason); returns them.
 */
export async function pollUntil(api: ApiClient, waitFor: WaitFor, what: string, enough: (files: any[]) => boolean) {
  const seen: any[] = [];
  let pollId: string | undefined;
  await waitFor(what, async () => {
    if (!enough(seen)) {
      pollId ??= (await api.expect<any>(202, "POST", "/v1/clearinghouse/poll")).pollId;
      const poll = await api.expect<any>(200, "GET", `/v1/clearinghouse/polls/${pollId}`);
      if (poll.status === "queued" || poll.status === "running") return false;
      pollId = undefined;
      seen.push(...poll.files.filter((f: any) => !f.duplicate));
      if (!enough(seen)) return false;
    }
    const statuses = await Promise.all(seen.map((f) => api.expect<any>(200, "GET", `/v1/inbound-files/${f.sha256}`)));
    // Done once each file is applied (an 835 posts in chunks after it leaves `received`).
    return statuses.every((s) => s.status === "processed" || s.status === "failed");
  });
  return seen;
}

/**
 * Step 3: each practice's ready claims go to the sandbox clearinghouse in a batch; the demo polls
 * until the 999 and 277CA are back and applied, and saves every file under edi/.
 */
export async function sendBatches(api: ApiClient, out: string, practiceIds: string[], waitFor: WaitFor) {
  const dir = resolve(out, "edi");
  mkdirSync(dir, { recursive: true });
  const batchIds: string[] = [];
  for (const practiceId of practiceIds) {
    // A practice's ready claims: a batch run, answered at once; the batch-run worker makes the batches.
    const run = await api.expect<any>(
      202,
      "POST",
      "/v1/claim-batches",
      { practiceId },
      { "idempotency-key": `demo-batch-${practiceId}` },
    );
    await waitFor("batch run done", async () => {
      const now = await api.expect<any>(200, "GET", `/v1/claim-batch-runs/${run.runId}`);
      if (now.status === "done") batchIds.push(...now.batchIds);
      return now.status === "done";
    });
  }
  await waitFor("batches submitted", async () => {
    const all = await Promise.all(batchIds.map((id) => api.expect<any>(200, "GET", `/v1/claim-batches/${id}`)));
    return all.every((b) => b.status === "submitted" || b.status === "failed");
  });
  const batches = [];
  for (const id of batchIds) {
    const b = await api.expect<any>(200, "GET", `/v1/claim-batches/${id}`);
    if (b.fileUrl)
      writeFileSync(
        resolve(dir, `${b.fileName.replace(/\.837$/, "")}-${b.batchId}.837`),
        await (await fetch(b.fileUrl)).text(),
      );
    batches.push(b);
  }
  const acks = await pollUntil(
    api,
    waitFor,
    "999 and 277CA processed",
    (files) => files.filter((f) => f.kind === "999" || f.kind === "277").length >= 2 * batchIds.length,
  );
  for (const f of acks)
    await saveInbound(api, dir, f.sha256, f.name.replace(/\.277$/, ".277").replace(/\.999$/, ".999"));
  const after = await Promise.all(batchIds.map((id) => api.expect<any>(200, "GET", `/v1/claim-batches/${id}`)));
  return {
    batches: after.map((b) => ({ batchId: b.batchId, status: b.status, claims: b.claimIds.length, file: b.fileName })),
    acks,
  };
}

/**
 * Step 4: a poll later the sandbox's payers remit; the demo waits for the 835s to be posted, saves
 * them under edi/, and summarises every claim: charge, paid, adjustments, patient share, balance.
 */
export async function receiveRemittances(api: ApiClient, out: string, practiceIds: string[], waitFor: WaitFor) {
  const dir = resolve(out, "edi");
  const remits = await pollUntil(api, waitFor, "835s posted", (files) => files.some((f) => f.kind === "835"));
  for (const f of remits.filter((x) => x.kind === "835")) await saveInbound(api, dir, f.sha256, f.name);
  const posting = [];
  for (const practiceId of practiceIds) {
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page: any = await api.expect(
        200,
        "GET",
        `/v1/claims?practiceId=${practiceId}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      for (const c of page.items) {
        // A secondary claim re-bills a posted visit (see cob.json): not another charge.
        if (!c.balances || c.doc.primaryClaimId) continue;
        posting.push({
          claimId: c.claimId,
          practiceId,
          status: c.status,
          chargeCents: c.balances.chargeCents,
          paidCents: c.balances.insurancePaidCents,
          adjustmentsCents: c.balances.adjustedCents,
          deniedOpenCents: c.balances.deniedCents ?? 0,
          patientResponsibilityCents: c.balances.patientResponsibilityCents,
          balanceCents: c.balances.insuranceBalanceCents,
        });
      }
      cursor = page.nextCursor;
    }
  }
  writeFileSync(resolve(out, "posting.json"), JSON.stringify(posting, null, 2));
  return posting;
}
