import { addDays } from "../shared/dates.ts";

/**
 * Payment plans, pure. An agreed balance is split into instalments with due dates; the patient's
 * payments on the plan's visits since it was agreed pay the instalments in order (the first is
 * paid before the second gets anything). An instalment whose due date has passed unpaid is
 * missed: the plan is then out of good standing (statements resume, and a task is raised) until
 * the payments catch up.
 */
export interface Instalment {
  dueDate: string;
  amountCents: number;
}

/** `count` monthly instalments from `firstDueDate` (the same day each month, or the month's last), equal but the last, which takes the remainder. */
export function monthlyInstalments(totalCents: number, count: number, firstDueDate: string): Instalment[] {
  const each = Math.floor(totalCents / count);
  const [y, m, d] = firstDueDate.split("-").map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, i) => {
    const monthStart = new Date(Date.UTC(y, m - 1 + i, 1));
    const lastDay = addDays(new Date(Date.UTC(y, m + i, 1)).toISOString().slice(0, 10), -1);
    const day = Math.min(d, Number(lastDay.slice(8, 10)));
    const dueDate = `${monthStart.toISOString().slice(0, 8)}${String(day).padStart(2, "0")}`;
    return { dueDate, amountCents: i === count - 1 ? totalCents - each * (count - 1) : each };
  });
}

export interface InstalmentState extends Instalment {
  paidCents: number;
  status: "paid" | "partly_paid" | "due" | "missed";
}

export interface PlanProgress {
  instalments: InstalmentState[];
  paidCents: number;
  remainingCents: number;
  /** Due dates of instalments missed as of the day asked. */
  missed: string[];
  inGoodStanding: boolean;
  completed: boolean;
}

/** The plan as of `asOf`: payments (cents, since it was agreed) applied to the instalments in order. */
export function planProgress(instalments: Instalment[], paidCents: number, asOf: string): PlanProgress {
  let left = Math.max(0, paidCents);
  const states = instalments.map((i): InstalmentState => {
    const paid = Math.min(left, i.amountCents);
    left -= paid;
    const status = paid === i.amountCents ? "paid" : i.dueDate < asOf ? "missed" : paid > 0 ? "partly_paid" : "due";
    return { ...i, paidCents: paid, status };
  });
  const total = instalments.reduce((s, i) => s + i.amountCents, 0);
  const applied = states.reduce((s, i) => s + i.paidCents, 0);
  const missed = states.filter((s) => s.status === "missed").map((s) => s.dueDate);
  return {
    instalments: states,
    paidCents: applied,
    remainingCents: total - applied,
    missed,
    inGoodStanding: missed.length === 0,
    completed: applied >= total,
  };
}

/** Missed instalments not reported yet: each raises its follow-up task once. */
export const newlyMissed = (progress: PlanProgress, notified: readonly string[]) =>
  progress.missed.filter((d) => !notified.includes(d));

/** Problems with instalments a person typed in (sum, order, dates), as field errors. */
export function instalmentProblems(instalments: Instalment[], totalCents: number, agreedOn: string) {
  const errors: { path: string; message: string }[] = [];
  const sum = instalments.reduce((s, i) => s + i.amountCents, 0);
  if (sum !== totalCents)
    errors.push({ path: "instalments", message: `the instalments add up to ${sum} cents, not ${totalCents}` });
  instalments.forEach((i, n) => {
    if (i.dueDate < agreedOn)
      errors.push({ path: `instalments.${n}.dueDate`, message: "must not be before the plan was agreed" });
    if (n > 0 && i.dueDate <= instalments[n - 1]!.dueDate)
      errors.push({ path: `instalments.${n}.dueDate`, message: "must be after the instalment before it" });
  });
  return errors;
}
