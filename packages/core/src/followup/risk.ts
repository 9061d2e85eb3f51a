/**
 * The follow-up queue's order, pure. A quiet claim's risk is the money at stake per day left to
 * act on it before the payer's timely-filing limit:
 *
 *     risk = open insurance balance (cents) / max(1, days left before the timely-filing deadline)
 *
 * so money counts, but a deadline near at hand counts more: $150.00 with 10 days left (1,500 a
 * day) comes before $1,200.00 with 200 days left (600 a day). A claim past its deadline counts as
 * 1 day left (it needs proof of timely filing now). Ties: fewer days left, then more money, then
 * the claim id (then the appeal id), so the order is total and pages are stable. An appeal counts
 * the same way, its money the amount it holds and its days those left before its own deadline.
 */
export interface Risky {
  claimId: string;
  /** An appeal's entry: its id is the order's last key, after the claim id. */
  appeal?: { appealId: string };
  moneyCents: number;
  daysLeft: number;
}

/** Cents at stake per day left, rounded to a whole number (a ranking, not money). */
export function riskOf(moneyCents: number, daysLeft: number): number {
  return Math.round(Math.max(0, moneyCents) / Math.max(1, daysLeft));
}

/** Highest risk first. */
export function byRisk<T extends Risky>(a: T, b: T): number {
  return (
    riskOf(b.moneyCents, b.daysLeft) - riskOf(a.moneyCents, a.daysLeft) ||
    a.daysLeft - b.daysLeft ||
    b.moneyCents - a.moneyCents ||
    (a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0) ||
    ((a.appeal?.appealId ?? "") < (b.appeal?.appealId ?? "")
      ? -1
      : (a.appeal?.appealId ?? "") > (b.appeal?.appealId ?? "")
        ? 1
        : 0)
  );
}
