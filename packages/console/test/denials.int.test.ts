import { afterAll, beforeAll, expect, it } from "vitest";
import { todayIn } from "@claimledger/core/claim/index.ts";
import { build835 } from "@claimledger/core/clearinghouse/sandbox/responses.ts";
import { call, samples } from "../../functions/test/http.ts";
import { era, upload, visit, world, type World } from "../../functions/test/era.ts";
import { pdfShown, shot, startConsole, watch, type ConsoleHarness } from "./console.ts";
import { panel, signedIn } from "./work.ts";

/**
 * Denials to dollars in the console: a biller appeals a denial (the letter in the page, a record
 * attached, sent by fax), records the payer's decision on the claim page, sends a corrected claim,
 * bills another payer, bills a patient and asks for a write-off over the company's amount, which an
 * owner approves from the approvals list; then places money from suspense over two claims.
 */
let h: ConsoleHarness;
let w: World;
const claims: Record<string, string> = {};
const today = todayIn(samples.practice.timeZone);
const deny = (claimId: string, reason: string) => ({
  claimId,
  status: "4" as const,
  lines: [
    { paid: 0, cas: [["CO", reason, 18_500]] as ["CO", string, number][] },
    { paid: 0, cas: [["CO", reason, 7_500]] as ["CO", string, number][] },
  ],
});

beforeAll(async () => {
  h = await startConsole();
  w = await world(2);
  const tenant = (await call("GET", "/v1/tenant", { key: w.key })).body;
  await call("PATCH", "/v1/tenant", {
    key: w.key,
    body: { writeOffApprovalCents: 10_000 },
    headers: { "if-match": `"${tenant.version}"` },
  });
  for (const [name, day] of Object.entries({
    appeal: 1,
    corrected: 2,
    rebill: 3,
    patient: 4,
    writeOff: 5,
    p1: 6,
    p2: 7,
  }))
    claims[name] = await visit(w, `2026-10-0${day}`);
  await upload(
    w,
    await era(w, 0, 9301, "2026-10-20", [
      deny(claims.appeal!, "50"),
      // 99214 denied CO-4 (a modifier missing); 93000 paid 60.00 + CO-45 15.00 = 75.00.
      {
        claimId: claims.corrected!,
        status: "1",
        lines: [
          { paid: 0, cas: [["CO", "4", 18_500]] },
          { paid: 6_000, cas: [["CO", "45", 1_500]] },
        ],
      },
      deny(claims.rebill!, "22"),
      deny(claims.patient!, "96"),
      deny(claims.writeOff!, "29"),
    ]),
  );
  // 180.00 for a claim nobody sent (99214 120.00 + CO-45 65.00; 93000 60.00 + CO-45 15.00): suspense.
  const lines = [
    { lineId: "X1", procedureCode: "99214", modifiers: [], units: 1, chargeCents: 18_500, serviceDate: "2026-10-09" },
    { lineId: "X2", procedureCode: "93000", modifiers: [], units: 1, chargeCents: 7_500, serviceDate: "2026-10-09" },
  ];
  const paid = [12_000, 6_000];
  await upload(
    w,
    build835(
      "BPH01",
      "BLUE PRAIRIE HEALTH",
      [
        {
          claim: {
            claimId: "CLSTRANGER0001",
            payerId: "BPH01",
            memberId: "NOBODY42",
            claimFilingIndicator: "CI",
            totalChargeCents: 26_000,
            lines,
          },
          result: {
            claimId: "CLSTRANGER0001",
            status: "1",
            chargeCents: 26_000,
            paidCents: 18_000,
            patientResponsibilityCents: 0,
            payerClaimControlNumber: "ICNSTRANGER",
            lines: lines.map((line, i) => ({
              line,
              allowedCents: paid[i]!,
              paidCents: paid[i]!,
              adjustments: [{ group: "CO", reason: "45", amountCents: line.chargeCents - paid[i]! }],
              remarks: [],
            })),
          },
        },
      ],
      9302,
      "X",
      new Date(`${today}T12:00:00Z`),
    ),
  );
}, 180_000);
afterAll(async () => h?.close());

it("a biller appeals with the letter in the page, records the decision, corrects, rebills, bills the patient and asks for a write-off; an owner approves it", async () => {
  const { page } = await signedIn(h.browser, h.base, w.key, "biller");
  const seen = watch(page, h.base);
  await page.goto(`${h.base}/app/queues/denials`);
  await page.getByRole("row").filter({ hasText: claims.appeal! }).first().click();
  const work = panel(page, `Denial on ${claims.appeal}`);
  // CO-50 suggests an appeal: its tab is open. The letter is drafted from the claim and the argument.
  await work
    .getByLabel("Your argument (a paragraph a line)")
    .fill("The ECG was needed that day for uncontrolled hypertension.\nThe records are enclosed.");
  await work.getByRole("button", { name: "Draft the appeal and its letter" }).click();
  await work.getByRole("button", { name: /Reconsideration \(first level\): \$260\.00/ }).waitFor();
  await work.getByLabel("Attach a file (PDF, PNG, JPEG, TIFF)").setInputFiles({
    name: "records.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n% records\n%%EOF\n"),
  });
  await work.getByRole("link", { name: "records.pdf" }).waitFor();
  await work.getByLabel("Sent on").fill(today);
  await work.getByLabel("Reference").fill("FAX-0042");
  await work.getByRole("button", { name: "Mark sent" }).click();
  await work.getByText(`by fax (FAX-0042)`).waitFor();
  await page.waitForTimeout(1000); // the letter's frame is made again with the appeal's new version
  await pdfShown(page);
  await page.waitForTimeout(1500);
  await shot(page, "denials-appeal");
  const appeal = (await call("GET", `/v1/claims/${claims.appeal}/appeals`, { key: w.key })).body.items[0];
  expect(appeal).toMatchObject({
    status: "sent",
    amountCents: 26_000,
    attachments: [expect.objectContaining({ fileName: "records.pdf" })],
  });

  // On the claim page: the decision, with the letter beside it.
  await page.goto(`${h.base}/app/claims/${claims.appeal}`);
  const onClaim = panel(page, "Work the denial");
  await onClaim.getByLabel("Payment expected").fill("180.00");
  await onClaim.getByRole("button", { name: "Record the decision" }).click();
  await onClaim.getByText("Overturned on").waitFor();
  await pdfShown(page);
  await page.waitForTimeout(1500); // the viewer paints the page's tiles after it opens
  await onClaim.scrollIntoViewIfNeeded();
  await shot(page, "claim-appeal");
  expect((await call("GET", `/v1/appeals/${appeal.appealId}`, { key: w.key })).body).toMatchObject({
    status: "overturned",
    expectedCents: 18_000,
  });

  // A corrected claim with the modifier the payer wanted.
  await page.goto(`${h.base}/app/claims/${claims.corrected}`);
  const fix = panel(page, "Work the denial");
  await fix.getByRole("tab", { name: "Corrected claim" }).click();
  await fix.getByLabel("Line 1 99214 modifiers").fill("25");
  await fix.getByLabel("Reason", { exact: true }).fill("modifier 25 on the visit");
  await fix.getByRole("button", { name: "Send a corrected claim (frequency 7)" }).click();
  await fix.getByText(/Corrected claim made for \$185\.00 denied/).waitFor();
  const corrected = (await call("GET", `/v1/claims/${claims.corrected}`, { key: w.key })).body;
  expect(corrected.status).toBe("corrected");
  expect((await call("GET", `/v1/claims/${corrected.replacedBy}`, { key: w.key })).body.doc.lines[0].modifiers).toEqual(
    ["25"],
  );

  // Another payer: the patient's Medicaid coverage.
  await page.goto(`${h.base}/app/claims/${claims.rebill}`);
  const other = panel(page, "Work the denial");
  await other.getByRole("tab", { name: "Another payer" }).click();
  await other.getByLabel("Coverage").selectOption({ index: 0 });
  await other.getByLabel("Reason", { exact: true }).fill("Medicaid is primary for this visit");
  await other.getByRole("button", { name: "Bill the denied lines to this payer" }).click();
  await other.getByText(/Billed to the other payer: \$260\.00/).waitFor();
  expect((await call("GET", `/v1/claims/${claims.rebill}`, { key: w.key })).body).toMatchObject({
    status: "closed",
    rebilledTo: expect.any(String),
  });

  // The patient's, from the denials queue.
  await page.goto(`${h.base}/app/queues/denials`);
  await page.getByRole("row").filter({ hasText: claims.patient! }).first().click();
  const toPatient = panel(page, `Denial on ${claims.patient}`);
  await toPatient.getByRole("tab", { name: "Bill the patient" }).click();
  await toPatient.getByLabel("Reason", { exact: true }).fill("non-covered, the patient signed an ABN");
  await toPatient.getByRole("button", { name: "Bill it to the patient" }).click();
  await toPatient.getByText("Billed to the patient: $260.00.").waitFor();

  // 260.00 is over the company's 100.00: the write-off waits for an owner.
  await page.getByRole("row").filter({ hasText: claims.writeOff! }).first().click();
  const off = panel(page, `Denial on ${claims.writeOff}`);
  await off.getByRole("tab", { name: "Write off" }).click();
  await off.getByLabel("Reason code").selectOption("timely_filing");
  await off.getByLabel("Reason", { exact: true }).fill("no proof of timely filing");
  await off.getByRole("button", { name: "Write it off" }).click();
  await off.getByText(/waits for an owner's approval/).waitFor();
  await shot(page, "denials-write-off-pending");
  expect(seen.errors).toEqual([]);
  expect(seen.elsewhere).toEqual([]);
  await page.close();

  const owner = await signedIn(h.browser, h.base, w.key, "owner");
  await owner.page.goto(`${h.base}/app/approvals`);
  await owner.page.getByRole("row").filter({ hasText: claims.writeOff! }).click();
  await shot(owner.page, "approvals");
  await owner.page.getByRole("button", { name: "Approve and write off" }).click();
  await owner.page.getByText(/Approved: \$260\.00 written off/).waitFor();
  expect((await call("GET", `/v1/claims/${claims.writeOff}/ledger`, { key: w.key })).body.balances).toMatchObject({
    deniedCents: 0,
    adjustedCents: 26_000,
  });
  await owner.page.close();
}, 240_000);

it("a biller places suspense money over two claims and keeps the rest with a note", async () => {
  const { page } = await signedIn(h.browser, h.base, w.key, "biller");
  const seen = watch(page, h.base);
  await page.goto(`${h.base}/app/queues/suspense`);
  await page.getByRole("row").filter({ hasText: "CLSTRANGER0001" }).click();
  const work = panel(page, "Suspense $180.00");
  await work.getByLabel("Claim").fill(claims.p1!);
  await work.getByLabel("Amount").fill("100.00");
  await work.getByRole("button", { name: "Add a row (split)" }).click();
  await work.getByLabel("Claim").nth(1).fill(claims.p2!);
  await work.getByLabel("Amount").nth(1).fill("50.00");
  await work.getByRole("button", { name: "Place it" }).click();
  // 180 - 100 - 50 = 30.00 left.
  await work.getByText("$30.00 left", { exact: true }).waitFor();
  await work.getByLabel("Row 1").selectOption("keep");
  await work.getByLabel("Amount").fill("30.00");
  await work.getByLabel("Note").fill("payer to say which patient");
  await work.getByRole("button", { name: "Place it" }).click();
  await work.getByText("$0.00 left", { exact: true }).waitFor();
  await shot(page, "queues-suspense-placed");
  const item = (await call("GET", "/v1/suspense", { key: w.key })).body.items.find(
    (i: any) => i.patientControlNumber === "CLSTRANGER0001",
  );
  expect(item).toMatchObject({ appliedCents: 15_000, keptCents: 3_000, remainingCents: 0, resolved: true });
  expect(seen.errors).toEqual([]);
  await page.close();
}, 120_000);
