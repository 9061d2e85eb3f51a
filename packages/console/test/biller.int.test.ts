import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { processBatch } from "@claimledger/core/batch/process.service.ts";
import { build835 } from "@claimledger/core/clearinghouse/sandbox/responses.ts";
import { adjudicate } from "@claimledger/core/clearinghouse/sandbox/payer-model.ts";
import { deniedInFull, driveRun, encounterFor, practiceSetUp, sandboxClaim } from "../../functions/test/cycle.ts";
import { applyInbound } from "../../functions/test/inbound.ts";
import { pollNow } from "../../functions/test/poll.ts";
import { shot, startConsole, watch, type ConsoleHarness } from "./console.ts";
import { asKey, panel, signedIn } from "./work.ts";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.close());

it("a biller fixes a claim from the review queue, sends a batch, posts an 835 and works the denial it brings", async () => {
  const s = await practiceSetUp();
  // Two visits: one clean, one whose second diagnosis was mistyped (EE11 is no ICD-10-CM code).
  const clean = await asKey(s.key, "POST", `/v1/practices/${s.practiceId}/encounters`, encounterFor(s, 1));
  expect(clean.body.status, JSON.stringify(clean.body)).toBe("ready");
  const typo = await asKey(
    s.key,
    "POST",
    `/v1/practices/${s.practiceId}/encounters`,
    encounterFor(s, 2, { diagnoses: ["E11.9", "EE11"] }),
  );
  expect(typo.body.status, JSON.stringify(typo.body)).toBe("needs_review");
  const fixId = typo.body.claimId as string;
  const cleanId = clean.body.claimId as string;

  const { page } = await signedIn(h.browser, h.base, s.key, "biller");
  const seen = watch(page, h.base);

  // The review queue: the claim, its finding next to the diagnosis it names.
  await page.goto(`${h.base}/app/queues/review`);
  const row = page.getByRole("row").filter({ hasText: fixId });
  await row.waitFor();
  await expect.poll(() => row.textContent()).toContain("is not an ICD-10-CM code");
  await page.keyboard.press("Enter"); // the first (only) row is active: j/k/Enter work anywhere
  const form = page.getByRole("form", { name: `Fix claim ${fixId}` });
  const dx2 = form.getByLabel("Diagnosis 2", { exact: true });
  await dx2.waitFor();
  expect(await dx2.inputValue()).toBe("EE11");
  // The finding sits next to the field; the cursor is already in it.
  const dxCell = form.locator(".dx-cell").nth(1);
  expect(await dxCell.textContent()).toContain("is not an ICD-10-CM code");
  expect(await dx2.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
  await shot(page, "queues-review");

  await dx2.fill("I10");
  await form.getByLabel("Why (kept in the claim's history)").fill("diagnosis typed from the superbill");
  await form.getByRole("button", { name: "Save and re-scrub" }).click();
  // Fixed: it leaves the queue, the notice names it.
  await page.getByText("fixed and ready to send").waitFor();
  await page.getByText("Nothing needs review").waitFor();
  expect((await asKey(s.key, "GET", `/v1/claims/${fixId}`)).body.status).toBe("ready");

  // A tablet's width: the queue still reads.
  await page.setViewportSize({ width: 768, height: 1000 });
  await shot(page, "queues-review-768");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Send: both ready claims, one group; the batch run is watched until done.
  await page.goto(`${h.base}/app/send`);
  const group = page.getByRole("row").filter({ hasText: "Blue Prairie Health" }).first();
  await group.waitFor();
  expect(await group.textContent()).toContain("2");
  await page.getByRole("button", { name: /^Send 2 claims of / }).click();
  const runCell = page.locator("td.mono").filter({ hasText: /^bjr/ }).first();
  await runCell.waitFor();
  const runId = (await runCell.textContent())!.trim();
  await driveRun(s.tenantId, runId); // what the batch-run worker does
  await page.getByRole("row").filter({ hasText: runId }).getByText("Done").waitFor();
  const run = (await asKey(s.key, "GET", `/v1/claim-batch-runs/${runId}`)).body;
  expect(run.claims).toBe(2);
  for (const b of run.batchIds) await processBatch(s.tenantId, b); // the batch worker: 837P to the sandbox
  await page.getByText("Nothing is ready").waitFor();
  await page.getByRole("button", { name: "Refresh" }).click();
  await page.getByRole("row").filter({ hasText: run.batchIds[0] }).waitFor();
  await shot(page, "send");
  // The clearinghouse's acknowledgements (999, 277CA) come back and are applied, as the workers would.
  for (const f of (await pollNow(s.key)).files as { sha256: string }[]) await applyInbound(s.tenantId, f.sha256);

  // An 835: the clean claim paid as the payer model pays it, the fixed one denied in full (CO-50).
  const docOf = async (id: string) => (await asKey(s.key, "GET", `/v1/claims/${id}`)).body.doc;
  const [paidDoc, deniedDoc] = [await docOf(cleanId), await docOf(fixId)];
  const era = build835(
    "BPH01",
    "BLUE PRAIRIE HEALTH",
    [
      { claim: sandboxClaim(paidDoc), result: adjudicate(sandboxClaim(paidDoc)) },
      { claim: sandboxClaim(deniedDoc), result: deniedInFull(deniedDoc) },
    ],
    71001,
    "X",
    new Date(),
  );
  const file = join(mkdtempSync(join(tmpdir(), "era-")), "blue-prairie.835");
  writeFileSync(file, era);
  await page.goto(`${h.base}/app/remittances`);
  await page.getByLabel("835 file (X12)").setInputFiles(file);
  await page.getByRole("button", { name: "Upload and post" }).click();
  await page.getByText(/^Received \(/).waitFor();
  const upload = (await asKey(s.key, "GET", "/v1/inbound-files?limit=10")).body.items.find(
    (f: { source: string; kind?: string }) => f.source === "upload",
  );
  expect(await applyInbound(s.tenantId, upload.sha256)).toBe("processed"); // the inbound worker
  await page.getByText("2 claim payment(s) posted").waitFor();
  await page.getByRole("row").filter({ hasText: "EFT71001BPH01" }).getByText("Posted", { exact: true }).waitFor();
  await shot(page, "remittances");

  // The denial: reason in words, a suggested action; record an appeal, then write it off.
  await page.goto(`${h.base}/app/queues/denials`);
  const denial = page.getByRole("row").filter({ hasText: fixId });
  await denial.waitFor();
  expect(await denial.textContent()).toMatch(/CO-50.*medical necessity/i);
  await denial.click();
  const denialPanel = panel(page, `Denial on ${fixId}`);
  await denialPanel.getByLabel("Action").selectOption("appeal");
  await denialPanel.getByLabel("Note").fill("records requested for appeal");
  await denialPanel.getByRole("button", { name: "Record action" }).click();
  await denialPanel.getByText("Recorded: Appeal.").waitFor();
  await page.getByRole("row").filter({ hasText: fixId }).getByText("Appeal").waitFor();
  await denialPanel.getByText(/Appeal by Test biller/).waitFor();
  await shot(page, "queues-denials");
  // A reason too short is refused by the API, in words, next to the field.
  await denialPanel.getByRole("tab", { name: "Write off" }).click();
  await denialPanel.getByLabel("Reason", { exact: true }).fill("no");
  await denialPanel.getByRole("button", { name: "Write it off" }).click();
  await denialPanel.locator(".field-invalid").filter({ hasText: "Reason" }).waitFor();
  await denialPanel.getByLabel("Reason", { exact: true }).fill("appeal window closed; practice agreed to write off");
  const resolved = page.waitForResponse(
    (r) => r.url().endsWith("/denial-resolution") && r.request().method() === "POST",
  );
  await denialPanel.getByRole("button", { name: "Write it off" }).click();
  const answer = await resolved;
  expect(answer.status(), await answer.text()).toBe(201);
  await denialPanel.getByText(/Written off: \$\d/).waitFor();
  const ledger = (await asKey(s.key, "GET", `/v1/claims/${fixId}/ledger`)).body;
  expect(ledger.items.some((e: { kind: string }) => e.kind === "denial_write_off")).toBe(true);

  // The claim page: who did what (the biller by name), money, files.
  await page.goto(`${h.base}/app/claims/${fixId}`);
  await page.getByRole("heading", { name: `Claim ${fixId}` }).waitFor();
  const history = panel(page, "History");
  await history.getByText("diagnosis typed from the superbill").waitFor();
  // Names replace the user ids once the company's people are read.
  await expect.poll(() => history.textContent()).toContain("Test biller");
  await panel(page, "Files").getByText("837P").waitFor();
  await panel(page, "Ledger and balances").getByText("Denial write off").waitFor();
  await shot(page, "claim");

  // A correction of the paid claim: a replacement (frequency 7) that points at it.
  await page.goto(`${h.base}/app/claims/${cleanId}`);
  const corrections = panel(page, "Corrections");
  await corrections.getByRole("button", { name: "Replacement claim" }).click();
  await corrections.getByLabel("Reason").fill("modifier 25 was missing on the visit line");
  await corrections.getByRole("button", { name: "Create the replacement" }).click();
  await page.getByText("Replacement of").waitFor();
  expect((await asKey(s.key, "GET", `/v1/claims/${cleanId}`)).body.status).toBe("corrected");
  await page.setViewportSize({ width: 768, height: 1000 });
  await shot(page, "claim-replacement-768");

  // The one refused request was the too-short reason above (a 422 the screen showed in words).
  expect(seen.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  expect(seen.elsewhere).toEqual([]);
  await page.close();
}, 120_000);
