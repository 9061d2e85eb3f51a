import { beforeAll, describe, expect, it } from "vitest";
import { ReceiveMessageCommand, DeleteMessageCommand } from "@aws-sdk/client-sqs";
import { LedgerEntryEntity } from "@claimledger/core/ledger/ledger.entity.ts";
import { InvoiceEntity } from "@claimledger/core/invoice/invoice.entity.ts";
import { countActivity } from "@claimledger/core/invoice/activity.ts";
import { Periods, withOpenMonth } from "@claimledger/core/invoice/period.ts";
import { processBatch } from "@claimledger/core/batch/process.service.ts";
import { queueUrl, sqsClient } from "@claimledger/core/shared/aws.ts";
import { transactWrite, tx } from "@claimledger/core/shared/transact.ts";
import { pdfText } from "@claimledger/core/shared/pdf.ts";
import { handler as invoiceRunHandler } from "../src/queue/invoice-run.ts";
import { call, newKey, newTenant, samples } from "./http.ts";
import { batchReady } from "./cycle.ts";

/**
 * Month close end to end: known ledger entries in September 2026 for three practices with a
 * tiered, a minimum and a flat-fee contract, invoiced to the cent (worked out by hand below); the
 * run through SQS, re-runs, finalize with gapless numbers, a payment after finalize billed on
 * October's invoice as a prior-period line, the files, the lifecycle and who may see what.
 */
let key: string;
let tenantId: string;
const P: Record<"tiered" | "minimum" | "flat", string> = { tiered: "", minimum: "", flat: "" };
let claimId: string;
let entrySeq = 0;
let minimumNumber: string;

const since2026 = { effectiveFrom: "2026-01-01" };
const contracts = {
  // 7% up to $50,000 collected in the month, 6% above; interest excluded (the default).
  tiered: { ...since2026, percentBps: 0, tiers: [{ upToCents: 5_000_000, percentBps: 700 }, { percentBps: 600 }] },
  // 5% with a $600 monthly minimum.
  minimum: { ...since2026, percentBps: 500, monthlyMinimumCents: 60_000 },
  // 4.5% plus $3.50 per claim submitted, $1.25 per statement, $250 setup once.
  flat: {
    ...since2026,
    percentBps: 450,
    perClaimSubmittedCents: 350,
    perStatementCents: 125,
    oneOffSetupCents: 25_000,
  },
};

/** Entry ids start with hex digits as posted ones do, spread over every range the ledger is read in. */
async function entry(
  practiceId: string,
  month: string,
  kind: string,
  amountCents: number,
  depositDate = `${month}-15`,
) {
  await LedgerEntryEntity.create({
    tenantId,
    practiceId,
    month,
    entryId: `${((++entrySeq * 0x2f1b) % 0xffff).toString(16).padStart(4, "0")}-test`,
    claimId: "CLTEST",
    kind,
    amountCents,
    depositDate,
    postedAt: new Date().toISOString(),
  }).go();
}

/** Runs the InvoiceRunQueue consumer (the Lambda handler) over what is queued, as the worker does. */
async function drainInvoiceRuns() {
  const sqs = sqsClient();
  const QueueUrl = queueUrl("InvoiceRunQueue");
  for (let empty = 0; empty < 2;) {
    const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    const messages = res.Messages ?? [];
    if (!messages.length) {
      empty++;
      continue;
    }
    for (const m of messages) {
      const out = await invoiceRunHandler({
        Records: [{ messageId: m.MessageId!, body: m.Body!, receiptHandle: m.ReceiptHandle! }],
      } as any);
      expect(out.batchItemFailures).toEqual([]);
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle! }));
    }
  }
}

async function run(period: string, practiceIds?: string[]) {
  const started = await call("POST", "/v1/invoice-runs", { key, body: { period, practiceIds } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await drainInvoiceRuns();
  const done = await call("GET", `/v1/invoice-runs/${started.body.runId}`, { key });
  expect(done.body).toMatchObject({ status: "done", done: started.body.practices, failed: 0 });
  return started.body;
}

const invoiceOf = (practiceId: string, period: string, k = key) =>
  call("GET", `/v1/practices/${practiceId}/invoices/${period}`, { key: k });
const lines = (inv: any) => inv.lines.map((l: any) => [l.kind, l.amountCents]);

beforeAll(async () => {
  ({ tenantId, ownerKey: key } = await newTenant("Month Close Billing LLC"));
  const company = await call("PATCH", "/v1/tenant", {
    key,
    body: {
      address: { line1: "9 Harbor Rd", city: "Portland", state: "ME", postalCode: "041011234" },
      phone: "(207) 555-0142",
      email: "billing@monthclose.example",
      paymentInstructions: "ACH to Casco Bank, routing 011200365, account 4471",
    },
  });
  expect(company.status, JSON.stringify(company.body)).toBe(200);
  for (const name of ["tiered", "minimum", "flat"] as const) {
    const r = await call("POST", "/v1/practices", {
      key,
      body: { ...samples.practice, legalName: `${name} practice`, contracts: [contracts[name]] },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    P[name] = r.body.practiceId;
  }
  // Tiered: 40,000 + 20,000 paid, a 1,500 reversal and a 200 PLB recoupment, 750.50 from patients
  // less a 50.50 refund; interest 12.34 (not counted) and a contractual adjustment (not money).
  for (const [kind, cents] of [
    ["insurance_payment", 4_000_000],
    ["insurance_payment", 2_000_000],
    ["insurance_payment", -150_000],
    ["provider_adjustment", -20_000],
    ["patient_payment", 75_050],
    ["refund", -5_050],
    ["interest", 1_234],
    ["contractual_adjustment", 999_999],
  ] as const) {
    await entry(P.tiered, "2026-09", kind, cents);
  }
  await entry(P.minimum, "2026-09", "insurance_payment", 800_000);
  await entry(P.flat, "2026-09", "insurance_payment", 1_234_567);
  for (let i = 0; i < 12; i++) await transactWrite([countActivity(tenantId, P.flat, "2026-09", "claims-submitted")]);
  for (let i = 0; i < 3; i++) await transactWrite([countActivity(tenantId, P.flat, "2026-09", "statements-sent")]);
  // Entries of another month and another practice must not leak in.
  await entry(P.tiered, "2026-08", "insurance_payment", 123_456);

  const providerId = (await call("POST", `/v1/practices/${P.tiered}/providers`, { key, body: samples.provider })).body
    .providerId;
  const payerId = (await call("POST", "/v1/payers", { key, body: samples.payer })).body.payerId;
  const enc = await call("POST", `/v1/practices/${P.tiered}/encounters`, {
    key,
    body: {
      patient: samples.patient(payerId),
      renderingProviderId: providerId,
      placeOfService: "11",
      serviceDate: "2026-08-20",
      diagnoses: ["E11.9"],
      lines: [{ procedureCode: "99213", chargeCents: 300_000, diagnosisPointers: [1] }],
    },
  });
  claimId = enc.body.claimId;
});

describe("month close", () => {
  it("drafts each practice's invoice to the cent through the SQS run", async () => {
    const started = await run("2026-09");
    expect(started.practices).toBe(3);
    const tiered = (await invoiceOf(P.tiered, "2026-09")).body;
    // counted: 60,000 - 1,500 - 200 + 750.50 - 50.50 = 59,000.00; 7% of 50,000 + 6% of 9,000 = 4,040.00
    expect(tiered).toMatchObject({ status: "draft", period: "2026-09", totalCents: 404_000, entryCount: 7 });
    expect(tiered.collections).toEqual({
      insurancePaymentsCents: 6_000_000,
      recoupmentsCents: -170_000,
      patientPaymentsCents: 75_050,
      refundsCents: -5_050,
      interestCents: 1_234,
      countedCents: 5_900_000,
    });
    expect(lines(tiered)).toEqual([["percentage", 404_000]]);
    // 5% of 8,000 = 400, topped up to the 600 minimum
    expect(lines((await invoiceOf(P.minimum, "2026-09")).body)).toEqual([
      ["percentage", 40_000],
      ["minimum", 20_000],
    ]);
    // 4.5% of 12,345.67 = 555.55515 -> 555.56; 12 claims x 3.50; 3 statements x 1.25; setup 250
    const flat = (await invoiceOf(P.flat, "2026-09")).body;
    expect(lines(flat)).toEqual([
      ["percentage", 55_556],
      ["per_claim", 4_200],
      ["per_statement", 375],
      ["setup", 25_000],
    ]);
    expect(flat.totalCents).toBe(85_131);
  });

  it("writes a PDF a physician can read, a CSV of every counted entry and the JSON", async () => {
    const inv = (await invoiceOf(P.tiered, "2026-09")).body;
    const text = pdfText(Buffer.from(await (await fetch(inv.pdfUrl)).arrayBuffer())).join("\n");
    for (const s of [
      "Month Close Billing LLC",
      "9 Harbor Rd, Portland, ME 04101-1234",
      "(207) 555-0142   billing@monthclose.example",
      "How to pay: ACH to Casco Bank, routing 011200365, account 4471",
      "tiered practice",
      "DRAFT invoice",
      "Period: 2026-09",
      "7% up to $50,000.00, 6% above $50,000.00",
      "$59,000.00",
      "Total due",
      "$4,040.00",
    ])
      expect(text).toContain(s);
    const csv = (await (await fetch(inv.csvUrl)).text()).trim().split("\r\n");
    expect(csv[0]).toBe(
      "entry_id,claim_id,deposit_date,kind,category,prior_period,payer_id,remittance_id,amount_cents,amount",
    );
    expect(csv).toHaveLength(8); // seven money entries; the adjustment is not a collection
    expect(csv.slice(1).reduce((s, r) => s + Number(r.split(",")[8]), 0)).toBe(5_901_234); // counted + interest
    const json = (await (await fetch(inv.jsonUrl)).json()) as any;
    expect(json.totalCents).toBe(404_000);
  });

  it("recomputes a draft on a re-run, never duplicating it", async () => {
    const before = (await invoiceOf(P.minimum, "2026-09")).body;
    await entry(P.minimum, "2026-09", "insurance_payment", 600_000);
    await run("2026-09", [P.minimum]);
    const after = (await invoiceOf(P.minimum, "2026-09")).body;
    expect(after.invoiceId).toBe(before.invoiceId);
    // 5% of 14,000 = 700: above the minimum now
    expect(lines(after)).toEqual([["percentage", 70_000]]);
    const list = await call("GET", "/v1/invoices?period=2026-09", { key });
    expect(list.body.items).toHaveLength(3);
  });

  it("finalizes with gapless numbers, even at the same time, and a re-run leaves finalized invoices alone", async () => {
    const [a, b] = await Promise.all(
      [P.tiered, P.minimum].map((id) => call("POST", `/v1/practices/${id}/invoices/2026-09/finalize`, { key })),
    );
    expect([a!.status, b!.status]).toEqual([200, 200]);
    expect([a!.body.number, b!.body.number].sort()).toEqual(["INV-000001", "INV-000002"]);
    minimumNumber = b!.body.number;
    expect(a!.body).toMatchObject({ status: "finalized", totalCents: 404_000 });
    expect(a!.body.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const text = pdfText(Buffer.from(await (await fetch(a!.body.pdfUrl)).arrayBuffer())).join("\n");
    expect(text).toContain(`Invoice ${a!.body.number}`);
    expect(text).not.toContain("DRAFT");

    await entry(P.tiered, "2026-09", "insurance_payment", 5_000); // written behind the API's back: must not change a finalized invoice
    await run("2026-09");
    const again = (await invoiceOf(P.tiered, "2026-09")).body;
    expect(again).toMatchObject({ number: a!.body.number, totalCents: 404_000, status: "finalized" });
    expect((await call("POST", `/v1/practices/${P.tiered}/invoices/2026-09/finalize`, { key })).status).toBe(409);
  });

  it("bills a payment posted after its month was finalized on the next invoice, as a prior-period line", async () => {
    const pay = await call("POST", "/v1/payments", {
      key,
      body: {
        practiceId: P.tiered,
        kind: "insurance",
        method: "check",
        paymentDate: "2026-09-28",
        reference: "EOB 7781",
        amountCents: 100_000,
        allocations: [{ claimId, amountCents: 100_000 }],
      },
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    // September is closed: the payment is booked into October, keeping its September date.
    const sept = await call("GET", `/v1/practices/${P.tiered}/ledger?month=2026-09`, { key });
    expect(sept.body.items.some((e: any) => e.remittanceId === pay.body.paymentId)).toBe(false);
    const oct = await call("GET", `/v1/practices/${P.tiered}/ledger?month=2026-10`, { key });
    expect(oct.body.items.find((e: any) => e.remittanceId === pay.body.paymentId)).toMatchObject({
      amountCents: 100_000,
      depositDate: "2026-09-28",
    });

    await run("2026-10", [P.tiered]);
    const october = (await invoiceOf(P.tiered, "2026-10")).body;
    // Nothing collected in October itself; the late 1,000.00 at 7% = 70.00
    expect(lines(october)).toEqual([
      ["percentage", 0],
      ["prior_period", 7_000],
    ]);
    expect(october.priorPeriod).toEqual({
      countedCents: 100_000,
      months: [
        {
          month: "2026-09",
          collections: {
            insurancePaymentsCents: 100_000,
            patientPaymentsCents: 0,
            refundsCents: 0,
            recoupmentsCents: 0,
            interestCents: 0,
          },
        },
      ],
    });
    const text = pdfText(Buffer.from(await (await fetch(october.pdfUrl)).arrayBuffer())).join("\n");
    expect(text).toContain("deposited in 2026-09");
    // September's invoice did not change.
    expect((await invoiceOf(P.tiered, "2026-09")).body.totalCents).toBe(404_000);
  });

  it("re-books a posting whose month closes while it is being posted", async () => {
    const periods = new Periods(tenantId);
    // The posting sees September open (still a draft), then the owner finalizes before it is written.
    expect(await periods.bookingMonth(P.flat, "2026-09-30")).toBe("2026-09");
    let tries = 0;
    const booked = await withOpenMonth(periods, P.flat, "2026-09-30", async (month, fence) => {
      if (tries++ === 0)
        expect((await call("POST", `/v1/practices/${P.flat}/invoices/2026-09/finalize`, { key })).body.number).toBe(
          "INV-000003",
        );
      await transactWrite(
        [
          tx.put(
            LedgerEntryEntity.create({
              tenantId,
              practiceId: P.flat,
              month,
              entryId: "race-1",
              claimId: "CLTEST",
              kind: "patient_payment",
              amountCents: 2_000,
              depositDate: "2026-09-30",
              postedAt: new Date().toISOString(),
            }).params(),
          ),
        ],
        fence,
      );
      return month;
    });
    // Finalize waited out the fence, so the posting's check had expired: it read the month again.
    expect(tries).toBe(2);
    expect(booked).toBe("2026-10");
    expect((await invoiceOf(P.flat, "2026-09")).body.totalCents).toBe(85_131);
    await run("2026-10", [P.flat]);
    // 4.5% of the late 20.00 = 0.90; the setup fee was billed once, in September
    expect(lines((await invoiceOf(P.flat, "2026-10")).body)).toEqual([
      ["percentage", 0],
      ["prior_period", 90],
    ]);
  });

  it("moves finalized -> sent -> paid; voiding keeps the number and a replacement gets the next one", async () => {
    expect((await call("POST", `/v1/practices/${P.tiered}/invoices/2026-09/pay`, { key })).body.status).toBe("paid");
    expect(
      (await call("POST", `/v1/practices/${P.tiered}/invoices/2026-09/void`, { key, body: { reason: "typo" } })).status,
    ).toBe(409);
    expect((await call("POST", `/v1/practices/${P.minimum}/invoices/2026-09/send`, { key })).body.status).toBe("sent");
    const voided = await call("POST", `/v1/practices/${P.minimum}/invoices/2026-09/void`, {
      key,
      body: { reason: "wrong contract rate" },
    });
    expect(voided.body).toMatchObject({ status: "void", number: minimumNumber, slot: `void-${minimumNumber}` });
    expect((await invoiceOf(P.minimum, "2026-09")).status).toBe(404);
    await run("2026-09", [P.minimum]);
    const replacement = await call("POST", `/v1/practices/${P.minimum}/invoices/2026-09/finalize`, { key });
    expect(replacement.body).toMatchObject({ number: "INV-000004", totalCents: 70_000 });
    const all = await call("GET", `/v1/invoices?practiceId=${P.minimum}`, { key });
    expect(all.body.items.map((i: any) => [i.slot, i.number, i.status])).toEqual([
      ["current", "INV-000004", "finalized"],
      [`void-${minimumNumber}`, minimumNumber, "void"],
    ]);
  });

  it("lets a practice key read its own invoices only, and only the owner finalize", async () => {
    const practiceKey = await newKey(key, "practice", P.flat);
    expect((await invoiceOf(P.flat, "2026-09", practiceKey)).status).toBe(200);
    expect((await invoiceOf(P.tiered, "2026-09", practiceKey)).status).toBe(404);
    const mine = await call("GET", "/v1/invoices?period=2026-09", { key: practiceKey });
    expect(mine.body.items.map((i: any) => i.practiceId)).toEqual([P.flat]);
    expect((await call("POST", "/v1/invoice-runs", { key: practiceKey, body: { period: "2026-09" } })).status).toBe(
      403,
    );
    const biller = await newKey(key, "biller");
    expect((await call("POST", `/v1/practices/${P.flat}/invoices/2026-10/finalize`, { key: biller })).status).toBe(403);
    const other = await newTenant("Other Billing Co");
    expect((await invoiceOf(P.flat, "2026-09", other.ownerKey)).status).toBe(404);
    expect((await call("GET", "/v1/invoices?period=2026-09", { key: other.ownerKey })).body.items).toEqual([]);
  });

  it("refuses a month that has not started and a malformed period with a problem", async () => {
    const future = await call("POST", "/v1/invoice-runs", { key, body: { period: "2999-01" } });
    expect(future.status).toBe(422);
    expect(future.headers.get("content-type")).toContain("application/problem+json");
    expect((await call("POST", "/v1/invoice-runs", { key, body: { period: "2026-13" } })).status).toBe(422);
    expect((await invoiceOf(P.flat, "2026-9")).status).toBe(422);
  });

  it("counts a claim's first submission for the per-claim fee when its batch is sent", async () => {
    const prc = (
      await call("POST", "/v1/practices", {
        key,
        body: {
          ...samples.practice,
          legalName: "per claim practice",
          contracts: [{ effectiveFrom: "2020-01-01", percentBps: 500, perClaimSubmittedCents: 400 }],
        },
      })
    ).body.practiceId;
    const providerId = (await call("POST", `/v1/practices/${prc}/providers`, { key, body: samples.provider })).body
      .providerId;
    const payerId = (await call("POST", "/v1/payers", { key, body: samples.payer })).body.payerId;
    const dos = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    for (const memberId of ["M1000001", "M1000002"]) {
      const patient = { ...samples.patient(payerId), firstName: memberId };
      patient.coverages = [{ ...patient.coverages[0]!, memberId }];
      const r = await call("POST", `/v1/practices/${prc}/encounters`, {
        key,
        body: {
          patient,
          renderingProviderId: providerId,
          placeOfService: "11",
          serviceDate: dos,
          diagnoses: ["I10"],
          lines: [{ procedureCode: "99213", chargeCents: 12_000, diagnosisPointers: [1] }],
        },
      });
      expect(r.body.status).toBe("ready");
    }
    const sent = await batchReady({ key, tenantId }, { practiceId: prc });
    for (const batchId of sent.batchIds) await processBatch(tenantId, batchId);
    const month = new Date().toISOString().slice(0, 7);
    await run(month, [prc]);
    expect(lines((await invoiceOf(prc, month)).body)).toEqual([
      ["percentage", 0],
      ["per_claim", 800],
    ]);
  });

  it("records a practice without a contract in force as failed, with the reason, and invoices the rest", async () => {
    const bare = (
      await call("POST", "/v1/practices", { key, body: { ...samples.practice, legalName: "no contract practice" } })
    ).body.practiceId;
    const started = await call("POST", "/v1/invoice-runs", {
      key,
      body: { period: "2026-08", practiceIds: [bare, P.minimum] },
    });
    await drainInvoiceRuns();
    const done = await call("GET", `/v1/invoice-runs/${started.body.runId}`, { key });
    expect(done.body).toMatchObject({ status: "done_with_errors", practices: 2, done: 1, failed: 1 });
    expect(done.body.errors).toEqual([
      { practiceId: bare, message: expect.stringContaining("no contract term in force in 2026-08") },
    ]);
    expect((await invoiceOf(P.minimum, "2026-08")).body.status).toBe("draft");
  });
  it("bills a posting that saw the month open and lands while finalize waits out the fence", async () => {
    // A fence of 4 s: the posting's transaction may be written until 2 s after its check.
    process.env.CLAIMLEDGER_POSTING_FENCE_MS = "4000";
    try {
      const periods = new Periods(tenantId);
      const open = await periods.openMonth(P.flat, "2026-10-15");
      expect(open.month).toBe("2026-10"); // a draft still
      const finalizing = call("POST", `/v1/practices/${P.flat}/invoices/2026-10/finalize`, { key });
      const status = async () =>
        (await InvoiceEntity.get({ tenantId, practiceId: P.flat, period: "2026-10", slot: "current" }).go()).data
          ?.status;
      while ((await status()) !== "finalizing") await new Promise((r) => setTimeout(r, 20));
      // The month is closing, but this posting's check came first: it lands in October, within its deadline.
      await transactWrite(
        [
          tx.put(
            LedgerEntryEntity.create({
              tenantId,
              practiceId: P.flat,
              month: open.month,
              entryId: "fence-1",
              claimId: "CLTEST",
              kind: "patient_payment",
              amountCents: 10_000,
              depositDate: "2026-10-15",
              postedAt: new Date().toISOString(),
            }).params(),
          ),
        ],
        { deadline: open.deadline },
      );
      // 4.5% of the 100.00 that landed while October closed = 4.50; 4.5% of September's late 20.00 = 0.90
      expect(lines((await finalizing).body)).toEqual([
        ["percentage", 450],
        ["prior_period", 90],
      ]);
    } finally {
      process.env.CLAIMLEDGER_POSTING_FENCE_MS = "1500";
    }
  });
});
