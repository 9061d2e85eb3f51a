import { afterAll, beforeAll, expect, it } from "vitest";
import { daysAgo, encounterFor, practiceSetUp } from "../../functions/test/cycle.ts";
import { samples } from "../../functions/test/http.ts";
import { shot, startConsole, watch, type ConsoleHarness } from "./console.ts";
import { asKey, panel, signedIn } from "./work.ts";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.close());

const HEADER =
  "encounter_ref,patient_id,rendering_provider_id,place_of_service,service_date,diagnosis_1,diagnosis_2,procedure_code,modifier_1,units,charge,diagnosis_pointers";

it("a practice user uploads encounters (a form, a CSV with a bad row shown next to that row) and never sees another practice's claim", async () => {
  const s = await practiceSetUp();
  const mine = await asKey(s.key, "POST", `/v1/practices/${s.practiceId}/encounters`, encounterFor(s, 1));
  expect(mine.status, JSON.stringify(mine.body)).toBe(201);
  // Another practice of the same company, with a claim of its own.
  const other = (
    await asKey(s.key, "POST", "/v1/practices", { ...samples.practice, legalName: "Riverside Pediatrics LLC" })
  ).body.practiceId as string;
  const otherProvider = (await asKey(s.key, "POST", `/v1/practices/${other}/providers`, samples.provider)).body
    .providerId;
  const theirs = await asKey(
    s.key,
    "POST",
    `/v1/practices/${other}/encounters`,
    encounterFor({ providerId: otherProvider, payerId: s.payerId }, 3),
  );
  expect(theirs.status, JSON.stringify(theirs.body)).toBe(201);
  const patientId = (await asKey(s.key, "POST", `/v1/practices/${s.practiceId}/patients`, samples.patient(s.payerId)))
    .body.patientId as string;

  const { page } = await signedIn(h.browser, h.base, s.key, "practice", s.practiceId);
  const seen = watch(page, h.base);
  // Lands on the portal: its own claim listed, the other practice's not.
  await page.getByRole("heading", { name: "Practice portal" }).waitFor();
  await page.getByRole("row").filter({ hasText: mine.body.claimId }).waitFor();
  expect(await page.getByText(theirs.body.claimId).count()).toBe(0);
  expect(await page.getByRole("link", { name: "Queues" }).count()).toBe(0); // no company screens in its navigation
  await shot(page, "portal");

  // One encounter by the form: a bad place of service comes back in words, next to that field.
  await page.getByRole("tab", { name: "New encounter" }).click();
  const form = panel(page, "A new encounter");
  await form.getByLabel("Patient").selectOption({ index: 0 });
  await form.getByLabel("Place of service").fill("1");
  await form.getByLabel("Diagnoses (ICD-10, in order)").fill("I10");
  await form.getByLabel("Line 1 procedure").fill("99213");
  await form.getByLabel("Line 1 charge").fill("110.00");
  await form.getByRole("button", { name: "Send the encounter" }).click();
  const pos = form.locator(".field").filter({ has: page.getByLabel("Place of service") });
  await pos
    .locator(".field-error")
    .filter({ hasText: /two-digit/ })
    .waitFor();
  await form.getByLabel("Place of service").fill("11");
  await form.getByRole("button", { name: "Send the encounter" }).click();
  await form.getByText(/^Claim CL\w+ created/).waitFor();
  await shot(page, "portal-encounter");

  // A CSV with one bad row: the whole file is refused, the row's error shown in that row.
  await page.getByRole("tab", { name: "CSV upload" }).click();
  const d = daysAgo(4);
  const csv = [
    HEADER,
    `A,${patientId},${s.providerId},11,${d},I10,E78.5,99213,,1,110.00,"1,2"`,
    `A,${patientId},${s.providerId},11,${d},I10,E78.5,80061,,1,45.00,2`,
    `B,${patientId},${s.providerId},11,not-a-date,J06.9,,99212,,1,80,1`,
  ].join("\n");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "visits.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload" }).click();
  await page.getByText(/Nothing was imported/).waitFor();
  const bad = page.locator('tr[data-row="4"]');
  await bad
    .locator(".csv-result")
    .getByText(/service_date/)
    .waitFor();
  expect(await bad.getAttribute("class")).toContain("row-error");
  expect(await page.locator('tr[data-row="2"] .csv-result').textContent()).toBe("");
  // In view without scrolling the wide table sideways: the error is the first thing after the row number.
  const box = await bad.locator(".csv-result").boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  await shot(page, "portal-csv");
  // Fixed and sent again: each row says what became of it.
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "visits.csv", mimeType: "text/csv", buffer: Buffer.from(csv.replace("not-a-date", d)) });
  await page.getByRole("button", { name: "Upload" }).click();
  await page.getByText("2 encounter(s) imported, 0 not imported.").waitFor();
  await page
    .locator('tr[data-row="4"] .csv-result')
    .getByText(/^Accepted/)
    .waitFor();

  // Its A/R and invoices (none yet: the month has not been closed).
  await page.getByRole("tab", { name: "Reports" }).click();
  await page.getByRole("heading", { name: /^A\/R aging as of/ }).waitFor();
  await page.getByRole("row").filter({ hasText: "Patients" }).waitFor();
  await page.setViewportSize({ width: 768, height: 900 });
  await shot(page, "portal-reports-768");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("tab", { name: "Invoices" }).click();
  await page.getByText("No invoices yet").waitFor();

  // Its own claim opens; another practice's claim by URL is simply not found.
  await page.goto(`${h.base}/app/claims/${mine.body.claimId}`);
  await page.getByRole("heading", { name: `Claim ${mine.body.claimId}` }).waitFor();
  expect(await page.getByRole("button", { name: "Void claim" }).count()).toBe(0);
  await page.goto(`${h.base}/app/claims/${theirs.body.claimId}`);
  await page.getByRole("heading", { name: "Claim not found" }).waitFor();
  expect(await page.content()).not.toContain("Riverside");
  await shot(page, "portal-not-found");

  // The console logs the refused requests (422 CSV and form, 404 claim) the screens explained.
  expect(seen.errors.filter((e) => !/status of (422|404)/.test(e))).toEqual([]);
  expect(seen.elsewhere).toEqual([]);
  await page.close();
}, 120_000);
