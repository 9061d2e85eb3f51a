import { InvoiceEntity } from "./invoice.entity.ts";
import { TransactionConflict, tx } from "../shared/transact.ts";

/**
 * Which month a collection is booked into. A payment belongs to the month of its deposit or
 * payment date, unless that month's invoice is already finalized (closed): then it books into the
 * first open month after, where the next invoice bills it as a prior-period adjustment. Every
 * posting transaction carries the returned condition, so a month that closes while a payment is
 * being posted makes that posting fail and re-book, never land in a month already billed.
 */

/** "2026-12" -> "2027-01". */
export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** Remembers open months for one posting run (one 835, one payment); the transaction condition is the truth. */
export class Periods {
  private readonly known = new Map<string, string>();
  private readonly tenantId: string;
  constructor(tenantId: string) {
    this.tenantId = tenantId;
  }

  async bookingMonth(practiceId: string, date: string): Promise<string> {
    let month = date.slice(0, 7);
    const key = `${practiceId}|${month}`;
    const cached = this.known.get(key);
    if (cached) return cached;
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
    this.known.set(key, month);
    return month;
  }

  /** Forget what was learnt (after a posting failed because a month closed meanwhile). */
  forget(): void {
    this.known.clear();
  }

  /** Transaction item: the month is still open (no invoice yet, or a draft). */
  openCondition(practiceId: string, month: string) {
    const { TableName, Key } = InvoiceEntity.get({
      tenantId: this.tenantId,
      practiceId,
      period: month,
      slot: "current",
    }).params();
    return tx.condition(
      {
        TableName,
        Key,
        ConditionExpression: "attribute_not_exists(#status) OR #status = :open",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":open": "draft" },
      },
      OPEN_MONTH,
    );
  }
}

/** The label of the open-month condition in a posting's transaction. */
export const OPEN_MONTH = "open-month";

/**
 * Runs a posting in the month its date books into; when that month closes in the meantime (the
 * transaction's last item, the open-month condition, fails), books it into the next open month.
 */
export async function withOpenMonth<T>(
  periods: Periods,
  practiceId: string,
  date: string,
  post: (month: string) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const month = await periods.bookingMonth(practiceId, date);
    try {
      return await post(month);
    } catch (err) {
      if (attempt < 3 && err instanceof TransactionConflict && err.failed(OPEN_MONTH)) {
        periods.forget();
        continue;
      }
      throw err;
    }
  }
}
