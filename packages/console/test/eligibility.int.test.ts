import { afterAll, beforeAll, expect, it } from "vitest";
import { call, samples } from "../../functions/test/http.ts";
import { practiceSetUp } from "../../functions/test/cycle.ts";
import { drainEligibilityUntil } from "../../functions/test/eligibility.ts";
import { shot, startConsole, watch, type ConsoleHarness } from "./console.ts";
import { panel, signedIn } from "./work.ts";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.close());

/** A patient of the practice whose primary coverage has this member id (the sandbox answers by it). */
async function patient(s: { key: string; practiceId: string; payerId: string }, firstName: string, memberId: string) {
  const body = { ...samples.patient(s.payerId), firstName } as any;
  body.coverages = [{ ...body.coverages[0], memberId }];
  const r = await call("POST", `/v1/practices/${s.practiceId}/patients`, { key: s.key, body });
  expect(r.status).toBe(201);
  return r.body.patientId as string;
}

it("a biller checks a patient's eligibility on the patient page and a whole schedule on the eligibility screen", async () => {
  const s = await practiceSetUp();
  await patient(s, "Avery", "XJH900001");
  await patient(s, "Blake", "INA900002");
  await patient(s, "Casey", "NF900003");

  const { page } = await signedIn(h.browser, h.base, s.key, "biller");
  const seen = watch(page, h.base);
  await page.goto(`${h.base}/app/patients?practiceId=${s.practiceId}`);
  await page.getByRole("row").filter({ hasText: "Lee, Avery" }).click();
  const p = panel(page, "Lee, Avery");
  await p.getByText("Not checked yet.").waitFor();
  await p.getByRole("button", { name: "Check eligibility now" }).click();
  await p.getByText("Active", { exact: true }).waitFor();
  // The sandbox's copay for this member is on the page as what an office visit will likely cost.
  const text = (await p.textContent())!;
  expect(text).toMatch(/likely owes \$\d+\.00/);
  expect(text).toContain("coinsurance 20%");
  await shot(page, "eligibility-patient");

  // Tomorrow's schedule: every patient of the practice, checked in one batch.
  await page.goto(`${h.base}/app/eligibility?practiceId=${s.practiceId}`);
  await page.getByRole("button", { name: "Check every patient" }).click();
  const answers = panel(page, "Answers");
  await answers.getByText(/of 3 answered/).waitFor();
  const batchId = await page.evaluate(async (practiceId) => {
    const r = await fetch(`/v1/practices/${practiceId}/eligibility-batches`);
    return ((await r.json()) as { items: { batchId: string }[] }).items[0]!.batchId;
  }, s.practiceId);
  await drainEligibilityUntil(
    s.tenantId,
    async () => (await call("GET", `/v1/eligibility-batches/${batchId}`, { key: s.key })).body.status === "done",
    "the schedule",
  );
  await answers.getByText("3 of 3 answered").waitFor({ timeout: 15_000 });
  const rows = answers.getByRole("row");
  // Problems first: the inactive and the unrecognised patient above the active one.
  await rows.filter({ hasText: "Inactive" }).waitFor();
  const inactive = (await rows.filter({ hasText: "Inactive" }).textContent())!;
  expect(inactive).toMatch(/plan ended/);
  const unknown = (await rows.filter({ hasText: "Not recognised" }).textContent())!;
  expect(unknown).toMatch(/75 Subscriber\/Insured Not Found/i);
  expect((await rows.nth(3).textContent())!).toContain("Active");
  // The batch list follows: the finished batch's counts.
  await panel(page, "Recent batches").getByRole("row").filter({ hasText: "done" }).waitFor();
  await shot(page, "eligibility-batch");
  expect(seen.errors).toEqual([]);
  expect(seen.elsewhere).toEqual([]);
  await page.close();
}, 150_000);
