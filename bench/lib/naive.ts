/**
 * The "naive one-write-per-item" baseline, made from our own code so it never drifts from it:
 * while installed, every TransactWriteItems the application sends is replayed as one standalone
 * PutItem / UpdateItem / DeleteItem per item (same items, same conditions, no transaction), and a
 * transaction's ConditionCheck as a strongly consistent GetItem of the same key (check, then
 * write). Everything else is untouched. The units DynamoDB reports for that replay are what a
 * design writing item by item would use for exactly the same work.
 *
 * It also yields what the transactions themselves cost. DynamoDB Local reports a transaction's
 * consumed capacity wrongly when several of its items touch the same table or index (it does not
 * sum them: 9 new 300-byte items with one GSI report 2 + 2 units, not 18 + 18), so the bench
 * computes it from AWS's rule instead: a transactional write costs twice the standard write of
 * the same item (https://aws.amazon.com/dynamodb/pricing/on-demand/), index writes included, and
 * a ConditionCheck costs like a transactional write of the item it checks (2 units for an item up
 * to 1 KB; the checked items here are absent or small).
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";

type Sendable = { send: (command: any, ...rest: any[]) => Promise<any> };
type TxItem = {
  Put?: any;
  Update?: any;
  Delete?: any;
  ConditionCheck?: { TableName: string; Key: Record<string, unknown> };
};

export interface Replay {
  /** Standard write units of the transacted items, written one by one. */
  writeUnits: number;
  /** Read units of the GetItems that stand in for ConditionChecks. */
  checkReadUnits: number;
  conditionChecks: number;
  transactions: number;
  items: number;
  /** What the same transactions cost as transactions: 2 x writeUnits + 2 per ConditionCheck. */
  transactionalWriteUnits(): number;
  restore(): void;
}

const units = (out: any): number => {
  const c = out?.ConsumedCapacity;
  return (Array.isArray(c) ? c : c ? [c] : []).reduce((s: number, x: any) => s + (x.CapacityUnits ?? 0), 0);
};

export function installNaiveWrites(client: Sendable): Replay {
  const original = client.send;
  const send = original.bind(client);
  const r: Replay = {
    writeUnits: 0,
    checkReadUnits: 0,
    conditionChecks: 0,
    transactions: 0,
    items: 0,
    transactionalWriteUnits: () => 2 * r.writeUnits + 2 * r.conditionChecks,
    restore: () => {
      client.send = original;
    },
  };
  client.send = async (command: any, ...rest: any[]) => {
    const items =
      command?.constructor?.name === "TransactWriteCommand"
        ? (command.input?.TransactItems as TxItem[] | undefined)
        : undefined;
    if (!items) return send(command, ...rest);
    r.transactions++;
    for (const item of items) {
      r.items++;
      if (item.Put) r.writeUnits += units(await send(new PutCommand(item.Put)));
      else if (item.Update) r.writeUnits += units(await send(new UpdateCommand(item.Update)));
      else if (item.Delete) r.writeUnits += units(await send(new DeleteCommand(item.Delete)));
      else if (item.ConditionCheck) {
        r.conditionChecks++;
        r.checkReadUnits += units(
          await send(
            new GetCommand({
              TableName: item.ConditionCheck.TableName,
              Key: item.ConditionCheck.Key,
              ConsistentRead: true,
            }),
          ),
        );
      }
    }
    return {};
  };
  return r;
}
