import { afterAll, beforeAll, expect, it } from "vitest";
import { getClaimForSystem, moveClaim, todayIn } from "@claimledger/core/claim/index.ts";
import { ClaimEntity } from "@claimledger/core/claim/claim.entity.ts";
import { sweepFollowUps } from "@claimledger/core/followup/index.ts";
import { addDays } from "@claimledger/core/shared/dates.ts";
import { call, samples } from "../../functions/test/http.ts";
import { submit, world } from "../../functions/test/era.ts";
import { invitedUser, uniqueEmail } from "../../functions/test/users.ts";
import { shot, startConsole, watch, type ConsoleHarness } from "./console.ts";
import { asKey, panel, signedIn } from "./work.ts";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.close());

/**
 * Three claims gone quiet, arranged through the API: A ($150.00, 10 days left to file) and B
 * ($1,200.00, 200 days left) sent six days ago with no 999/277CA; C ($200.00, 325 days left)
 * accepted 35 days ago with no 835. Risk: A 1,500, B 600, C 62 a day. The sweep gives each its task.
 */
async function quietClaims() {
  const w = await world(1);
  const today = todayIn(samples.practice.timeZone);
  const encounter = async (daysAgo: number, chargeCents: number) =>
    (
      await asKey(w.key, "POST", `/v1/practices/${w.practiceId}/encounters`, {
        patientId: w.patientId,
        renderingProviderId: w.providerId,
        placeOfService: "11",
        serviceDate: addDays(today, -daysAgo),
        diagnoses: ["I10"],
        lines: [{ procedureCode: "99214", chargeCents, diagnosisPointers: [1] }],
      })
    ).body.claimId as string;
  const a = await encounter(170, 15_000);
  // The payer's limit becomes 365 days for B and C.
  const payer = (await asKey(w.key, "GET", `/v1/payers/${w.payers[0]}`)).body;
  const longer = await call("PATCH", `/v1/payers/${w.payers[0]}`, {
    key: w.key,
    body: { timelyFilingDays: 365 },
    headers: { "if-match": `"${payer.version}"` },
  });
  expect(longer.status).toBe(200);
  const b = await encounter(165, 120_000);
  const c = await encounter(40, 20_000);
  await submit(w, [a, b, c]);
  const cNow = (await getClaimForSystem(w.tenantId, c))!;
  await moveClaim({ tenantId: w.tenantId, actor: "system:277CA" }, cNow, "accepted", "277CA accepted");
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  for (const [claimId, days] of [
    [a, 6],
    [b, 6],
    [c, 35],
  ] as const)
    await ClaimEntity.patch({ tenantId: w.tenantId, claimId })
      .set({ lastSubmittedAt: ago(days) })
      .go();
  expect(await sweepFollowUps(w.tenantId)).toMatchObject({ created: 3 });
  return { w, a, b, c };
}

it("a biller works the follow-up queue riskiest first, takes a task, and works it from the claim and My tasks", async () => {
  const { w, a, b, c } = await quietClaims();
  const other = await invitedUser(w.key, uniqueEmail("robin"), "biller");
  const { page, userId } = await signedIn(h.browser, h.base, w.key, "biller");
  const seen = watch(page, h.base);

  // Home counts the queue.
  await page.locator('[data-queue="follow-ups"] .card-value').filter({ hasText: "3" }).waitFor();
  await shot(page, "home-follow-ups");

  // The queue, riskiest first: A (near its deadline) above B (eight times the money).
  await page.goto(`${h.base}/app/follow-ups`);
  const rows = page.getByRole("row").filter({ has: page.locator("td") });
  await rows.first().waitFor();
  await expect
    .poll(async () => (await rows.allTextContents()).map((t) => [a, b, c].find((id) => t.includes(id))))
    .toEqual([a, b, c]);
  const first = rows.first();
  expect(await first.textContent()).toContain("No 999 or 277CA 6 days after sending");
  expect(await first.textContent()).toContain("$150.00");
  expect(await rows.nth(2).textContent()).toContain("Accepted, but no 835 35 days after sending");
  await shot(page, "follow-ups");
  await page.setViewportSize({ width: 768, height: 1000 });
  await shot(page, "follow-ups-768");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Take A's follow-up task: it is mine now.
  await first.getByRole("button", { name: "Take" }).click();
  await first.getByText("yours").waitFor();

  // Enter opens the riskiest claim; its tasks panel has the follow-up task; add a call.
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: `Claim ${a}` }).waitFor();
  const tasks = panel(page, "Tasks");
  await tasks.getByText("Follow up: no 999 or 277CA").waitFor();
  const form = tasks.getByRole("form", { name: "Add a task" });
  await form.getByLabel("New task").selectOption("call_payer");
  await form.getByLabel("Title").fill("Call Blue Prairie: was the 837 received?");
  await form.getByLabel("First note").fill("clearinghouse shows it delivered");
  await form.getByRole("button", { name: "Add task" }).click();
  await tasks.getByRole("heading", { name: "Call Blue Prairie: was the 837 received?" }).waitFor();
  await shot(page, "claim-tasks");

  // My tasks: both, due first; work the first from the keyboard.
  await page.goto(`${h.base}/app/tasks`);
  const mine = page.getByRole("row").filter({ has: page.locator("td") });
  await expect.poll(() => mine.count()).toBe(2);
  await page.keyboard.press("Enter");
  const editor = page.locator(".queue-split .panel");
  await editor.getByLabel("Add a note").fill("Payer has no record of it; resending Monday");
  await editor.getByLabel("Add a note").press("Control+Enter");
  await editor.getByText("Note added.").waitFor();
  await editor.getByText("Payer has no record of it; resending Monday").waitFor();
  await shot(page, "tasks");
  await editor.getByRole("button", { name: "Mark done" }).click();
  await editor.getByText("Marked done.").waitFor();
  await page.keyboard.press("Escape");
  // The next one goes to Robin.
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await editor.getByLabel("Reassign to").selectOption(other.userId);
  await editor.getByText("Assigned to Test biller.").waitFor();

  const api = async (claimId: string) =>
    (await asKey(w.key, "GET", `/v1/tasks?claimId=${claimId}&status=closed`)).body.items.concat(
      (await asKey(w.key, "GET", `/v1/tasks?claimId=${claimId}`)).body.items,
    );
  const all = await api(a);
  const done = all.find((t: any) => t.status === "done");
  expect(done.notes.at(-1)).toMatchObject({
    by: `user:${userId}`,
    text: "Payer has no record of it; resending Monday",
  });
  const rest = all.find((t: any) => t.status === "open");
  expect(rest.assigneeId).toBe(other.userId);
  // Settings: the practice's automatic tasks go to Robin from now on.
  await page.goto(`${h.base}/app/settings/follow-up`);
  await page.getByLabel("Lakeside Family Medicine PC").selectOption(other.userId);
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByText("Saved. New automatic tasks go to these people.").waitFor();
  await shot(page, "settings-follow-up");
  expect((await asKey(w.key, "GET", "/v1/follow-up-settings")).body).toMatchObject({
    defaultAssignees: { [w.practiceId]: other.userId },
    version: 1,
  });

  expect(seen.errors).toEqual([]);
  await page.close();
}, 180_000);
