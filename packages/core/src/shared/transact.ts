import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "./aws.ts";
import { announceEvents } from "./outbox.ts";

type SdkItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];
/**
 * One write of a transaction; `label` names it, so a caller asks whether *that* write's condition
 * failed. `event` marks the put of an event (event module): announced to the webhook fan-out once
 * the transaction commits.
 */
export type TxItem = SdkItem & { label?: string; event?: { tenantId: string; eventId: string } };
// ElectroDB's `.params()` returns a plain DynamoDB parameter object.
type Params = Record<string, unknown>;

const labelled = (item: SdkItem, label?: string): TxItem => (label === undefined ? item : { ...item, label });

export const tx = {
  put: (params: Params, label?: string): TxItem => labelled({ Put: params as SdkItem["Put"] }, label),
  update: (params: Params, label?: string): TxItem => labelled({ Update: params as SdkItem["Update"] }, label),
  condition: (params: Params, label?: string): TxItem =>
    labelled({ ConditionCheck: params as SdkItem["ConditionCheck"] }, label),
  del: (params: Params, label?: string): TxItem => labelled({ Delete: params as SdkItem["Delete"] }, label),
};

/** Thrown when a transaction's condition failed: `failed(label)` says whether a labelled write's did. */
export class TransactionConflict extends Error {
  readonly reasons: string[];
  private readonly labels: (string | undefined)[];
  constructor(reasons: string[], labels: (string | undefined)[] = []) {
    super(`Transaction cancelled: ${reasons.join(", ")}`);
    this.reasons = reasons;
    this.labels = labels;
  }

  /** Cancelled only for contention (no condition of ours failed): trying again later can succeed. */
  get transient(): boolean {
    return this.reasons.every((r) => r === "None" || TRANSIENT.has(r));
  }

  /** Whether the condition of a write labelled so (any of them) failed. */
  failed(label: string): boolean {
    return this.reasons.some((r, i) => r === "ConditionalCheckFailed" && this.labels[i] === label);
  }
}

/** Cancellation codes that mean "try again", not "your condition failed". */
const TRANSIENT = new Set(["TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded"]);

/** Attempts at a transaction DynamoDB cancelled for a concurrent one, with jittered backoff between. */
export const TRANSACTION_ATTEMPTS = 8;

/**
 * Whether an error is DynamoDB contention or throttling that outlasted the retries: it passes, so
 * the work should be redelivered by its queue rather than recorded as failed for a person.
 * (An unreachable clearinghouse is not: the batch shows it failed, with the reason.)
 */
export function isTransient(err: unknown): boolean {
  if (err instanceof TransactionConflict) return err.transient;
  if (err instanceof DeadlinePassed) return true;
  const name = (err as { name?: string })?.name ?? "";
  return [
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
    "InternalServerError",
  ].includes(name);
}

/** Whether a single conditional write (ElectroDB put/patch/create with a condition) was refused by its condition. */
export function isConditionFailure(err: unknown): boolean {
  const e = err as { name?: string; message?: string; cause?: { name?: string } };
  return (
    e?.name === "ConditionalCheckFailedException" ||
    e?.cause?.name === "ConditionalCheckFailedException" ||
    /conditional request failed/i.test(e?.message ?? "")
  );
}

/** Full-jitter backoff before attempt `attempt + 1`: a random wait up to 25 ms * 2^attempt, at most `capMs`. */
export function backoff(attempt: number, capMs = 1000): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.random() * Math.min(capMs, 25 * 2 ** attempt)));
}

/**
 * Thrown instead of writing when a transaction could not be sent before its deadline: whatever
 * the caller checked before building it (a month still open) may no longer hold, so it checks again.
 */
export class DeadlinePassed extends Error {
  constructor(last?: string) {
    super(`the transaction's deadline passed before it could be written${last ? ` (last attempt: ${last})` : ""}`);
    this.name = "DeadlinePassed";
  }
}

export interface TransactOptions {
  /**
   * Epoch ms after which no attempt is sent (and an attempt in flight is abandoned): a posting
   * checked that its month was open and must land within the month-close fence of that check.
   */
  deadline?: number;
}

/**
 * All-or-nothing write of several items (a change and its audit event, a posting and its balance).
 * A cancellation that is only contention (another transaction on one of the items) is retried
 * with full-jitter backoff, as AWS advises; nothing was written, so the retry is safe. A failed
 * condition throws TransactionConflict at once for the caller to judge.
 */
export async function transactWrite(items: TxItem[], options: TransactOptions = {}): Promise<void> {
  const { deadline } = options;
  let last: string | undefined;
  for (let attempt = 1; ; attempt++) {
    const left = deadline === undefined ? Infinity : deadline - Date.now();
    if (left <= 0) throw new DeadlinePassed(last);
    try {
      await dynamo().send(
        new TransactWriteCommand({ TransactItems: items.map(({ label: _label, event: _event, ...item }) => item) }),
        left === Infinity ? {} : { abortSignal: AbortSignal.timeout(left) },
      );
      const events = items.flatMap((i) => (i.event ? [i.event] : []));
      if (events.length) await announceEvents(events);
      return;
    } catch (err) {
      const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
      // Abandoned at the deadline (AbortSignal.timeout): it may or may not have been written, and
      // every write of a posting is conditional, so checking again and re-running is safe.
      if (e.name === "TimeoutError" || e.name === "AbortError") throw new DeadlinePassed(last);
      if (e.name !== "TransactionCanceledException" || !e.CancellationReasons) throw err;
      const reasons = e.CancellationReasons.map((r) => r.Code ?? "None");
      const transient = reasons.some((r) => TRANSIENT.has(r)) && reasons.every((r) => r === "None" || TRANSIENT.has(r));
      last = reasons.filter((r) => r !== "None").join(", ");
      if (!transient || attempt >= TRANSACTION_ATTEMPTS)
        throw new TransactionConflict(
          reasons,
          items.map((i) => i.label),
        );
      await backoff(attempt);
    }
  }
}
