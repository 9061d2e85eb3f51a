import { categoryOf, ledgerOf, type LedgerRow } from "../ledger/index.ts";
import { practiceForSystem, type ContractTerm, type Practice } from "../practice/index.ts";
import { tenantForSystem } from "../tenant/index.ts";
import { CounterEntity } from "../shared/counter.ts";
import { InvoiceEntity, type InvoiceStatus } from "./invoice.entity.ts";
import { feeContractOf, invoiceLines, type Collections } from "./fee.ts";
import { paymentsPosted, readActivity } from "./activity.ts";
import { fenceEndsAt } from "./period.ts";
import { writeInvoiceFiles, type InvoiceFiles } from "./document.ts";
import type { InvoiceBody } from "./invoice.schema.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { AppError, conflict, invalid, notFound } from "../shared/errors.ts";
import { canSeePractice, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { newId } from "../shared/ids.ts";
import { addDays } from "../shared/dates.ts";
import { now } from "../shared/db.ts";
import { presign } from "../shared/storage.ts";
import type { Address } from "../shared/schema.ts";
import { eventPut } from "../event/index.ts";
import { sendMessage } from "../shared/queue.ts";
import { invoicePacketMessages } from "./messages.ts";

/** Days from finalize to the due date printed on the invoice. */
export const PAYMENT_TERMS_DAYS = 30;

const emptyCollections = (): Collections => ({
  insurancePaymentsCents: 0,
  patientPaymentsCents: 0,
  refundsCents: 0,
  recoupmentsCents: 0,
  interestCents: 0,
});

/** The contract term in force for a month: the one covering its last day, else any covering part of it. */
export function termFor(terms: ContractTerm[], period: string): ContractTerm | undefined {
  const first = `${period}-01`;
  const last = `${period}-${String(new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0)).getUTCDate()).padStart(2, "0")}`;
  const covers = (t: ContractTerm, day: string) => t.effectiveFrom <= day && (!t.effectiveTo || t.effectiveTo >= day);
  return (
    terms.find((t) => covers(t, last)) ??
    terms.find((t) => t.effectiveFrom <= last && (!t.effectiveTo || t.effectiveTo >= first))
  );
}

/**
 * Computes a practice's invoice for a month from its ledger partition (payments booked into the
 * month, late ones from closed months included) and the contract in force. Reads are proportional
 * to the practice-month's entries, never to the table.
 */
export async function computeInvoice(
  tenantId: string,
  practiceId: string,
  period: string,
  invoiceId: string,
  consistent = false,
): Promise<{ body: InvoiceBody; entries: LedgerRow[] }> {
  const [practice, tenant] = await Promise.all([practiceForSystem(tenantId, practiceId), tenantForSystem(tenantId)]);
  if (!practice || !tenant) throw notFound("Practice");
  const term = termFor(practice.contracts as ContractTerm[], period);
  if (!term)
    throw invalid([
      {
        path: "period",
        message: `practice ${practiceId} has no contract term in force in ${period}; add one before invoicing`,
      },
    ]);
  const contract = feeContractOf(term);

  const entries = (await ledgerOf(tenantId, practiceId, period, consistent)).filter((e) => categoryOf(e));
  const current = emptyCollections();
  const prior = emptyCollections();
  const priorMonths = new Map<string, Collections>();
  for (const e of entries) {
    const category = categoryOf(e)!;
    const month = e.depositDate.slice(0, 7);
    if (month < period) {
      prior[category] += e.amountCents;
      const m = priorMonths.get(month) ?? emptyCollections();
      m[category] += e.amountCents;
      priorMonths.set(month, m);
    } else {
      current[category] += e.amountCents;
    }
  }
  const activity = await readActivity(tenantId, practiceId, period);
  const setupDue = contract.oneOffSetupCents ? !(await hasClosedInvoiceBefore(tenantId, practiceId, period)) : false;
  const fee = invoiceLines(
    {
      ...current,
      prior,
      claimsSubmitted: activity["claims-submitted"],
      statementsSent: activity["statements-sent"],
      setupDue,
    },
    contract,
  );
  const body: InvoiceBody = {
    invoiceId,
    status: "draft",
    period,
    company: {
      name: tenant.name,
      address: tenant.address as Address | undefined,
      email: tenant.email,
      phone: tenant.phone,
      paymentInstructions: tenant.paymentInstructions,
    },
    practice: { practiceId, name: practice.legalName, address: practice.address as Practice["address"] },
    contract: term,
    collections: { ...current, countedCents: fee.collectedCents },
    priorPeriod: {
      countedCents: fee.priorPeriodCents,
      months: [...priorMonths].sort().map(([month, collections]) => ({ month, collections })),
    },
    activity: {
      claimsSubmitted: activity["claims-submitted"],
      statementsSent: activity["statements-sent"],
      setupDue,
      paymentsPosted: paymentsPosted(entries),
    },
    lines: fee.lines,
    totalCents: fee.totalCents,
    entryCount: entries.length,
    computedAt: now(),
  };
  return { body, entries };
}

async function hasClosedInvoiceBefore(tenantId: string, practiceId: string, period: string): Promise<boolean> {
  const { data } = await InvoiceEntity.query
    .byPractice({ tenantId, practiceId })
    .lt({ period })
    .go({ pages: "all", attributes: ["status"] });
  return data.some((i) => i.status !== "draft");
}

async function currentInvoice(tenantId: string, practiceId: string, period: string) {
  const { data } = await InvoiceEntity.get({ tenantId, practiceId, period, slot: "current" }).go({ consistent: true });
  return data;
}

/**
 * The invoice run's work for one practice: (re)computes the month's draft. A finalized (or sent,
 * paid) invoice is left alone, so running a period twice never duplicates or changes one.
 */
export async function draftInvoice(
  tenantId: string,
  practiceId: string,
  period: string,
): Promise<{ outcome: "drafted" | "recomputed" | "left_alone"; invoiceId: string }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await currentInvoice(tenantId, practiceId, period);
    if (existing && existing.status !== "draft") return { outcome: "left_alone", invoiceId: existing.invoiceId };
    const invoiceId = existing?.invoiceId ?? newId("inv");
    const { body, entries } = await computeInvoice(tenantId, practiceId, period, invoiceId);
    const files = await writeInvoiceFiles(tenantId, body, entries);
    const item = {
      tenantId,
      practiceId,
      period,
      slot: "current",
      invoiceId,
      status: "draft" as const,
      body,
      files,
      computedAt: body.computedAt,
      version: (existing?.version ?? 0) + 1,
    };
    const put = existing
      ? InvoiceEntity.put(item).where(
          (a, op) => `${op.eq(a.status, "draft")} AND ${op.eq(a.version, existing.version)}`,
        )
      : InvoiceEntity.put(item).where((a, op) => op.notExists(a.invoiceId));
    try {
      await transactWrite([tx.put(put.params())]);
      return { outcome: existing ? "recomputed" : "drafted", invoiceId };
    } catch (err) {
      if (!(err instanceof TransactionConflict)) throw err;
      // Someone finalized or recomputed it meanwhile: look again.
    }
  }
  throw conflict("The invoice changed while it was being computed; run it again");
}

/**
 * Finalize: closes the month for posting (status `finalizing`: payments arriving from now on book
 * into the next month), waits out the posting fence (period.ts), recomputes with consistent reads, then takes the next invoice number and
 * freezes the invoice in one transaction, so numbers have no gaps and no two invoices share one.
 */
export async function finalizeInvoice(p: Principal, practiceId: string, period: string) {
  authorize(p, "invoice.finalize");
  const existing = await visibleInvoice(p, practiceId, period);
  if (existing.status !== "draft" && existing.status !== "finalizing") {
    throw new AppError(
      409,
      "invoice-not-draft",
      "Invoice is not a draft",
      `The ${period} invoice is ${existing.status}; only a draft can be finalized`,
    );
  }
  let version = existing.version;
  let closingAt = existing.closingAt ?? now();
  if (existing.status === "draft") {
    closingAt = now();
    await transactWrite([
      tx.update(
        InvoiceEntity.patch({ tenantId: p.tenantId, practiceId, period, slot: "current" })
          .set({ status: "finalizing", closingAt })
          .add({ version: 1 })
          .where((a, op) => `${op.eq(a.status, "draft")} AND ${op.eq(a.version, version)}`)
          .params(),
      ),
    ]).catch(rethrowAsConflict);
    version++;
  }
  // Postings that saw the month open land within the fence; only then is the month read.
  const wait = fenceEndsAt(closingAt) - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const { body, entries } = await computeInvoice(p.tenantId, practiceId, period, existing.invoiceId, true);
  const finalizedAt = now();
  const dueDate = addDays(finalizedAt, PAYMENT_TERMS_DAYS);
  for (let attempt = 0; ; attempt++) {
    const { data: counter } = await CounterEntity.get({ tenantId: p.tenantId, name: "invoice-number" }).go({
      consistent: true,
    });
    const last = counter?.value ?? 0;
    const number = `INV-${String(last + 1).padStart(6, "0")}`;
    const frozen: InvoiceBody = { ...body, number, status: "finalized", finalizedAt, dueDate };
    const counterWrite = counter
      ? CounterEntity.update({ tenantId: p.tenantId, name: "invoice-number" })
          .set({ value: last + 1 })
          .where((a, op) => op.eq(a.value, last))
      : CounterEntity.put({ tenantId: p.tenantId, name: "invoice-number", value: 1 }).where((a, op) =>
          op.notExists(a.value),
        );
    try {
      await transactWrite([
        counter ? tx.update(counterWrite.params(), "number") : tx.put(counterWrite.params(), "number"),
        tx.update(
          InvoiceEntity.patch({ tenantId: p.tenantId, practiceId, period, slot: "current" })
            .set({ status: "finalized", number, body: frozen, finalizedAt, computedAt: body.computedAt })
            .add({ version: 1 })
            .where((a, op) => `${op.eq(a.status, "finalizing")} AND ${op.eq(a.version, version)}`)
            .params(),
          "invoice",
        ),
        invoiceEvent(p.tenantId, existing, "finalized", finalizedAt),
      ]);
      const files = await writeInvoiceFiles(p.tenantId, frozen, entries);
      await InvoiceEntity.patch({ tenantId: p.tenantId, practiceId, period, slot: "current" }).set({ files }).go();
      // The month-end packet (charts, KPIs) is drawn by the invoice worker, not in this request.
      await sendMessage("InvoiceRunQueue", invoicePacketMessages, {
        tenantId: p.tenantId,
        practiceId,
        period,
        invoiceId: existing.invoiceId,
        packet: true,
      });
      return invoiceView({ ...existing, status: "finalized", number, body: frozen, files, version: version + 1 });
    } catch (err) {
      // Another invoice took this number first: take the next one.
      if (attempt < 10 && err instanceof TransactionConflict && err.failed("number") && !err.failed("invoice"))
        continue;
      rethrowAsConflict(err);
    }
  }
}

/** An invoice's `invoice.<status>` event, for the transaction that moves it. */
function invoiceEvent(
  tenantId: string,
  inv: { invoiceId: string; practiceId: string; period: string },
  status: "finalized" | "sent" | "paid" | "voided",
  at: string,
) {
  return eventPut(
    tenantId,
    {
      type: `invoice.${status}`,
      practiceId: inv.practiceId,
      ids: { invoiceId: inv.invoiceId, period: inv.period },
      status: status === "voided" ? "void" : status,
    },
    at,
  );
}

function rethrowAsConflict(err: unknown): never {
  if (err instanceof TransactionConflict) throw conflict("The invoice changed at the same time; reload it and retry");
  throw err;
}

const MOVES: Record<"send" | "pay", { from: InvoiceStatus[]; to: InvoiceStatus; at: "sentAt" | "paidAt" }> = {
  send: { from: ["finalized"], to: "sent", at: "sentAt" },
  pay: { from: ["finalized", "sent"], to: "paid", at: "paidAt" },
};

/** finalized -> sent -> paid (a finalized invoice may be marked paid directly). */
export async function moveInvoice(p: Principal, practiceId: string, period: string, move: "send" | "pay") {
  authorize(p, "invoice.send");
  const inv = await visibleInvoice(p, practiceId, period);
  const m = MOVES[move];
  if (!m.from.includes(inv.status)) {
    throw new AppError(
      409,
      "illegal-invoice-transition",
      "Illegal invoice status change",
      `A ${inv.status} invoice cannot become ${m.to}`,
    );
  }
  const at = now();
  await transactWrite([
    tx.update(
      InvoiceEntity.patch({ tenantId: p.tenantId, practiceId, period, slot: "current" })
        .set({ status: m.to, [m.at]: at })
        .add({ version: 1 })
        .where((a, op) => op.eq(a.version, inv.version))
        .params(),
    ),
    invoiceEvent(p.tenantId, inv, m.to === "sent" ? "sent" : "paid", at),
  ]).catch(rethrowAsConflict);
  return invoiceView({ ...inv, status: m.to, [m.at]: at, version: inv.version + 1 });
}

/**
 * Void: the invoice keeps its number under a `void-<number>` slot, and the month reopens so a new
 * run drafts a replacement (which gets the next number when finalized). Only the owner voids.
 */
export async function voidInvoice(p: Principal, practiceId: string, period: string, reason: string) {
  authorize(p, "invoice.void");
  const inv = await visibleInvoice(p, practiceId, period);
  if (inv.status === "draft" || inv.status === "finalizing" || inv.status === "paid") {
    throw new AppError(
      409,
      "illegal-invoice-transition",
      "Illegal invoice status change",
      `A ${inv.status} invoice cannot be voided${inv.status === "paid" ? "; issue a credit on the next invoice" : ""}`,
    );
  }
  const at = now();
  const { tenantId } = p;
  const voided = {
    ...inv,
    slot: `void-${inv.number}`,
    status: "void" as const,
    voidedAt: at,
    voidReason: reason,
    body: { ...(inv.body as InvoiceBody), status: "void" as const },
  };
  await transactWrite([
    tx.put(InvoiceEntity.put(voided).params()),
    tx.del(
      InvoiceEntity.delete({ tenantId, practiceId, period, slot: "current" })
        .where((a, op) => op.eq(a.version, inv.version))
        .params(),
    ),
    invoiceEvent(tenantId, inv, "voided", at),
  ]).catch(rethrowAsConflict);
  return invoiceView(voided);
}

async function visibleInvoice(p: Principal, practiceId: string, period: string) {
  if (!canSeePractice(p, practiceId)) throw notFound("Invoice");
  const inv = await currentInvoice(p.tenantId, practiceId, period);
  if (!inv) throw notFound("Invoice");
  return inv;
}

/** The invoice with 15-minute download links to its JSON, CSV and PDF. */
async function invoiceView(inv: {
  invoiceId: string;
  practiceId: string;
  period: string;
  slot: string;
  status: InvoiceStatus;
  number?: string;
  body: unknown;
  files?: unknown;
  packetKey?: string;
  version: number;
}) {
  const files = inv.files as InvoiceFiles | undefined;
  const links = files
    ? {
        jsonUrl: await presign("DocumentBucket", files.json),
        csvUrl: await presign("DocumentBucket", files.csv),
        pdfUrl: await presign("DocumentBucket", files.pdf),
        ...(inv.packetKey ? { packetUrl: await presign("DocumentBucket", inv.packetKey) } : {}),
      }
    : {};
  const body = inv.body as InvoiceBody;
  return {
    ...body,
    practiceId: inv.practiceId,
    slot: inv.slot,
    status: inv.status,
    number: inv.number,
    version: inv.version,
    ...links,
  };
}

/**
 * Draws a finalized (sent, paid) invoice's month-end packet again: the worker's message is sent
 * anew, as finalize sent it (a lost or failed message, or a contract schedule loaded since). The
 * packet in place stays until the new one is written.
 */
export async function redrawPacket(p: Principal, practiceId: string, period: string) {
  authorize(p, "invoice.send");
  const inv = await visibleInvoice(p, practiceId, period);
  if (!["finalized", "sent", "paid"].includes(inv.status))
    throw new AppError(
      409,
      "no-packet",
      "No packet for this invoice",
      `A ${inv.status} invoice has no month-end packet: finalize it first`,
    );
  await sendMessage("InvoiceRunQueue", invoicePacketMessages, {
    tenantId: p.tenantId,
    practiceId,
    period,
    invoiceId: inv.invoiceId,
    packet: true,
  });
  return invoiceView(inv);
}

export async function getInvoice(p: Principal, practiceId: string, period: string) {
  return invoiceView(await visibleInvoice(p, practiceId, period));
}

/** A period's invoices across the company (or one practice's, always, for a practice key). */
export async function listInvoices(p: Principal, q: { period?: string; practiceId?: string }) {
  const practiceId = p.practiceId ?? q.practiceId;
  if (practiceId && !canSeePractice(p, practiceId)) return { items: [] };
  let items;
  if (practiceId) {
    const query = InvoiceEntity.query.byPractice({ tenantId: p.tenantId, practiceId });
    items = (await (q.period ? query.begins({ period: q.period }) : query).go({ pages: "all" })).data;
  } else if (q.period) {
    items = (await InvoiceEntity.query.byPeriod({ tenantId: p.tenantId, period: q.period }).go({ pages: "all" })).data;
  } else {
    throw invalid([{ path: "query.period", message: "give a period (YYYY-MM) or a practiceId" }]);
  }
  return {
    items: items.map((i) => {
      const b = i.body as InvoiceBody;
      return {
        practiceId: i.practiceId,
        practiceName: b.practice.name,
        period: i.period,
        slot: i.slot,
        invoiceId: i.invoiceId,
        number: i.number,
        status: i.status,
        collectedCents: b.collections.countedCents,
        priorPeriodCents: b.priorPeriod.countedCents,
        totalCents: b.totalCents,
        computedAt: i.computedAt,
        finalizedAt: i.finalizedAt,
      };
    }),
  };
}

/**
 * A month's live invoices across the company (one Query on the period index), with what the
 * profitability report reads of each: the fee, and the work month close counted.
 */
export async function invoicesOfPeriod(tenantId: string, period: string) {
  const { data } = await InvoiceEntity.query.byPeriod({ tenantId, period }).go({ pages: "all" });
  return data
    .filter((i) => i.slot === "current")
    .map((i) => {
      const b = i.body as InvoiceBody;
      return {
        practiceId: i.practiceId,
        period: i.period,
        status: i.status,
        number: i.number,
        totalCents: b.totalCents,
        collectedCents: b.collections.countedCents,
        activity: b.activity,
      };
    });
}

/** The live invoice of a practice-month as the packet worker reads it (no principal: the message names it). */
export async function invoiceForPacket(tenantId: string, practiceId: string, period: string) {
  const inv = await currentInvoice(tenantId, practiceId, period);
  if (!inv) return undefined;
  return {
    invoiceId: inv.invoiceId,
    status: inv.status,
    body: inv.body as InvoiceBody,
    files: inv.files as InvoiceFiles,
  };
}

/** Records where the packet was written, on the invoice it was drawn for (not on a replacement). */
export async function setPacketKey(
  tenantId: string,
  practiceId: string,
  period: string,
  invoiceId: string,
  key: string,
) {
  await InvoiceEntity.patch({ tenantId, practiceId, period, slot: "current" })
    .set({ packetKey: key })
    .where((a, op) => op.eq(a.invoiceId, invoiceId))
    .go();
}
