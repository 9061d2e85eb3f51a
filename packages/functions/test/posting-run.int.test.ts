/**
 * An 835 posting in chunks, as a biller sees it: the file is `posting` with its run's progress
 * until the last chunk is done, and a posting file can be requeued (a chunk lost to the
 * dead-letter queue) without posting anything twice.
 */
import { expect, it } from "vitest";
import { adjudicate } from "@claimledger/core/clearinghouse/sandbox/payer-model.ts";
import { build835 } from "@claimledger/core/clearinghouse/sandbox/responses.ts";
import { processInbound } from "@claimledger/core/inbound/process.service.ts";
import { runChunk } from "../src/queue/remittance-chunk.ts";
import { call } from "./http.ts";
import { acceptedClaims, sandboxClaim } from "./cycle.ts";

it("shows a posting 835's chunks, requeues a posting file on retry and still posts each claim once", async () => {
  const s = await acceptedClaims(2);
  const claims = s.claims.map((c) => ({ claim: sandboxClaim(c.doc), result: adjudicate(sandboxClaim(c.doc)) }));
  const text = build835("BPH01", "BLUE PRAIRIE", claims, 9301, "X", new Date());
  const { sha256 } = (
    await call("POST", "/v1/remittances", { key: s.key, raw: text, headers: { "content-type": "application/edi-x12" } })
  ).body;
  const page = async () => (await call("GET", `/v1/inbound-files/${sha256}`, { key: s.key })).body;

  // The inbound worker planned it: one chunk (two claims), none done yet.
  expect(await processInbound(s.tenantId, sha256)).toBe("posting");
  const planned = await page();
  expect(planned.status).toBe("posting");
  expect(planned.postingRun).toMatchObject({ chunks: 1, chunksDone: 0 });
  const { runId } = planned.postingRun;

  // Its chunk message was lost: the biller requeues the file, and its chunks are queued again.
  expect((await call("POST", `/v1/inbound-files/${sha256}/retry`, { key: s.key })).status).toBe(202);
  expect(await processInbound(s.tenantId, sha256)).toBe("posting");

  // The chunk, delivered twice (the original message and the requeued one): it posts once.
  expect(await runChunk({ tenantId: s.tenantId, sha256, runId, chunk: 0 })).toBe("finished");
  expect(await runChunk({ tenantId: s.tenantId, sha256, runId, chunk: 0 })).toBe("finished");
  const done = await page();
  expect(done.status).toBe("processed");
  expect(done.postingRun).toMatchObject({ runId, chunks: 1, chunksDone: 1 });
  expect(done.summary).toMatchObject({ remittances: 1, posted: 2, unmatched: 0, skipped: 0 });
  for (const [i, c] of s.claims.entries()) {
    const ledger = (await call("GET", `/v1/claims/${c.claimId}/ledger`, { key: s.key })).body.items;
    const paid = ledger
      .filter((e: any) => e.kind === "insurance_payment")
      .reduce((t: number, e: any) => t + e.amountCents, 0);
    // What the payer model paid the claim, once.
    expect(paid, c.claimId).toBe(claims[i]!.result.paidCents);
  }
});
