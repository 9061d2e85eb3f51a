import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "./aws.ts";

export type TxItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];
// ElectroDB's `.params()` returns a plain DynamoDB parameter object.
type Params = Record<string, unknown>;

export const tx = {
  put: (params: Params): TxItem => ({ Put: params as TxItem["Put"] }),
  update: (params: Params): TxItem => ({ Update: params as TxItem["Update"] }),
  condition: (params: Params): TxItem => ({ ConditionCheck: params as TxItem["ConditionCheck"] }),
  del: (params: Params): TxItem => ({ Delete: params as TxItem["Delete"] }),
};

/** Thrown when a transaction's condition failed; `reasons[i]` is the code for item i. */
export class TransactionConflict extends Error {
  readonly reasons: string[];
  constructor(reasons: string[]) {
    super(`Transaction cancelled: ${reasons.join(", ")}`);
    this.reasons = reasons;
  }
}

/** Cancellation codes that mean "try again", not "your condition failed". */
const TRANSIENT = new Set(["TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded"]);

/** Attempts at a transaction DynamoDB cancelled for a concurrent one, with jittered backoff between. */
export const TRANSACTION_ATTEMPTS = 8;

/**
 * All-or-nothing write of several items (a change and its audit event, a posting and its balance).
 * A cancellation that is only contention (another transaction on one of the items) is retried
 * with full-jitter backoff, as AWS advises; nothing was written, so the retry is safe. A failed
 * condition throws TransactionConflict at once for the caller to judge.
 */
export async function transactWrite(items: TxItem[], token?: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: token }));
      return;
    } catch (err) {
      const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
      if (e.name !== "TransactionCanceledException" || !e.CancellationReasons) throw err;
      const reasons = e.CancellationReasons.map((r) => r.Code ?? "None");
      const transient = reasons.some((r) => TRANSIENT.has(r)) && reasons.every((r) => r === "None" || TRANSIENT.has(r));
      if (!transient || attempt >= TRANSACTION_ATTEMPTS) throw new TransactionConflict(reasons);
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(1000, 25 * 2 ** attempt)));
    }
  }
}
