import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { addDays } from "@claimledger/core/shared/dates.ts";
import { todayIn } from "@claimledger/core/claim/index.ts";
import { countActivity, firstSubmissionItem } from "@claimledger/core/invoice/activity.ts";
import { draftInvoice } from "@claimledger/core/invoice/invoice.service.ts";
import { LedgerEntryEntity } from "@claimledger/core/ledger/ledger.entity.ts";
import { transactWrite } from "@claimledger/core/shared/transact.ts";
import { workItem } from "@claimledger/core/shared/work.ts";
import { call, samples } from "../../functions/test/http.ts";
import { era, upload, visit, world, type World } from "../../functions/test/era.ts";
import { contractWorld, type ContractWorld } from "../../functions/test/contract-world.ts";
import { shot, startConsole, watch, type ConsoleHarness } from "./console.ts";
import { panel, signedIn } from "./work.ts";

/**
 * Fees & payers and Profitability in the browser, every figure on screen worked out by hand.
 * All amounts are MADE-UP figures for the arithmetic (no real payer's contract, no CMS rate).
 *
 * Fees (the same arrangement as functions/test/fee-advice.int.test.ts):
 * Blue Prairie Health (A) contract from 2026-01-01: 99214 $120.00, 93000 $50.00, 36415 $3.00.
 * Medicaid Of Illinois (B): no contract. Fee schedule 99214 $185.00, 93000 $45.00, 36415 $90.00.
 * Every visit bills 99214 $185.00 + 93000 $45.00 = $230.00.
 *
 * claim payer DOS         submitted  paid on     99214 paid              93000 paid
 * c1    A     2026-09-10  2026-09-11 2026-10-01  100.00 (CO-45 85.00)    44.50 (CO-45 0.50)
 * c2    A     2026-09-20  2026-09-20 2026-10-01  120.00 (CO-45 65.00)    0 (CO-97 45.00, denied)
 * c3    B     2026-09-15  2026-09-15 2026-10-10  150.00 (CO-45 35.00)    40.00 (CO-45 5.00)
 * c4    A     2026-10-05  2026-10-06 2026-10-25  120.00 (CO-45 65.00)    45.00
 *
 * Days to pay: c1 20, c2 11, c3 25, c4 19. The one underpayment: c1 99214, expected
 * min(120.00, 185.00) = $120.00, allowed $100.00, short $20.00 (c1 93000 is $0.50 short, inside the $1.00 tolerance).
 */
let h: ConsoleHarness;
let w: World;
let claims: ContractWorld["claims"];

beforeAll(async () => {
  h = await startConsole();
  ({ w, claims } = await contractWorld());
});

afterAll(async () => h?.close());

/** The body rows of a table (not the header), each as its cells' text. */
const cells = async (page: Page, scope: ReturnType<typeof panel>) =>
  Promise.all(
    (await scope.locator("tbody tr").all()).map(async (r) =>
      (await r.locator("td").allInnerTexts()).map((t) => t.trim()),
    ),
  );
const q = () => `from=2026-09&to=2026-10&practiceId=${w.practiceId}`;

it("a biller reads the payer mix, reimbursement and fee advice with the figures worked out by hand, and downloads the CSV", async () => {
  const { page } = await signedIn(h.browser, h.base, w.key, "biller");
  const seen = watch(page, h.base);
  // Fees & payers is in the biller's navigation; Profitability is not.
  const nav = page.getByRole("navigation");
  await nav.getByRole("link", { name: "Fees & payers" }).waitFor();
  expect(await nav.getByRole("link", { name: "Profitability" }).count()).toBe(0);

  await page.goto(`${h.base}/app/fees?tab=payer-mix&${q()}`);
  const table = panel(page, "By practice, month and payer");
  await table.locator("tbody tr").first().waitFor();
  // September: A = c1 + c2: 2 claims, charges 2 x 230.00 = 460.00, paid 100.00 + 44.50 + 120.00 = 264.50,
  // days (20 + 11) / 2 = 15.5; B = c3: 230.00, paid 150.00 + 40.00 = 190.00, 25 days.
  // Shares of 454.50: A 264.50 / 454.50 = 58.1958% -> 58.2%, B 41.8042% -> 41.8%.
  // October: A = c4: 230.00, paid 120.00 + 45.00 = 165.00, 100% of the month, 19 days.
  const name = samples.practice.legalName;
  expect(await cells(page, table)).toEqual([
    ["Sep 2026", "Blue Prairie Health", "2", "$460.00", "$264.50", "58.2%", "15.5"],
    ["Sep 2026", "Medicaid Of Illinois", "1", "$230.00", "$190.00", "41.8%", "25.0"],
    ["Oct 2026", "Blue Prairie Health", "1", "$230.00", "$165.00", "100%", "19.0"],
  ]);
  // The chart draws the same shares: a bar per month, a segment per payer.
  const chart = panel(page, "Share of payments by payer").locator("svg[role=img]");
  const label = await chart.getAttribute("aria-label");
  expect(label).toContain("Sep 2026 $455 (Blue Prairie Health 58.2%, Medicaid Of Illinois 41.8%)");
  expect(label).toContain("Oct 2026 $165 (Blue Prairie Health 100.0%)");
  expect(await chart.locator("rect.bar").count()).toBe(3);
  await shot(page, "fees-payer-mix");

  // The CSV is the API's, for the same period and practice.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel(page, "Share of payments by payer").getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("payer-mix-2026-09-2026-10.csv");
  const csv = readFileSync((await download.path())!, "utf8").split("\r\n");
  expect(csv[1]).toBe(`${w.practiceId},${name},2026-09,${w.payers[0]},Blue Prairie Health,2,46000,26450,58.2,2,15.5`);

  // Reimbursement by code and payer, services 2026-09-01 to 2026-10-31.
  await page.getByRole("tab", { name: "Reimbursement by code" }).click();
  const reimb = panel(page, "Reimbursement by code and payer");
  await reimb.locator("tbody tr").first().waitFor();
  expect(page.url()).toContain("tab=reimbursement");
  // 93000, A: c1, c2, c4: 3 lines at 45.00; allowed = paid = 44.50 + 0 + 45.00 = 89.50, 29.833 -> $29.83 a line;
  // 89.50 / 135.00 = 66.3% of charge; expected on the lines not denied 45.00 + 45.00 = 90.00 -> 99.44%;
  // 1 of 3 denied = 33.33%; days (20 + 19) / 2 = 19.5.
  // 99214, A: 3 lines at 185.00; 100.00 + 120.00 + 120.00 = 340.00, 113.333 -> $113.33 a line; 340 / 555 = 61.26%;
  // expected 3 x 120.00 = 360.00: 94.44%; no denials; days (20 + 11 + 19) / 3 = 16.67 -> 16.7.
  // B (no contract): 99214 150.00 / 185.00 = 81.08%; 93000 40.00 / 45.00 = 88.89%; 25 days; nothing expected.
  const byCode = await cells(page, reimb);
  expect(byCode).toEqual([
    ["93000", "Blue Prairie Health", "3", "$45.00", "$29.83", "$89.50", "66.3%", "$90.00", "99.44%", "33.33%", "19.5"],
    ["93000", "Medicaid Of Illinois", "1", "$45.00", "$40.00", "$40.00", "88.89%", "no contract", "—", "0%", "25.0"],
    ["99214", "Blue Prairie Health", "3", "$185.00", "$113.33", "$340.00", "61.26%", "$360.00", "94.44%", "0%", "16.7"],
    ["99214", "Medicaid Of Illinois", "1", "$185.00", "$150.00", "$150.00", "81.08%", "no contract", "—", "0%", "25.0"],
  ]);
  // Sorted by paid % of charge (lowest first), then filtered to one payer.
  await reimb.getByRole("button", { name: "% of charge" }).click();
  expect((await cells(page, reimb)).map((r) => r[6])).toEqual(["61.26%", "66.3%", "81.08%", "88.89%"]);
  await reimb.getByLabel("Payer", { exact: true }).selectOption({ label: "Medicaid Of Illinois" });
  expect((await cells(page, reimb)).map((r) => [r[0], r[1]])).toEqual([
    ["99214", "Medicaid Of Illinois"],
    ["93000", "Medicaid Of Illinois"],
  ]);
  await shot(page, "fees-reimbursement");

  // Fee advice: 93000 is charged 45.00 where A's contract allows 50.00: raise it to 50.00; left on the table
  // (50.00 - 45.00) on c1 and c4 (c2 denied) = $10.00. 99214 at 185.00 against the highest allowed, B's 150.00: kept.
  // 36415 at 90.00 against A's 3.00 (3000%): far above; lower to 300% of 3.00 = $9.00.
  await page.getByRole("tab", { name: "Fee advice" }).click();
  const advice = panel(page, "Fee advice");
  await advice.locator("tbody tr").first().waitFor();
  const rows = await cells(page, advice);
  // Sorted by the change suggested, the raise first.
  expect(rows.map((r) => [r[0], r[1], r[2]!.replace(/\s+/g, " "), r[3]!.replace(/\s+/g, " "), r[4]])).toEqual([
    ["93000", "$45.00", "$50.00 Blue Prairie Health", "$50.00 Raise", "$10.00"],
    ["99214", "$185.00", "$150.00 Medicaid Of Illinois", "$185.00", "—"],
    ["36415", "$90.00", "$3.00 Blue Prairie Health", "$9.00 Lower", "—"],
  ]);
  expect(rows[0]![6]).toContain("Charge below what a payer allows");
  expect(rows[0]![6]).toContain("Raise the charge of $45.00 to $50.00: Blue Prairie Health allows $50.00");
  expect(rows[1]![6]).toContain("No findings.");
  expect(rows[2]![6]).toContain("Far above what every payer allows");
  // Only the code to raise is highlighted.
  expect(await advice.locator("tbody tr.row-raise").count()).toBe(1);
  expect(await advice.locator("tbody tr.row-raise td").first().innerText()).toBe("93000");
  await expect.poll(() => advice.locator(".report-basis").innerText()).toContain("1 code is charged below");
  expect(await advice.locator(".report-basis").innerText()).toContain("recovers $10.00");
  await shot(page, "fees-advice");
  // At 768 px the wide table scrolls inside its panel: the screen's content is never wider than the page.
  await page.setViewportSize({ width: 768, height: 900 });
  await shot(page, "fees-advice-768");
  const fit = await page.locator("section.page").evaluate((el) => [el.scrollWidth, el.clientWidth]);
  expect(fit[0]).toBeLessThanOrEqual(fit[1]!);
  expect(seen.errors).toEqual([]);
  expect(seen.elsewhere).toEqual([]);
  await page.close();
});

it("a biller works the underpayment: the worklist and the per-payer chart, then marks it appealed", async () => {
  const { page } = await signedIn(h.browser, h.base, w.key, "biller");
  const seen = watch(page, h.base);
  await page.goto(`${h.base}/app/fees?tab=underpayments&${q()}`);
  const work = panel(page, "Underpayments to work");
  await work.locator("tbody tr").first().waitFor();
  // The one line: c1 99214 on Sep 10, 2026, expected $120.00, allowed = paid $100.00, short $20.00.
  const [line] = await cells(page, work);
  expect(line!.slice(0, 9)).toEqual([
    "Open",
    "Blue Prairie Health",
    claims.c1,
    "99214",
    "Sep 10, 2026",
    "$120.00",
    "$100.00",
    "$100.00",
    "$20.00",
  ]);
  const money = panel(page, "Underpaid money per payer");
  const summaryRow = money.locator("tr[data-payer]");
  await summaryRow.waitFor();
  // Lines, expected, allowed, underpaid, then open / appealed / recovered / written off.
  expect((await summaryRow.locator("td").allInnerTexts()).slice(2)).toEqual([
    "1",
    "$120.00",
    "$100.00",
    "$20.00",
    "$20.00",
    "$0.00",
    "$0.00",
    "$0.00",
  ]);
  expect(await money.locator("svg[role=img]").getAttribute("aria-label")).toContain(
    "Blue Prairie Health $20 (Open $20)",
  );
  await shot(page, "fees-underpayments");
  // The reprocessing request to send the payer opens as a PDF, with the signed-in user's session.
  const letter = await work.getByRole("link", { name: "Reprocessing request (PDF)" }).getAttribute("href");
  const pdf = await page.request.get(`${h.base}${letter}`);
  expect([pdf.status(), pdf.headers()["content-type"]]).toEqual([200, "application/pdf"]);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  await work.getByRole("button", { name: "Appealed" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Note (optional)").fill("reconsideration sent");
  await dialog.getByRole("button", { name: "Mark appealed" }).click();
  await page.getByRole("status").filter({ hasText: "marked appealed" }).waitFor();
  // On screen: the badge, the buttons an appealed line has, and the money moved from open to appealed.
  await expect.poll(async () => (await cells(page, work))[0]![0]).toBe("Appealed");
  expect(await work.getByRole("button", { name: "Reopen" }).count()).toBe(1);
  await expect
    .poll(async () => (await summaryRow.locator("td").allInnerTexts()).slice(6, 8))
    .toEqual(["$0.00", "$20.00"]);
  // And in the API: version 2, with the note.
  const saved = (await call("GET", "/v1/underpayments?status=appealed", { key: w.key })).body.items;
  expect(saved.map((u: any) => [u.claimId, u.status, u.version, u.note])).toEqual([
    [claims.c1, "appealed", 2, "reconsideration sent"],
  ]);
  // The status filter shows only what is still open: nothing.
  await work.getByLabel("Status").selectOption("open");
  await work.getByText("No underpayments on these dates of service").waitFor();
  await work.getByLabel("Status").selectOption("");
  await work.locator("tbody tr").first().waitFor();
  await shot(page, "fees-underpayments-appealed");
  expect(seen.errors).toEqual([]);
  await page.close();
});

/**
 * Profitability, a company of its own. The month is this one (`period`), from the month before.
 * Practice A (5% of collections): two visits (yesterday and today) of 260.00 (99214 185.00 + 93000 75.00), paid in full by one 835:
 * fee 5% of 520.00 = $26.00; touches 2 claims sent + 2 payments posted = 4; fee per claim 2600 / 2 = $13.00,
 * per touch 2600 / 4 = $6.50, at least the default $2.00 a touch: it pays. Cost 4 x 2.00 = $8.00, margin $18.00.
 * Practice B "Thin Margin Clinic" (4%), seeded as functions/test/profitability.int.test.ts does: 450.00 collected
 * (3 postings): fee $18.00; 3 claims sent + 2 resubmissions + 1 denial worked + 2 statements + 1 task + 3 payments
 * = 12 touches; per claim 1800 / 3 = $6.00, per touch 1800 / 12 = $1.50 < $2.00: flagged. Cost $24.00, margin -$6.00.
 * This month together: fee $44.00, 16 touches, cost $32.00, margin $12.00; the month before nothing.
 */
it("an owner sees profitability per practice with the thin practice flagged; a biller is refused it", async () => {
  const p = await world(1);
  const today = todayIn(samples.practice.timeZone);
  const period = today.slice(0, 7);
  const before = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)) - 2, 1))
    .toISOString()
    .slice(0, 7);
  const c1 = await visit(p, today);
  const c2 = await visit(p, addDays(today, -1)); // another day, or it is the same encounter
  const full = {
    status: "1" as const,
    lines: [
      { paid: 18_500, cas: [] },
      { paid: 7_500, cas: [] },
    ],
  };
  await upload(
    p,
    await era(p, 0, 9301, today, [
      { claimId: c1, ...full },
      { claimId: c2, ...full },
    ]),
  );
  await draftInvoice(p.tenantId, p.practiceId, period);
  const b = await call("POST", "/v1/practices", {
    key: p.key,
    body: {
      ...samples.practice,
      legalName: "Thin Margin Clinic",
      contracts: [{ effectiveFrom: "2026-01-01", percentBps: 400 }],
    },
  });
  expect(b.status, JSON.stringify(b.body)).toBe(201);
  const practiceB = b.body.practiceId as string;
  const entries: [string, string, number, string?][] = [
    ["CLB1", "insurance_payment", 30_000, "rem_b1"],
    ["CLB2", "insurance_payment", 10_000, "rem_b1"],
    ["CLB1", "patient_payment", 5_000],
  ];
  for (const [i, [claimId, kind, amountCents, remittanceId]] of entries.entries())
    await LedgerEntryEntity.create({
      tenantId: p.tenantId,
      practiceId: practiceB,
      month: period,
      entryId: `${(0x1000 + i * 0x3331).toString(16)}-seed`,
      claimId,
      kind: kind as any,
      amountCents,
      depositDate: today,
      postedAt: new Date().toISOString(),
      ...(remittanceId ? { remittanceId } : {}),
    }).go();
  const at = new Date().toISOString();
  await transactWrite([
    ...["CLB1", "CLB2", "CLB3"].map((claimId) =>
      firstSubmissionItem(p.tenantId, { practiceId: practiceB, claimId, batchId: "bat_seed", at }),
    ),
    countActivity(p.tenantId, practiceB, period, "statements-sent"),
    workItem(p.tenantId, practiceB, at, "resubmissions", "CLB1"),
    workItem(p.tenantId, practiceB, at, "denialsWorked", "res_seed"),
    workItem(p.tenantId, practiceB, at, "tasksDone", "tsk_seed"),
  ]);
  await transactWrite([countActivity(p.tenantId, practiceB, period, "statements-sent")]);
  await transactWrite([workItem(p.tenantId, practiceB, at, "resubmissions", "CLB2")]);
  await draftInvoice(p.tenantId, practiceB, period);

  // A biller: not in the navigation, and the address says it is not for this role.
  const biller = await signedIn(h.browser, h.base, p.key, "biller");
  await biller.page.getByRole("navigation").getByRole("link", { name: "Fees & payers" }).waitFor();
  expect(await biller.page.getByRole("navigation").getByRole("link", { name: "Profitability" }).count()).toBe(0);
  await biller.page.goto(`${h.base}/app/profitability`);
  await biller.page.getByText("This page is not available to your role").waitFor();
  expect(await biller.page.locator(".table").count()).toBe(0);
  await biller.page.close();

  const { page } = await signedIn(h.browser, h.base, p.key, "owner");
  const seen = watch(page, h.base);
  await page.getByRole("navigation").getByRole("link", { name: "Profitability" }).click();
  await page.getByRole("heading", { name: "Profitability", level: 1 }).waitFor();
  await page.goto(`${h.base}/app/profitability?from=${before}&to=${period}`);
  const table = panel(page, "By practice");
  await table.locator("tbody tr").nth(1).waitFor();
  // Fee per touch, lowest first: the thin practice on top, marked.
  const rows = await cells(page, table);
  // Practice, fee, the work, touches, fee per claim, fee per touch, cost, margin.
  expect(rows.map((r) => [r[0]!.replace(/\s+/g, " "), r[1], r[3], r[4], r[5], r[6], r[7]])).toEqual([
    ["Thin Margin Clinic Contract does not pay for the work", "$18.00", "12", "$6.00", "$1.50", "$24.00", "-$6.00"],
    [samples.practice.legalName, "$26.00", "4", "$13.00", "$6.50", "$8.00", "$18.00"],
  ]);
  expect(await table.locator("tbody tr.row-flagged").count()).toBe(1);
  expect(await table.locator("tbody tr.row-flagged").innerText()).toContain("Thin Margin Clinic");
  expect(rows[0]![2]!.replace(/\s+/g, " ")).toBe(
    "3 claims sent · 2 resubmitted · 1 denials worked · 0 appeals · 2 statements · 1 tasks done · 3 payments posted",
  );
  expect(rows[1]![2]!.replace(/\s+/g, " ")).toContain("2 claims sent · 0 resubmitted");
  const banner = page.locator("[data-flagged]");
  expect(await banner.innerText()).toContain("1 practice's contract does not pay for the work: Thin Margin Clinic");
  expect(await banner.innerText()).toContain("cost of $2.00 a touch");
  // The trend: the month before nothing, this month both practices.
  const trend = panel(page, "Trend by month");
  expect(await cells(page, trend)).toEqual([
    [
      new Date(`${before}-15`).toLocaleDateString("en-US", { month: "short", year: "numeric", timeZone: "UTC" }),
      "$0.00",
      "0",
      "$0.00",
      "$0.00",
    ],
    [
      new Date(`${period}-15`).toLocaleDateString("en-US", { month: "short", year: "numeric", timeZone: "UTC" }),
      "$44.00",
      "16",
      "$32.00",
      "$12.00",
    ],
  ]);
  expect(await trend.locator("svg[role=img]").getAttribute("aria-label")).toContain(
    "Fee $0, $44; Cost of touches $0, $32",
  );
  await shot(page, "profitability");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`profitability-${before}-${period}.csv`);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv).toContain(
    `${practiceB},Thin Margin Clinic,${period},draft,1800,3,2,1,0,2,1,3,12,600,150,2400,-600,false`,
  );
  expect(seen.errors).toEqual([]);
  await page.close();
});
