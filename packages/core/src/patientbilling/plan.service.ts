import { z } from "zod";
import { PaymentPlanEntity } from "./patientbilling.entity.ts";
import { instalmentProblems, monthlyInstalments, newlyMissed, planProgress, type Instalment } from "./plan.ts";
import { onMissedInstalment, type MissedInstalment } from "./followup-hook.ts";
import { positionOf } from "./statement.service.ts";
import { entriesOfClaim } from "../ledger/index.ts";
import { getPatient } from "../patient/index.ts";
import { getPractice } from "../practice/index.ts";
import { auditPut } from "../audit/index.ts";
import { actorOf, canSeePractice, systemPrincipal, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { cents, isoDate } from "../shared/schema.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { AppError, conflict, invalid, notFound } from "../shared/errors.ts";
import { todayIn } from "../shared/dates.ts";
import { newId } from "../shared/ids.ts";
import { now } from "../shared/db.ts";

const instalment = z.strictObject({ dueDate: isoDate, amountCents: cents.min(1, "must be positive") });

export const paymentPlanInput = z
  .strictObject({
    practiceId: z.string().min(1).max(40),
    patientId: z.string().min(1).max(40),
    /** What the plan covers; default: everything the patient owes now. */
    totalCents: cents.min(1, "must be positive").optional(),
    /** When the patient agreed (default today); never in the future. */
    agreedOn: isoDate.optional(),
    /** Equal monthly instalments from firstDueDate... */
    count: z.number().int().min(1).max(60).optional(),
    firstDueDate: isoDate.optional(),
    /** ...or each instalment as agreed. */
    instalments: z.array(instalment).min(1).max(60).optional(),
    note: z.string().trim().max(300).optional(),
  })
  .refine((i) => (i.instalments ? i.count === undefined : i.count !== undefined && i.firstDueDate !== undefined), {
    path: ["instalments"],
    message: "give either instalments, or count with firstDueDate",
  });

const instalmentState = instalment.extend({
  paidCents: z.number().int(),
  status: z.enum(["paid", "partly_paid", "due", "missed"]),
});
export const paymentPlanView = z.object({
  planId: z.string(),
  practiceId: z.string(),
  patientId: z.string(),
  status: z.enum(["active", "completed", "cancelled"]),
  agreedOn: z.string(),
  totalCents: z.number().int(),
  instalments: z.array(instalmentState),
  paidCents: z
    .number()
    .int()
    .describe("Paid on the plan's visits since it was agreed, applied to instalments in order"),
  remainingCents: z.number().int(),
  missed: z.array(z.string()).describe("Due dates of instalments missed (passed, unpaid)"),
  inGoodStanding: z.boolean().describe("No instalment missed: no dunning statements go out"),
  note: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  cancelledAt: z.string().optional(),
  cancelReason: z.string().optional(),
  version: z.number().int(),
});
export type PaymentPlanView = z.infer<typeof paymentPlanView>;

type PlanItem = NonNullable<Awaited<ReturnType<ReturnType<typeof PaymentPlanEntity.get>["go"]>>["data"]>;

/**
 * Patient money paid on the plan's visits (refunds net) that pays its instalments: posted after the
 * plan was made (what came before is already out of the balance it covers), and dated by `asOf`.
 */
const PAYS = new Set(["patient_payment", "patient_deposit", "refund", "credit_refund"]);
async function paidToward(tenantId: string, plan: PlanItem, asOf: string): Promise<number> {
  const entries = (await Promise.all((plan.claimIds as string[]).map((id) => entriesOfClaim(tenantId, id)))).flat();
  return entries
    .filter((e) => PAYS.has(e.kind) && e.postedAt > plan.createdAt && e.depositDate <= asOf)
    .reduce((s, e) => s + e.amountCents, 0);
}

async function viewOf(tenantId: string, plan: PlanItem, asOf: string): Promise<PaymentPlanView> {
  const progress = planProgress(plan.instalments as Instalment[], await paidToward(tenantId, plan, asOf), asOf);
  const { tenantId: _t, instalments: _i, claimIds: _c, missedNotified: _m, updatedAt: _u, ...rest } = plan;
  return {
    ...rest,
    ...progress,
    inGoodStanding: plan.status !== "active" || progress.inGoodStanding,
    missed: plan.status === "active" ? progress.missed : [],
  };
}

const byId = async (tenantId: string, planId: string) =>
  (await PaymentPlanEntity.query.byId({ tenantId, planId }).go()).data[0];

export async function createPaymentPlan(p: Principal, input: z.infer<typeof paymentPlanInput>) {
  authorize(p, "paymentPlan.manage");
  const practice = await getPractice(p, input.practiceId);
  await getPatient(p, input.practiceId, input.patientId);
  const today = todayIn(practice.timeZone);
  const agreedOn = input.agreedOn ?? today;
  if (agreedOn > today) throw invalid([{ path: "agreedOn", message: `must not be after today (${today})` }]);
  const balance = await positionOf(p.tenantId, input.practiceId, input.patientId);
  if (balance.balanceCents <= 0) throw invalid([{ path: "patientId", message: "the patient owes nothing to plan" }]);
  const totalCents = input.totalCents ?? balance.balanceCents;
  if (totalCents > balance.balanceCents)
    throw invalid([{ path: "totalCents", message: `more than the ${balance.balanceCents} cents the patient owes` }]);
  const instalments = input.instalments ?? monthlyInstalments(totalCents, input.count!, input.firstDueDate!);
  const problems = instalmentProblems(instalments, totalCents, agreedOn);
  if (problems.length) throw invalid(problems);
  const { data: existing } = await PaymentPlanEntity.query
    .byPatient({ tenantId: p.tenantId, practiceId: input.practiceId })
    .begins({ patientId: input.patientId })
    .go({ pages: "all" });
  const active = existing.find((x) => x.status === "active");
  if (active)
    throw new AppError(
      409,
      "plan-exists",
      "A plan is active",
      `Plan ${active.planId} is active for this patient; cancel it first`,
    );
  const planId = newId("ppl");
  const at = now();
  const item = {
    tenantId: p.tenantId,
    practiceId: input.practiceId,
    patientId: input.patientId,
    planId,
    status: "active" as const,
    agreedOn,
    totalCents,
    instalments,
    claimIds: balance.claims.filter((v) => v.patientBalanceCents > 0).flatMap((v) => v.claimIds),
    missedNotified: [] as string[],
    ...(input.note ? { note: input.note } : {}),
    createdAt: at,
    createdBy: actorOf(p),
    updatedAt: at,
    version: 1,
  };
  await transactWrite([
    tx.put(PaymentPlanEntity.create(item).params()),
    tx.put(
      auditPut(p, `paymentPlan:${planId}`, "created", {
        practiceId: input.practiceId,
        note: `${instalments.length} instalments`,
      }),
    ),
  ]);
  return viewOf(p.tenantId, item, today);
}

/** A plan by id; another practice's (for a practice key) or another company's is not found. */
export async function getPaymentPlan(p: Principal, planId: string, asOf?: string) {
  const plan = await byId(p.tenantId, planId);
  if (!plan || !canSeePractice(p, plan.practiceId)) throw notFound("Payment plan");
  const practice = await getPractice(p, plan.practiceId);
  return viewOf(p.tenantId, plan, asOf ?? todayIn(practice.timeZone));
}

/** A practice's plans (or one patient's), newest agreements last. */
export async function listPaymentPlans(
  p: Principal,
  q: { practiceId: string; patientId?: string; status?: PlanItem["status"] },
) {
  const practice = await getPractice(p, q.practiceId);
  const query = PaymentPlanEntity.query.byPatient({ tenantId: p.tenantId, practiceId: q.practiceId });
  const { data } = await (q.patientId ? query.begins({ patientId: q.patientId }) : query).go({ pages: "all" });
  const today = todayIn(practice.timeZone);
  const items = await Promise.all(
    data.filter((x) => !q.status || x.status === q.status).map((x) => viewOf(p.tenantId, x, today)),
  );
  return { items };
}

export async function cancelPaymentPlan(p: Principal, planId: string, reason: string) {
  authorize(p, "paymentPlan.manage");
  const plan = await byId(p.tenantId, planId);
  if (!plan || !canSeePractice(p, plan.practiceId)) throw notFound("Payment plan");
  if (plan.status !== "active") throw conflict(`The plan is ${plan.status}`);
  const at = now();
  try {
    await transactWrite([
      tx.update(
        PaymentPlanEntity.patch({
          tenantId: p.tenantId,
          practiceId: plan.practiceId,
          patientId: plan.patientId,
          planId,
        })
          .set({ status: "cancelled", cancelledAt: at, cancelReason: reason, updatedAt: at })
          .add({ version: 1 })
          .where((a, op) => op.eq(a.version, plan.version))
          .params(),
      ),
      tx.put(auditPut(p, `paymentPlan:${planId}`, "cancelled", { practiceId: plan.practiceId, note: reason })),
    ]);
  } catch (err) {
    if (err instanceof TransactionConflict) throw conflict("The plan changed at the same time; retry");
    throw err;
  }
  return getPaymentPlan(p, planId);
}

/** A practice's active plans with an instalment missed as of `asOf` (read only). */
export async function missedPlans(p: Principal, practiceId: string, asOf?: string) {
  const practice = await getPractice(p, practiceId);
  const { items } = await listPaymentPlans(p, { practiceId, status: "active" });
  const date = asOf ?? todayIn(practice.timeZone);
  const plans = await Promise.all(items.map((x) => getPaymentPlan(p, x.planId, date)));
  return { items: plans.filter((x) => !x.inGoodStanding) };
}

/**
 * The practice's active plans checked as of `asOf` (every statement run does it): a plan paid in
 * full is completed; each instalment newly missed goes to `onMissedInstalment` once (the plan
 * records it, audited). Answers each patient's plan standing, for the statement cycle, and the
 * instalments reported.
 */
export async function checkMissedInstalments(tenantId: string, practiceId: string, asOf: string) {
  const { data } = await PaymentPlanEntity.query.byPatient({ tenantId, practiceId }).go({ pages: "all" });
  const standing = new Map<string, boolean>();
  const reported: MissedInstalment[] = [];
  const system = systemPrincipal(tenantId, "plan-check");
  for (const plan of data.filter((x) => x.status === "active")) {
    const paid = await paidToward(tenantId, plan, asOf);
    const progress = planProgress(plan.instalments as Instalment[], paid, asOf);
    const fresh = newlyMissed(progress, plan.missedNotified ?? []);
    standing.set(plan.patientId, progress.inGoodStanding && !progress.completed);
    if (!fresh.length && !progress.completed) continue;
    const key = { tenantId, practiceId, patientId: plan.patientId, planId: plan.planId };
    const at = now();
    try {
      await transactWrite([
        tx.update(
          PaymentPlanEntity.patch(key)
            .set({
              missedNotified: [...(plan.missedNotified ?? []), ...fresh],
              ...(progress.completed ? { status: "completed" as const } : {}),
              updatedAt: at,
            })
            .add({ version: 1 })
            .where((a, op) => op.eq(a.version, plan.version))
            .params(),
        ),
        tx.put(
          auditPut(system, `paymentPlan:${plan.planId}`, progress.completed ? "completed" : "instalment-missed", {
            practiceId,
            note: progress.completed ? `paid ${paid} cents` : `missed ${fresh.join(", ")}`,
          }),
        ),
      ]);
    } catch (err) {
      if (err instanceof TransactionConflict) continue; // changed meanwhile: the next check reports it
      throw err;
    }
    for (const dueDate of fresh) {
      const i = progress.instalments.find((x) => x.dueDate === dueDate)!;
      const m = {
        ...key,
        claimId: (plan.claimIds as string[])[0]!,
        dueDate,
        amountCents: i.amountCents,
        paidCents: i.paidCents,
      };
      reported.push(m);
      await onMissedInstalment(m);
    }
  }
  return { standing, reported };
}
