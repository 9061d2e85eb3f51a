import { PutObjectCommand } from "@aws-sdk/client-s3";
import { bucketName, s3Client } from "../shared/aws.ts";
import { renderPdf, type PdfLine } from "../shared/pdf.ts";
import { usd } from "../shared/money.ts";
import { toCsv } from "../shared/csv.ts";
import type { ContractTerm } from "../practice/index.ts";
import type { Address } from "../shared/schema.ts";
import { categoryOf, type LedgerRow } from "../ledger/index.ts";
import type { InvoiceBody } from "./invoice.schema.ts";

export interface InvoiceFiles {
  json: string;
  csv: string;
  pdf: string;
}

const pct = (bps: number) => `${(bps / 100).toFixed(2).replace(/\.?0+$/, "")}%`;

function rateOf(t: ContractTerm): string {
  const flat = t.monthlyFeeCents ? `${usd(t.monthlyFeeCents)} a month` : "";
  if (!t.tiers?.length && t.percentBps === undefined) return flat;
  if (!t.tiers?.length) return `${pct(t.percentBps ?? 0)} of collections${flat ? ` plus ${flat}` : ""}`;
  let from = 0;
  return t.tiers
    .map((tier) => {
      const part =
        tier.upToCents === undefined
          ? `${pct(tier.percentBps)} above ${usd(from)}`
          : `${pct(tier.percentBps)} up to ${usd(tier.upToCents)}`;
      from = tier.upToCents ?? from;
      return part;
    })
    .join(", ");
}

/** Every counted ledger entry, one row each: the detail a practice reconciles the invoice against. */
export function invoiceCsv(body: InvoiceBody, entries: LedgerRow[]): string {
  const rows = [
    [
      "entry_id",
      "claim_id",
      "deposit_date",
      "kind",
      "category",
      "prior_period",
      "payer_id",
      "remittance_id",
      "amount_cents",
      "amount",
    ],
  ];
  for (const e of [...entries].sort(
    (a, b) => a.depositDate.localeCompare(b.depositDate) || a.entryId.localeCompare(b.entryId),
  )) {
    rows.push([
      e.entryId,
      e.claimId,
      e.depositDate,
      e.kind,
      categoryOf(e)!.replace(/Cents$/, ""),
      e.depositDate.slice(0, 7) < body.period ? "yes" : "no",
      e.payerId ?? "",
      e.remittanceId ?? "",
      String(e.amountCents),
      (e.amountCents / 100).toFixed(2),
    ]);
  }
  return toCsv(rows);
}

/** The invoice a physician reads: who bills whom, for which month, what was collected, the fee and the total. */
export function invoicePdf(body: InvoiceBody): Buffer {
  const a = body.practice.address;
  const co = body.company;
  const oneLine = (x: Address) =>
    `${x.line1}${x.line2 ? `, ${x.line2}` : ""}, ${x.city}, ${x.state} ${x.postalCode.replace(/^(\d{5})(\d{4})$/, "$1-$2")}`;
  const c = body.collections;
  const counts = body.contract.counts ?? { insurance: true, patient: true, interest: false };
  const row = (label: string, cents: number, note = "") => ({
    text: `${label.padEnd(52)} ${usd(cents).padStart(14)}${note ? `  ${note}` : ""}`,
    mono: true,
    size: 9,
  });
  const lines: PdfLine[] = [
    { text: co.name, bold: true, size: 16 },
    ...(co.address ? [{ text: oneLine(co.address) }] : []),
    ...(co.email || co.phone ? [{ text: [co.phone, co.email].filter(Boolean).join("   ") }] : []),
    { text: body.number ? `Invoice ${body.number}` : "DRAFT invoice (not final)", bold: true, size: 13, gap: 10 },
    { text: `Period: ${body.period}` },
    {
      text: body.finalizedAt
        ? `Issued: ${body.finalizedAt.slice(0, 10)}    Due: ${body.dueDate}`
        : `Computed: ${body.computedAt.slice(0, 10)}`,
    },
    { text: "Bill to", bold: true, gap: 12 },
    { text: body.practice.name },
    ...(a ? [{ text: oneLine(a) }] : []),
    { text: "Collections this period", bold: true, gap: 14 },
    row("Insurance payments", c.insurancePaymentsCents, counts.insurance ? "" : "not counted"),
    row("Recoupments and reversals", c.recoupmentsCents, counts.insurance ? "" : "not counted"),
    row("Patient payments", c.patientPaymentsCents, counts.patient ? "" : "not counted"),
    row("Patient refunds", c.refundsCents, counts.patient ? "" : "not counted"),
    row("Interest paid by payers", c.interestCents, counts.interest ? "" : "not counted"),
    { ...row("Collections counted", c.countedCents), bold: true },
    ...(body.priorPeriod.months.length
      ? [
          { text: "Prior-period collections (posted after their month was invoiced)", bold: true, gap: 10 },
          ...body.priorPeriod.months.map((m) =>
            row(
              `  deposited in ${m.month}`,
              Object.values(m.collections).reduce((s, v) => s + v, 0),
            ),
          ),
          { ...row("Prior-period collections counted", body.priorPeriod.countedCents), bold: true },
        ]
      : []),
    {
      text: `Rate: ${rateOf(body.contract)}${body.contract.monthlyMinimumCents ? `; monthly minimum ${usd(body.contract.monthlyMinimumCents)}` : ""}`,
      gap: 10,
    },
    { text: "Charges", bold: true, gap: 14 },
    ...body.lines.map((l) => row(l.description, l.amountCents)),
    { ...row("Total due", body.totalCents), bold: true, gap: 8 },
    ...(co.paymentInstructions ? [{ text: `How to pay: ${co.paymentInstructions}`, gap: 10 }] : []),
    { text: `${body.entryCount} ledger entries counted; the CSV lists each one.`, gap: 14 },
  ];
  return renderPdf(lines, body.number ? `Invoice ${body.number}` : `Draft invoice ${body.period}`);
}

/** JSON, CSV and PDF of an invoice in the document bucket, under the tenant and practice. */
export async function writeInvoiceFiles(
  tenantId: string,
  body: InvoiceBody,
  entries: LedgerRow[],
): Promise<InvoiceFiles> {
  const base = `${tenantId}/invoices/${body.practice.practiceId}/${body.period}/${body.invoiceId}-${body.number ?? "draft"}`;
  const files = { json: `${base}.json`, csv: `${base}.csv`, pdf: `${base}.pdf` };
  const Bucket = bucketName("DocumentBucket");
  const s3 = s3Client();
  await Promise.all([
    s3.send(
      new PutObjectCommand({
        Bucket,
        Key: files.json,
        Body: JSON.stringify(body, null, 2),
        ContentType: "application/json",
      }),
    ),
    s3.send(new PutObjectCommand({ Bucket, Key: files.csv, Body: invoiceCsv(body, entries), ContentType: "text/csv" })),
    s3.send(new PutObjectCommand({ Bucket, Key: files.pdf, Body: invoicePdf(body), ContentType: "application/pdf" })),
  ]);
  return files;
}
