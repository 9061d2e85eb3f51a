/**
 * Opt-in metering of AWS calls, for the benchmark (`npm run bench`): DynamoDB capacity units as
 * DynamoDB reports them (ReturnConsumedCapacity), S3 and SQS requests and bytes. Off unless
 * `enableMetering()` ran before the clients were created (aws.ts instruments each client once,
 * when it is made); production never turns it on, so its clients carry no extra middleware.
 * The state lives on globalThis so every copy of this module shares one meter.
 */
export interface DynamoMeter {
  /** Requests by command, e.g. `GetItemCommand: 12`. */
  requests: Record<string, number>;
  readUnits: number;
  writeUnits: number;
  /** The part of readUnits / writeUnits consumed by TransactGetItems / TransactWriteItems (twice a standard request's). */
  transactReadUnits: number;
  transactWriteUnits: number;
  /** Units by table or index name (`Table`, `gsi1`...), reads and writes. */
  byIndex: Record<string, { read: number; write: number }>;
}

export interface Meter {
  dynamo: DynamoMeter;
  s3: { requests: Record<string, number>; bytesUp: number; bytesDown: number };
  sqs: { requests: Record<string, number>; bytesUp: number };
}

interface State {
  enabled: boolean;
  meter: Meter;
}

const KEY = Symbol.for("claimledger.metering");

function emptyMeter(): Meter {
  return {
    dynamo: { requests: {}, readUnits: 0, writeUnits: 0, transactReadUnits: 0, transactWriteUnits: 0, byIndex: {} },
    s3: { requests: {}, bytesUp: 0, bytesDown: 0 },
    sqs: { requests: {}, bytesUp: 0 },
  };
}

function state(): State {
  let s: State | undefined = Reflect.get(globalThis, KEY);
  if (!s) {
    s = { enabled: false, meter: emptyMeter() };
    Reflect.set(globalThis, KEY, s);
  }
  return s;
}

/** Turns metering on for clients created from now on. */
export function enableMetering(): void {
  state().enabled = true;
}

export function meteringEnabled(): boolean {
  return state().enabled;
}

/** A copy of the counts so far. */
export function readMeter(): Meter {
  return structuredClone(state().meter);
}

export function resetMeter(): void {
  state().meter = emptyMeter();
}

/** What happened between two readings. */
export function meterDelta(after: Meter, before: Meter): Meter {
  const sub = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(a)
        .map(([k, v]) => [k, v - (b[k] ?? 0)])
        .filter(([, v]) => v !== 0),
    );
  const byIndex: DynamoMeter["byIndex"] = {};
  for (const [k, v] of Object.entries(after.dynamo.byIndex)) {
    const p = before.dynamo.byIndex[k] ?? { read: 0, write: 0 };
    byIndex[k] = { read: v.read - p.read, write: v.write - p.write };
  }
  return {
    dynamo: {
      requests: sub(after.dynamo.requests, before.dynamo.requests),
      readUnits: after.dynamo.readUnits - before.dynamo.readUnits,
      writeUnits: after.dynamo.writeUnits - before.dynamo.writeUnits,
      transactReadUnits: after.dynamo.transactReadUnits - before.dynamo.transactReadUnits,
      transactWriteUnits: after.dynamo.transactWriteUnits - before.dynamo.transactWriteUnits,
      byIndex,
    },
    s3: {
      requests: sub(after.s3.requests, before.s3.requests),
      bytesUp: after.s3.bytesUp - before.s3.bytesUp,
      bytesDown: after.s3.bytesDown - before.s3.bytesDown,
    },
    sqs: { requests: sub(after.sqs.requests, before.sqs.requests), bytesUp: after.sqs.bytesUp - before.sqs.bytesUp },
  };
}

type Capacity = {
  TableName?: string;
  CapacityUnits?: number;
  Table?: { CapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
  LocalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
};

const CAPACITY_COMMANDS =
  /^(GetItem|PutItem|UpdateItem|DeleteItem|Query|Scan|BatchGetItem|BatchWriteItem|TransactGetItems|TransactWriteItems)Command$/;
const READS = /^(GetItem|Query|Scan|BatchGetItem|TransactGetItems)Command$/;

function recordDynamo(command: string, consumed: Capacity | Capacity[] | undefined): void {
  const m = state().meter.dynamo;
  m.requests[command] = (m.requests[command] ?? 0) + 1;
  if (!consumed) return;
  const read = READS.test(command);
  const transact = command.startsWith("Transact");
  for (const c of Array.isArray(consumed) ? consumed : [consumed]) {
    const units = c.CapacityUnits ?? 0;
    if (read) m.readUnits += units;
    else m.writeUnits += units;
    if (transact && read) m.transactReadUnits += units;
    if (transact && !read) m.transactWriteUnits += units;
    const parts: [string, number][] = [["Table", c.Table?.CapacityUnits ?? 0]];
    for (const [name, v] of Object.entries({ ...c.GlobalSecondaryIndexes, ...c.LocalSecondaryIndexes }))
      parts.push([name, v.CapacityUnits ?? 0]);
    for (const [name, u] of parts) {
      const slot = (m.byIndex[name] ??= { read: 0, write: 0 });
      if (read) slot.read += u;
      else slot.write += u;
    }
  }
}

function byteLength(body: unknown): number {
  if (typeof body === "string") return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.byteLength;
  return 0;
}

type Stack = { add(mw: unknown, opts: { step: "initialize"; name: string }): void };
type Next = (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>;
type Ctx = { commandName?: string };

/** Adds the metering middleware to a client when metering is on; otherwise does nothing. */
export function instrument(client: { middlewareStack: unknown }, service: "dynamodb" | "s3" | "sqs"): void {
  if (!meteringEnabled()) return;
  const stack = client.middlewareStack as Stack;
  const middleware = (next: Next, context: Ctx) => async (args: { input: Record<string, unknown> }) => {
    const command = context.commandName ?? "unknown";
    if (service === "dynamodb" && CAPACITY_COMMANDS.test(command)) args.input.ReturnConsumedCapacity = "INDEXES";
    const result = await next(args);
    const m = state().meter;
    if (service === "dynamodb") {
      recordDynamo(command, result.output.ConsumedCapacity as Capacity | Capacity[] | undefined);
    } else if (service === "s3") {
      m.s3.requests[command] = (m.s3.requests[command] ?? 0) + 1;
      m.s3.bytesUp += byteLength(args.input.Body);
      if (typeof result.output.ContentLength === "number") m.s3.bytesDown += result.output.ContentLength;
    } else {
      m.sqs.requests[command] = (m.sqs.requests[command] ?? 0) + 1;
      m.sqs.bytesUp += byteLength(args.input.MessageBody);
    }
    return result;
  };
  stack.add(middleware, { step: "initialize", name: "claimledgerMetering" });
}
