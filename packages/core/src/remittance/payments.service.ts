import { z } from "zod";
import { claimsOfPatient, claimUpdateItem, getClaim, historyEvent, type Claim, todayIn } from "../claim/index.ts";
import {
  applyEntries,
  entryPut,
  splitPatientPayment,
  splitRefund,
  zeroBalances,
  type Balances,
  type EntryDraft,
} from "../ledger/index.ts";
import { chainsOf, visitBalance } from "./cob.ts";
import { getPractice } from "../practice/index.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { invalid, conflict, type FieldError } from "../shared/errors.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { newId } from "../shared/ids.ts";
import { cents, isoDate } from "../shared/schema.ts";
import { now } from "../shared/db.ts";
import { Periods, withOpenMonth } from "../invoice/index.ts";
import { eventPut } from "../event/index.ts";

/**
 * Payments posted by hand: a patient's payment (cash, check, card), an insurance payment from a
 * paper EOB, or a refund to the patient (negative entries). Each lands on claim lines with its
 * payment date, which decides the month it is collected in.
 */
const paymentFields = z.strictObject({
  practiceId: z.string().min(1).max(40),
  kind: z.enum(["patient", "insurance", "refund"]),
  method: z.enum(["cash", "check", "card", "eft"]),
  paymentDate: isoDate,
  reference: z.string().trim().max(50).optional(),
  amountCents: cents.min(1, "must be positive"),
  allocations: z
    .array(
      z.strictObject({
        claimId: z.string().min(1).max(20),
        lineId: z.string().max(20).optional(),
        amountCents: cents.min(1, "must be positive"),
      }),
    )
    .min(1)
    .max(30),
});
export const paymentInput = paymentFields.refine(
  (p) => p.allocations.reduce((s, a) => s + a.amountCents, 0) === p.amountCents,
  {
    path: ["allocations"],
    message: "the allocations must add up to amountCents",
  },
);
export type PaymentInput = z.infer<typeof paymentInput>;

/** A posted payment: what was sent, with its id, when it was posted, and what of it is held as credit. */
export const paymentView = z.object({
  paymentId: z.string(),
  ...paymentFields.shape,
  postedAt: z.string(),
  heldAsCreditCents: z
    .number()
    .int()
    .describe(
      "Of a patient payment, what no share owes yet (the payer has not answered, or it is more than the share): held as the patient's credit on the visit",
    ),
});

/** The claim that holds a visit's patient side now: a share moved on to a secondary (tertiary) is paid there. */
async function currentClaimOf(p: Principal, c: Claim): Promise<Claim> {
  let cur = c;
  for (let hops = 0; hops < 3 && cur.secondaryClaimId; hops++) {
    const next = await getClaim(p, cur.secondaryClaimId).catch(() => undefined);
    if (!next || next.status === "voided" || next.status === "corrected") break;
    cur = next;
  }
  return cur;
}

/** A claim's entries for one allocation of a payment, and its balances after them. */
function allocationEntries(kind: PaymentInput["kind"], b: Balances, a: { lineId?: string; amountCents: number }) {
  const lineId = a.lineId;
  if (kind === "insurance") return [{ kind: "insurance_payment" as const, lineId, amountCents: a.amountCents }];
  if (kind === "patient") {
    // Up to what the patient owes pays the share; the rest (all of it before the payer answered) is held as credit.
    const { paidCents, creditCents } = splitPatientPayment(b, a.amountCents);
    return [
      ...(paidCents ? [{ kind: "patient_payment" as const, lineId, amountCents: paidCents }] : []),
      ...(creditCents ? [{ kind: "patient_deposit" as const, lineId, amountCents: creditCents }] : []),
    ];
  }
  const split = splitRefund(b, a.amountCents);
  if (!split) return undefined;
  return [
    ...(split.fromCreditCents ? [{ kind: "credit_refund" as const, lineId, amountCents: -split.fromCreditCents }] : []),
    ...(split.fromPaidCents ? [{ kind: "refund" as const, lineId, amountCents: -split.fromPaidCents }] : []),
  ];
}

export async function postPayment(p: Principal, input: PaymentInput) {
  authorize(p, "payment.post");
  return recordPayment(p, input);
}

/**
 * Posts a payment for a caller already authorized (POST /v1/payments: payment.post; a desk payment:
 * payment.desk). A patient payment is taken whenever it comes: what the patient owes on the claim
 * pays the share, the rest is held as credit until the last payer sets the share (posting applies
 * it). A refund comes out of held credit first, then out of what the patient paid.
 */
export async function recordPayment(p: Principal, input: PaymentInput) {
  const practice = await getPractice(p, input.practiceId);
  // Money cannot arrive after today where the practice is; a mistyped year would book into a month not yet lived.
  const today = todayIn(practice.timeZone);
  if (input.paymentDate > today)
    throw invalid([
      {
        path: "paymentDate",
        message: `${input.paymentDate} is in the future (today is ${today} in ${practice.timeZone})`,
      },
    ]);
  const paymentId = newId("pmt");
  const errors: FieldError[] = [];
  const claims = new Map<string, Claim>();
  const target = new Map<number, string>();
  for (const [i, a] of input.allocations.entries()) {
    const c = await getClaim(p, a.claimId).catch(() => undefined);
    if (!c || c.practiceId !== input.practiceId) {
      errors.push({ path: `allocations.${i}.claimId`, message: "no such claim in this practice" });
      continue;
    }
    if (a.lineId && !c.doc.lines.some((l) => l.lineId === a.lineId))
      errors.push({ path: `allocations.${i}.lineId`, message: "no such line on the claim" });
    const on = input.kind === "insurance" ? c : await currentClaimOf(p, c);
    claims.set(on.claimId, on);
    target.set(i, on.claimId);
  }
  if (errors.length) throw invalid(errors);
  const at = now();
  let heldAsCreditCents = 0;
  const periods = new Periods(p.tenantId);
  await withOpenMonth(periods, input.practiceId, input.paymentDate, async (month, fence) => {
    const items = [];
    heldAsCreditCents = 0;
    for (const c of claims.values()) {
      let balances = c.balances ?? zeroBalances(c.totalChargeCents);
      const entries: EntryDraft[] = [];
      for (const [i, a] of input.allocations.entries()) {
        if (target.get(i) !== c.claimId) continue;
        const mine = allocationEntries(input.kind, balances, a);
        if (!mine)
          throw invalid([
            {
              path: `allocations.${i}.amountCents`,
              message: `claim ${c.claimId}: the refund is more than the patient paid and holds as credit`,
            },
          ]);
        balances = applyEntries(balances, mine);
        entries.push(...mine);
      }
      heldAsCreditCents += entries.filter((e) => e.kind === "patient_deposit").reduce((s, e) => s + e.amountCents, 0);
      entries.forEach((e, n) =>
        items.push(
          entryPut({
            tenantId: p.tenantId,
            practiceId: c.practiceId,
            month,
            entryId: `${paymentId}-${c.claimId}-${n + 1}`,
            claimId: c.claimId,
            lineId: e.lineId,
            kind: e.kind,
            amountCents: e.amountCents,
            payerId: input.kind === "insurance" ? c.payerId : undefined,
            remittanceId: paymentId,
            depositDate: input.paymentDate,
            postedAt: at,
          }),
        ),
      );
      items.push(
        tx.update(
          claimUpdateItem(p.tenantId, c.claimId, { set: { balances, updatedAt: at }, version: c.version, claim: c }),
        ),
        tx.put(
          historyEvent(
            p.tenantId,
            c.claimId,
            actorOf(p),
            {
              kind: "edit",
              fields: ["balances"],
              reason: `${input.kind} payment ${paymentId} (${input.method}${input.reference ? ` ${input.reference}` : ""})`,
            },
            at,
          ),
        ),
      );
    }
    if (items.length > 99) throw invalid([{ path: "allocations", message: "too many lines in one payment; split it" }]);
    items.push(
      eventPut(
        p.tenantId,
        {
          type: "payment.posted",
          practiceId: input.practiceId,
          ids: { paymentId, claimIds: [...claims.keys()] },
          status: input.kind,
        },
        at,
      ),
    );
    await transactWrite(items, fence);
  }).catch((err: unknown) => {
    if (err instanceof TransactionConflict) throw conflict("A claim changed at the same time; retry");
    throw err;
  });
  return { paymentId, ...input, postedAt: at, heldAsCreditCents };
}

/**
 * What a patient owes across their claims in a practice, visit by visit: a visit billed to a
 * secondary (tertiary) coverage counts once, the patient owes what the last payer left, and a
 * share still waiting on the next payer shows as pending secondary, outside the balance due.
 */
export async function patientBalance(p: Principal, practiceId: string, patientId: string) {
  await getPractice(p, practiceId);
  const claims = chainsOf(await claimsOfPatient(p.tenantId, practiceId, patientId))
    .map(visitBalance)
    .filter(
      (v) =>
        v.patientResponsibilityCents !== 0 ||
        v.patientPaidCents !== 0 ||
        v.pendingSecondaryCents !== 0 ||
        v.creditCents !== 0,
    );
  return {
    patientId,
    balanceCents: claims.reduce((s, c) => s + c.patientBalanceCents, 0),
    pendingSecondaryCents: claims.reduce((s, c) => s + c.pendingSecondaryCents, 0),
    creditCents: claims.reduce((s, c) => s + c.creditCents, 0),
    overpaymentCents: claims.reduce((s, c) => s + c.overpaymentCents, 0),
    claims,
  };
}
