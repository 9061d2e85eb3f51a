import { z } from "zod";
import { claimsOfPatient, claimUpdateItem, getClaim, historyEvent, type Claim, todayIn } from "../claim/index.ts";
import { applyEntries, entryPut, zeroBalances, type EntryDraft } from "../ledger/index.ts";
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

/** A posted payment: what was sent, with its id and when it was posted. */
export const paymentView = z.object({ paymentId: z.string(), ...paymentFields.shape, postedAt: z.string() });

export async function postPayment(p: Principal, input: PaymentInput) {
  authorize(p, "payment.post");
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
  for (const [i, a] of input.allocations.entries()) {
    const c = claims.get(a.claimId) ?? (await getClaim(p, a.claimId).catch(() => undefined));
    if (!c || c.practiceId !== input.practiceId) {
      errors.push({ path: `allocations.${i}.claimId`, message: "no such claim in this practice" });
      continue;
    }
    claims.set(c.claimId, c);
    if (a.lineId && !c.doc.lines.some((l) => l.lineId === a.lineId))
      errors.push({ path: `allocations.${i}.lineId`, message: "no such line on the claim" });
  }
  if (errors.length) throw invalid(errors);
  const at = now();
  const periods = new Periods(p.tenantId);
  await withOpenMonth(periods, input.practiceId, input.paymentDate, async (month, fence) => {
    const items = [];
    for (const c of claims.values()) {
      const mine = input.allocations.filter((a) => a.claimId === c.claimId);
      const sign = input.kind === "refund" ? -1 : 1;
      const entries: EntryDraft[] = mine.map((a) => ({
        kind: input.kind === "insurance" ? "insurance_payment" : "patient_payment",
        lineId: a.lineId,
        amountCents: sign * a.amountCents,
      }));
      const balances = applyEntries(c.balances ?? zeroBalances(c.totalChargeCents), entries);
      if (input.kind === "patient" && (balances.patientBalanceCents ?? 0) < 0) {
        throw invalid([
          {
            path: "allocations",
            message: `claim ${c.claimId}: the patient owes ${(c.balances?.patientBalanceCents ?? 0) / 100} dollars, less than this payment; post the rest as a credit on another claim`,
          },
        ]);
      }
      if (input.kind === "refund" && (balances.patientPaidCents ?? 0) < 0) {
        throw invalid([
          { path: "allocations", message: `claim ${c.claimId}: the refund is more than the patient paid` },
        ]);
      }
      entries.forEach((e, n) =>
        items.push(
          entryPut({
            tenantId: p.tenantId,
            practiceId: c.practiceId,
            month,
            entryId: `${paymentId}-${c.claimId}-${n + 1}`,
            claimId: c.claimId,
            lineId: e.lineId,
            kind: input.kind === "refund" ? "refund" : e.kind,
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
  return { paymentId, ...input, postedAt: at };
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
    .filter((v) => v.patientResponsibilityCents !== 0 || v.patientPaidCents !== 0 || v.pendingSecondaryCents !== 0);
  return {
    patientId,
    balanceCents: claims.reduce((s, c) => s + c.patientBalanceCents, 0),
    pendingSecondaryCents: claims.reduce((s, c) => s + c.pendingSecondaryCents, 0),
    claims,
  };
}
