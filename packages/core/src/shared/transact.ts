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

/** All-or-nothing write of several items (a change and its audit event, a posting and its balance). */
export async function transactWrite(items: TxItem[], token?: string): Promise<void> {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: token }));
  } catch (err) {
    const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
    if (e.name === "TransactionCanceledException" && e.CancellationReasons) {
      throw new TransactionConflict(e.CancellationReasons.map((r) => r.Code ?? "None"));
    }
    throw err;
  }
}
