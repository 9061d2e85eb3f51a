import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { todayIn } from "../../core/src/shared/dates.ts";
import { call } from "../../functions/test/http.ts";
import { PRIMARY, era, upload, visit, type World } from "../../functions/test/era.ts";
import { billingWorld, patientOf, statementRun } from "../../functions/test/patientbilling.ts";
import { drainStatementRuns, pdfShown, shot, startConsole, watch, type ConsoleHarness } from "./console.ts";
import { panel, signedIn } from "./work.ts";

/**
 * Patients who pay, in the console: a desk payment before the payer answered (held as credit,
 * then applied), a payment plan and the statements sent on the patient page; a statement run
 * with its combined PDF; the collections hand-off with a recovery. Figures: era.ts's 260.00 visit,
 * which PRIMARY leaves the patient 55.00 of.
 */
let h: ConsoleHarness;
let w: World;
let page: Page;
let errors: string[];
const today = todayIn("America/Chicago"); // the practice's time zone: a run never looks ahead of its today

beforeAll(async () => {
  h = await startConsole();
  w = await billingWorld();
  ({ page } = await signedIn(h.browser, h.base, w.key, "biller"));
  errors = watch(page, h.base).errors;
});
afterAll(async () => {
  await page?.close();
  await h?.close();
});

it("on the patient page: a desk payment before the payer answered is held as credit, then applied; a plan; the statements sent", async () => {
  const zoe = await patientOf(w, { firstName: "Zoë", lastName: "Brontë", accountNumber: "A-2001" });
  const claimId = await visit(zoe, "2026-11-02");
  await page.goto(`${h.base}/app/patients?practiceId=${w.practiceId}&patientId=${zoe.patientId}`);
  const p = panel(page, "Brontë, Zoë");
  await p.getByText("Take a payment").waitFor();
  // 40.00 at the desk: the payer has not answered, so all of it is held.
  await p.getByLabel("Amount").fill("40.00");
  await p.getByRole("button", { name: "Take payment" }).click();
  await p.getByText("Took $40.00: $40.00 held as credit until the payer sets the patient's share.").waitFor();
  await p.getByText("Owes $0.00 · $40.00 held as credit", { exact: true }).waitFor();
  expect(await p.locator("tbody tr").filter({ hasText: claimId }).textContent()).toContain("with the payer");

  // The 835 leaves 55.00: the 40.00 held pays it, 55 - 40 = 15.00 is owed.
  await upload(w, await era(w, 0, 9701, "2026-11-20", [{ claimId, status: "1", lines: PRIMARY }]));
  // The statement cycle sends the first statement (15.00).
  expect((await statementRun(zoe, today)).sent).toBe(1);
  await page.reload();
  await p.getByText("Owes $15.00", { exact: true }).waitFor();
  await p.getByRole("cell", { name: "First" }).waitFor();

  // A plan: 15.00 in 3 monthly instalments of 5.00.
  await p.getByLabel("Instalments").fill("3");
  await p.getByLabel("First due").fill("2027-01-15");
  await p.getByRole("button", { name: "Agree the plan" }).click();
  await p.getByText("in good standing: no statements").waitFor();
  expect(await p.locator("table").filter({ hasText: "Jan 15, 2027" }).textContent()).toContain("$5.00");
  await shot(page, "patient-billing");
  await page.setViewportSize({ width: 768, height: 900 });
  await shot(page, "patient-billing-768");
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(errors).toEqual([]);
}, 120_000);

it("on Statements: a run for the practice, its counts and the combined PDF in the page", async () => {
  const jose = await patientOf(w, { firstName: "José", lastName: "Muñoz" });
  const claimId = await visit(jose, "2026-11-03");
  await upload(w, await era(w, 0, 9702, "2026-11-21", [{ claimId, status: "1", lines: PRIMARY }]));
  await page.goto(`${h.base}/app/statements`);
  const run = panel(page, "Run the statement cycle");
  await run.getByLabel("Practice").selectOption(w.practiceId);
  await run.getByRole("button", { name: "Start statement run" }).click();
  await page.getByText(/^Run of /).waitFor();
  await drainStatementRuns(); // the worker's part
  // José's first statement (55.00); Zoë is on a plan in good standing.
  await page.getByText("1 statement sent for $55.00 due; 1 patient skipped.").waitFor();
  await page.getByText("1 on a payment plan in good standing").waitFor();
  const link = page.getByRole("link", { name: /Open the combined PDF/ });
  const pdf = await fetch((await link.getAttribute("href"))!);
  expect(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
  ).toBe("%PDF-");
  await page.locator("iframe.pdf-frame").waitFor();
  await pdfShown(page);
  await page.waitForTimeout(1500); // the viewer paints the page in tiles
  await shot(page, "statements");
  // A narrow window (CONTRIBUTING-SCREENS: 768 px) keeps every form usable.
  await page.setViewportSize({ width: 768, height: 900 });
  await shot(page, "statements-768");
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(errors).toEqual([]);
}, 120_000);

it("on Collections: an account past its final notice, exported, placed with an agency, and a recovery posted", async () => {
  await call("PUT", `/v1/practices/${w.practiceId}/statement-settings`, {
    key: w.key,
    body: { remindersBeforeFinal: 0, collectionsAfterDays: 30 },
  });
  const ada = await patientOf(w, { firstName: "Ada", lastName: "Park", accountNumber: "A-3001" });
  const claimId = await visit(ada, "2026-07-06");
  await upload(w, await era(w, 0, 9703, "2026-07-20", [{ claimId, status: "1", lines: PRIMARY }]));
  await statementRun(ada, "2026-08-01"); // first statement
  await statementRun(ada, "2026-08-31"); // no reminders set: the final notice

  await page.goto(`${h.base}/app/collections?practiceId=${w.practiceId}`);
  const due = panel(page, "Due for an agency");
  const row = due.locator("tbody tr").filter({ hasText: "Park, Ada" });
  await row.waitFor();
  expect(await row.textContent()).toContain("$55.00");
  const csv = await page.request.get(
    `${h.base}${(await due.getByRole("link", { name: "Export CSV" }).getAttribute("href"))!}`,
  );
  expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
  expect(await csv.text()).toContain("A-3001,Park,Ada,");

  await shot(page, "collections-candidates");
  await row.getByRole("checkbox").check();
  await due.getByLabel("Agency", { exact: true }).fill("Prairie Recovery Services");
  await due.getByRole("button", { name: "Mark 1 placed" }).click();
  await page.getByText("Placed 1 account with Prairie Recovery Services: their statements stop.").waitFor();
  const placed = panel(page, "Placed with agencies");
  await placed.getByText("Park, Ada · Prairie Recovery Services").waitFor();
  // 20.00 recovered at 35%: the agency keeps 7.00, the practice gets 13.00.
  await placed.getByLabel("Recovered (gross)").fill("20.00");
  await placed.getByRole("button", { name: "Record recovery" }).click();
  await placed.getByText("Posted $20.00 recovered: the agency keeps $7.00, the practice gets $13.00.").waitFor();
  await placed.getByText(/recovered \$20\.00 · agency fees \$7\.00/).waitFor();
  await shot(page, "collections");
  expect(errors).toEqual([]);
}, 120_000);
