import { afterAll, beforeAll, expect, it } from "vitest";
import { processBatch } from "@claimledger/core/batch/process.service.ts";
import { build835 } from "@claimledger/core/clearinghouse/sandbox/responses.ts";
import { adjudicate } from "@claimledger/core/clearinghouse/sandbox/payer-model.ts";
import { batchReady, encounterFor, post835, practiceSetUp, sandboxClaim } from "../../functions/test/cycle.ts";
import { applyInbound } from "../../functions/test/inbound.ts";
import { pollNow } from "../../functions/test/poll.ts";
import { shot, startConsole, watch, type ConsoleHarness } from "./console.ts";
import { asKey, panel, signedIn } from "./work.ts";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.close());

it("a biller reads a 277CA rejection in words, fixes the claim from its page, and finds unmatched money in suspense", async () => {
  const s = await practiceSetUp();
  // A member ID with no digits: the payer's front end rejects it (277CA).
  const enc = encounterFor(s, 4) as any;
  enc.patient.coverages[0].memberId = "NODIGITSHERE";
  const r = await asKey(s.key, "POST", `/v1/practices/${s.practiceId}/encounters`, enc);
  expect(r.body.status, JSON.stringify(r.body)).toBe("ready");
  const claimId = r.body.claimId as string;
  const run = await batchReady(s, { practiceId: s.practiceId });
  for (const b of run.batchIds) await processBatch(s.tenantId, b);
  for (const f of (await pollNow(s.key)).files as { sha256: string }[]) await applyInbound(s.tenantId, f.sha256);
  const rejected = (await asKey(s.key, "GET", `/v1/claims/${claimId}`)).body;
  expect(rejected.status, JSON.stringify(rejected.statusReason)).toBe("rejected");

  // Money for a claim we never sent: an 835 line nobody can match goes to suspense.
  const ghost = { ...structuredClone(rejected.doc), claimId: "CLNOSUCHCLAIM1" };
  await post835(
    s,
    build835(
      "BPH01",
      "BLUE PRAIRIE HEALTH",
      [{ claim: sandboxClaim(ghost), result: adjudicate(sandboxClaim(ghost)) }],
      73001,
      "X",
      new Date(),
    ),
  );

  const { page } = await signedIn(h.browser, h.base, s.key, "biller");
  const seen = watch(page, h.base);
  await page.goto(`${h.base}/app/queues/rejections`);
  const row = page.getByRole("row").filter({ hasText: claimId });
  await row.waitFor();
  expect(await row.textContent()).toContain(rejected.statusReason);
  await shot(page, "queues-rejections");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: `Claim ${claimId}` }).waitFor();
  const edit = panel(page, "Edit the claim");
  await edit.getByLabel("Member ID").fill("XJH500004");
  await edit
    .getByLabel("Why (kept in the claim's history)")
    .fill("member ID from the card, payer rejected the old one");
  await edit.getByRole("button", { name: "Save and re-scrub" }).click();
  await page.getByText("ready to send", { exact: false }).first().waitFor();
  expect((await asKey(s.key, "GET", `/v1/claims/${claimId}`)).body.status).toBe("ready");

  await page.goto(`${h.base}/app/queues/suspense`);
  const money = page.getByRole("row").filter({ hasText: "CLNOSUCHCLAIM1" });
  await money.waitFor();
  expect(await money.textContent()).toContain("Open");
  await shot(page, "queues-suspense");

  expect(seen.errors).toEqual([]);
  await page.close();
}, 120_000);
