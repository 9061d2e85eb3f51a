import { afterAll, beforeAll, expect, it } from "vitest";
import { PRIMARY, era, upload, visit, world } from "../../functions/test/era.ts";
import { daysAgo } from "../../functions/test/cycle.ts";
import { shot, startConsole, watch, type ConsoleHarness } from "./console.ts";
import { panel, signedIn } from "./work.ts";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.close());

it("a biller finds a patient, sees coverage and what they owe, records their payment and opens a statement PDF", async () => {
  const w = await world(1);
  const claimId = await visit(w, daysAgo(12));
  // The payer pays 100.00 of the 260.00 visit and leaves 55.00 to the patient.
  await upload(w, await era(w, 0, 72001, daysAgo(2), [{ claimId, status: "1", lines: PRIMARY }]));

  const { page } = await signedIn(h.browser, h.base, w.key, "biller");
  const seen = watch(page, h.base);
  await page.goto(`${h.base}/app/patients`);
  await page.getByLabel("Filter Patients").fill("lee");
  const row = page.getByRole("row").filter({ hasText: "Lee, Jordan" });
  await row.waitFor();
  expect(await row.textContent()).toContain("MBR10000");
  await row.click();
  const p = panel(page, "Lee, Jordan");
  await p.getByText("Owes $55.00", { exact: true }).waitFor();
  expect(await p.textContent()).toContain("Blue Prairie Health");

  // A payment at the front desk: 25.00 by card.
  await p.getByLabel("Amount").fill("25.00");
  await p.getByRole("button", { name: "Take payment" }).click();
  await p.getByText("Took $25.00.", { exact: true }).waitFor();
  await p.getByText("Owes $30.00", { exact: true }).waitFor();

  // A statement: the PDF is shown in the page.
  await p.getByRole("button", { name: "Issue a statement (PDF)" }).click();
  const frame = p.locator("iframe.pdf-frame");
  await frame.waitFor();
  const src = (await frame.getAttribute("src"))!;
  const pdf = await fetch(src);
  expect(pdf.status).toBe(200);
  expect(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
  ).toBe("%PDF-");
  await shot(page, "patients");

  expect(seen.errors).toEqual([]);
  await page.close();
}, 120_000);
