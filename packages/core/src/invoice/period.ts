import { InvoiceEntity } from "./invoice.entity.ts";
import { DeadlinePassed } from "../shared/transact.ts";

/**
 * Which month a collection is booked into. A payment belongs to the month of its deposit or
 * payment date, unless that month's invoice is closing or closed (finalizing, finalized): then it
 * books into the first open month after, where the next invoice bills it as a prior-period
 * adjustment.
 *
 * The month-close fence, instead of a condition on the invoice item in every posting's
 * transaction (one item every concurrent posting of a practice would touch, so they would
 * conflict with each other): a posting reads the month's status (a consistent read), and its
 * transaction must be written within half the fence of that read or it is not sent and the month
 * is read again. Finalize marks the month `finalizing` first and only reads the month's ledger a
 * whole fence later. So every posting that saw the month open has landed before the invoice reads
 * it, and every posting after the mark books into the next month; none is lost or billed twice.
 */

/** "2026-12" -> "2027-01". */
export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/**
 * The fence in ms: `CLAIMLEDGER_POSTING_FENCE_MS`, 10 s by default. Finalize waits it out, so it
 * is short; a posting transaction (retries included) gets half of it, ample for DynamoDB's tens of
 * milliseconds.
 */
export function postingFenceMs(): number {
  const v = Number(process.env.CLAIMLEDGER_POSTING_FENCE_MS ?? "10000");
  if (!(v > 0)) throw new Error("CLAIMLEDGER_POSTING_FENCE_MS must be a positive number");
  return v;
}

/** A month a posting may book into, and until when its transaction may be written. */
export interface OpenMonth {
  month: string;
  deadline: number;
}

/** Remembers open months for one posting run (one 835 chunk, one payment), each for a quarter of the fence. */
export class Periods {
  private readonly known = new Map<string, OpenMonth & { readAt: number }>();
  private readonly tenantId: string;
  constructor(tenantId: string) {
    this.tenantId = tenantId;
  }

  async bookingMonth(practiceId: string, date: string): Promise<string> {
    return (await this.openMonth(practiceId, date)).month;
  }

  async openMonth(practiceId: string, date: string): Promise<OpenMonth> {
    const key = `${practiceId}|${date.slice(0, 7)}`;
    const fence = postingFenceMs();
    const cached = this.known.get(key);
    if (cached && Date.now() - cached.readAt < fence / 4) return cached;
    const readAt = Date.now();
    let month = date.slice(0, 7);
    for (;;) {
      const { data } = await InvoiceEntity.get({
        tenantId: this.tenantId,
        practiceId,
        period: month,
        slot: "current",
      }).go({ attributes: ["status"], consistent: true });
      if (!data || data.status === "draft") break;
      month = nextMonth(month);
    }
    const open = { month, deadline: readAt + fence / 2, readAt };
    this.known.set(key, open);
    return open;
  }

  /** Forget what was learnt (after a posting could not be written in time). */
  forget(): void {
    this.known.clear();
  }
}

/**
 * Runs a posting in the month its date books into, with the deadline its transaction must meet
 * (pass it to transactWrite); when the deadline passes first, reads the month again and re-runs.
 */
export async function withOpenMonth<T>(
  periods: Periods,
  practiceId: string,
  date: string,
  post: (month: string, fence: { deadline: number }) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const { month, deadline } = await periods.openMonth(practiceId, date);
    try {
      return await post(month, { deadline });
    } catch (err) {
      if (attempt < 5 && err instanceof DeadlinePassed) {
        periods.forget();
        continue;
      }
      throw err;
    }
  }
}

/** Until when finalize must wait after marking a month closing before it reads the month's ledger. */
export function fenceEndsAt(closingAt: string): number {
  return Date.parse(closingAt) + postingFenceMs();
}
