import { writeFileSync } from "node:fs";
import { beforeAll, expect, it } from "vitest";
import { DeleteMessageCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { todayIn } from "@claimledger/core/claim/index.ts";
import { queueUrl, sqsClient } from "@claimledger/core/shared/aws.ts";
import { addDays } from "@claimledger/core/shared/dates.ts";
import { handler as invoiceRunHandler } from "../src/queue/invoice-run.ts";
import { call, newKey, newTenant, samples } from "./http.ts";
import { closeMonth, era, upload, visit, world, type World } from "./era.ts";
import { pdfLibText } from "./packet-text.ts";

/**
 * The month-end packet: finalize queues it, the invoice worker draws it beside the invoice's
 * files, the invoice links it. Three visits of 260.00 (99214 185.00 + 93000 75.00) on the last
 * three days, one 835 today; every figure the packet prints is worked out by hand below.
 */
const today = todayIn(samples.practice.timeZone);
const period = today.slice(0, 7);
const NAME = samples.practice.legalName;
let w: World;
let invoice: any;
let text: string[];

/** Runs the InvoiceRunQueue consumer over what is queued (another test's jobs too: it is the real handler). */
async function drain() {
  const sqs = sqsClient();
  const QueueUrl = queueUrl("InvoiceRunQueue");
  for (;;) {
    const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!res.Messages?.length) return;
    for (const m of res.Messages) {
      const out = await invoiceRunHandler({
        Records: [{ messageId: m.MessageId!, body: m.Body!, receiptHandle: m.ReceiptHandle! }],
      } as any);
      expect(out.batchItemFailures).toEqual([]);
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle! }));
    }
  }
}

beforeAll(async () => {
  process.env.CLAIMLEDGER_POSTING_FENCE_MS = "300";
  w = await world(1);
  const c3 = await visit(w, today);
  const c1 = await visit(w, addDays(today, -1));
  const c2 = await visit(w, addDays(today, -2));
  // C1: 150.00 + 75.00 paid, 35.00 contractual (CO-45); C2 paid in full; C3 denied, CO-50 (medical necessity).
  await upload(
    w,
    await era(w, 0, 9301, today, [
      {
        claimId: c1,
        status: "1",
        lines: [
          { paid: 15_000, cas: [["CO", "45", 3_500]] },
          { paid: 7_500, cas: [] },
        ],
      },
      {
        claimId: c2,
        status: "1",
        lines: [
          { paid: 18_500, cas: [] },
          { paid: 7_500, cas: [] },
        ],
      },
      {
        claimId: c3,
        status: "4",
        lines: [
          { paid: 0, cas: [["CO", "50", 18_500]] },
          { paid: 0, cas: [["CO", "50", 7_500]] },
        ],
      },
    ]),
  );
  ({ invoice, text } = await packetOf(w));
});

/** Closes the month for the world's practice, lets the worker draw the packet, and reads it back as text. */
async function packetOf(w: World): Promise<{ invoice: any; text: string[] }> {
  const finalized = await closeMonth(w, period);
  // Finalize answers before the packet exists: the worker draws it.
  expect(finalized.packetUrl).toBeUndefined();
  let invoice: any;
  for (let i = 0; i < 20 && !invoice?.packetUrl; i++) {
    await drain();
    invoice = (await call("GET", `/v1/practices/${w.practiceId}/invoices/${period}`, { key: w.key })).body;
    if (!invoice.packetUrl) await new Promise((r) => setTimeout(r, 250));
  }
  expect(invoice.packetUrl, "the packet was drawn").toBeTruthy();
  const pdf = new Uint8Array(await (await fetch(invoice.packetUrl)).arrayBuffer());
  if (process.env.CLAIMLEDGER_PACKET_OUT) writeFileSync(process.env.CLAIMLEDGER_PACKET_OUT, pdf);
  expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe("%PDF-");
  return { invoice, text: pdfLibText(pdf).flat() };
}

/** The texts that follow `label` in drawing order (a tile's value, a table row's cells). */
const after = (label: string, n = 1) => {
  const i = text.indexOf(label);
  expect(i, `"${label}" is printed`).toBeGreaterThanOrEqual(0);
  return text.slice(i + 1, i + 1 + n);
};

it("prints the month's collections and the invoice total for the practice", () => {
  expect(text).toContain(NAME);
  expect(invoice.number).toMatch(/^INV-\d{6}$/);
  expect(text).toContain(`Invoice ${invoice.number}`);
  // Collected: C1 150.00 + 75.00 and C2 185.00 + 75.00 = 485.00; 5% of it = 24.25.
  expect(after("Collected this month")).toEqual(["$485.00"]);
  expect(after("Our invoice this month")).toEqual(["$24.25"]);
  expect(after("Invoice total")).toEqual(["$24.25"]);
  expect(invoice.totalCents).toBe(2_425);
  // Charges of this month's services: C3 only (today), 260.00. Owed: C3's denied 260.00.
  expect(after("Charges this month")).toEqual(["$260.00"]);
  expect(after("Owed to the practice (A/R)")).toEqual(["$260.00"]);
  expect(text).toContain("Collections, last 12 months");
});

it("sets each KPI against the billing companies' benchmark", () => {
  // Services of the 90 days to the month's end: the three claims, all answered on their first
  // submission with no edit: clean 3 / 3 = 100%. Adjudicated 3, denied 1: 33.3%, over 10%.
  expect(after("Clean claim rate", 3)).toEqual(["100.0%", "95% and up", "Met"]);
  expect(after("Denial rate", 3)).toEqual(["33.3%", "under 5 to 10%", "Not met"]);
  // Days in A/R: 260.00 open / (780.00 charged / 90 days) = 26000 x 90 / 78000 = 30.0 days.
  expect(after("Days in A/R", 3)).toEqual(["30.0 days", "under 40 to 50 days", "Met"]);
  // Net collection rate: 485.00 paid / (780.00 charged - 35.00 contractual) = 48500 / 74500 = 65.10%.
  expect(after("Net collection rate", 3)).toEqual(["65.1%", "95% and up", "Not met"]);
});

it("shows A/R aging, denials by reason, and says plainly that underpayments and fee advice have no data yet", () => {
  // C3, served today, is 30 days old at the month's end: 0-30. All of it the payer's.
  expect(after("A/R aging", 1)[0]).toBe("$260.00 owed, by days since the date of service");
  expect(after("Insurance $260.00", 0)).toEqual([]);
  expect(text).toContain("Patients $0.00");
  // The reason in full (CARC 50), wrapped at the column's width, then the claims and the amount.
  const row = after("CO-50", 6);
  const n = row.indexOf("1");
  expect(row.slice(0, n).join(" ")).toMatch(
    /^These are non-covered services because .*medical necessity.* by the payer\.$/,
  );
  expect(row.slice(n, n + 2)).toEqual(["1", "$260.00"]);
  expect(text).toContain("Underpayments found and recovered");
  expect(text).toContain("No underpayment data is loaded yet, so this section has no figures this month.");
  expect(text).toContain("Fee advice");
  expect(text).toContain("No fee advice data is loaded yet, so this section has no figures this month.");
});

it("is the practice's own: its key gets the link, another practice's key and another company get 404", async () => {
  const own = await newKey(w.key, "practice", w.practiceId);
  const seen = await call("GET", `/v1/practices/${w.practiceId}/invoices/${period}`, { key: own });
  expect(seen.status).toBe(200);
  expect(seen.body.packetUrl).toContain(`${w.tenantId}/invoices/${w.practiceId}/${period}/`);
  const other = await call("POST", "/v1/practices", {
    key: w.key,
    body: { ...samples.practice, legalName: "Other PC" },
  });
  const otherKey = await newKey(w.key, "practice", other.body.practiceId);
  expect((await call("GET", `/v1/practices/${w.practiceId}/invoices/${period}`, { key: otherKey })).status).toBe(404);
  const stranger = await newTenant("Stranger Billing");
  expect(
    (await call("GET", `/v1/practices/${w.practiceId}/invoices/${period}`, { key: stranger.ownerKey })).status,
  ).toBe(404);
});

it("with a payer contract loaded, prints the underpayments found and the fee advice", async () => {
  // Blue Prairie's contract (made-up figures): 99214 allowed 160.00, 93000 allowed 80.00.
  const v = await world(1);
  const schedule = await call(
    "PUT",
    `/v1/practices/${v.practiceId}/payers/${v.payers[0]}/contract-schedules/2026-01-01`,
    {
      key: v.key,
      headers: { "if-match": '"0"' },
      body: {
        entries: [
          { procedureCode: "99214", allowedCents: 16_000 },
          { procedureCode: "93000", allowedCents: 8_000 },
        ],
      },
    },
  );
  expect(schedule.status, JSON.stringify(schedule.body)).toBe(200);
  const a = await visit(v, today);
  const b = await visit(v, addDays(today, -1));
  // A: 99214 paid 150.00 with CO-45 35.00 (allowed 185.00 - 35.00 = 150.00, expected min(160.00,
  // 185.00) = 160.00: 10.00 short, over the 1.00 tolerance); 93000 paid 75.00 (expected min(80.00,
  // 75.00) = 75.00: none short). B: both lines paid in full (185.00 and 75.00): none short.
  await upload(
    v,
    await era(v, 0, 9302, today, [
      {
        claimId: a,
        status: "1",
        lines: [
          { paid: 15_000, cas: [["CO", "45", 3_500]] },
          { paid: 7_500, cas: [] },
        ],
      },
      {
        claimId: b,
        status: "1",
        lines: [
          { paid: 18_500, cas: [] },
          { paid: 7_500, cas: [] },
        ],
      },
    ]),
  );
  const { text } = await packetOf(v);
  const at = (label: string, n: number) => text.slice(text.indexOf(label) + 1, text.indexOf(label) + 1 + n);
  expect(text).not.toContain("No underpayment data is loaded yet, so this section has no figures this month.");
  // One line underpaid, 10.00 found, nothing recovered yet.
  expect(at("Blue Prairie Health", 3)).toEqual(["1", "$10.00", "$0.00"]);
  // 93000: the practice charges 75.00, Blue Prairie allows 80.00: raise to 80.00 (the highest
  // allowed, whole dollars). 99214: 185.00 is 115.6% of 160.00, within 300%: kept, so not listed.
  expect(at("93000", 2)).toEqual(["$75.00", "$80.00"]);
  // The world has no fee schedule: the charge is the average billed, and the rule says so.
  expect(text.join(" ")).toMatch(
    /Raise the charge of \$75\.00 \(the average billed per unit.*\) to \$80\.00: Blue Prairie/,
  );
  expect(text).not.toContain("99214");
});

it("is drawn again on request: a contract loaded after finalize shows in the redrawn packet", async () => {
  // The first world's packet said no fee advice data was loaded. Now Blue Prairie's (made-up)
  // contract allows 93000 80.00 against the 75.00 charged: the redrawn packet advises raising it.
  const put = await call("PUT", `/v1/practices/${w.practiceId}/payers/${w.payers[0]}/contract-schedules/2026-01-01`, {
    key: w.key,
    headers: { "if-match": '"0"' },
    body: { entries: [{ procedureCode: "93000", allowedCents: 8_000 }] },
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  const redraw = `/v1/practices/${w.practiceId}/invoices/${period}/packet:redraw`;
  const viewer = await newKey(w.key, "viewer");
  expect((await call("POST", redraw, { key: viewer })).status).toBe(403);
  const asked = await call("POST", redraw, { key: w.key });
  expect(asked.status, JSON.stringify(asked.body)).toBe(202);
  // The packet in place stays linked until the worker has drawn the new one.
  expect(asked.body.packetUrl).toBeTruthy();
  await drain();
  const again = (await call("GET", `/v1/practices/${w.practiceId}/invoices/${period}`, { key: w.key })).body;
  const redrawn = pdfLibText(new Uint8Array(await (await fetch(again.packetUrl)).arrayBuffer())).flat();
  expect(redrawn).not.toContain("No fee advice data is loaded yet, so this section has no figures this month.");
  const i = redrawn.indexOf("93000");
  expect(redrawn.slice(i + 1, i + 3)).toEqual(["$75.00", "$80.00"]);
  // A month with no finalized invoice has no packet to draw.
  const none = await call("POST", `/v1/practices/${w.practiceId}/invoices/2020-01/packet:redraw`, { key: w.key });
  expect(none.status).toBe(404);
});
