/**
 * Fault injection for the local stack: DynamoDB Local never reports a transaction conflict or a
 * throttle, DynamoDB does. With faults on, a chosen share of TransactWriteItems fail with
 * TransactionCanceledException (reason TransactionConflict, as when another transaction touches
 * the same item) and a share of writes with ProvisionedThroughputExceededException, so the code's
 * retries are exercised as production will exercise them. Installed only on clients whose
 * endpoint is a loopback emulator (tests, the bench, `npm start`); production clients never
 * carry it. Off until `setFaults` (or CLAIMLEDGER_FAULTS="conflict=0.2,throttle=0.05,seed=7").
 */
export interface Faults {
  /** Share of TransactWriteItems cancelled with a TransactionConflict, 0 to 1. */
  conflict: number;
  /** Share of writes (put, update, delete, batch and transact writes) throttled, 0 to 1. */
  throttle: number;
  /** Seed of the pseudo-random sequence, for reproducible runs. */
  seed?: number;
}

interface State {
  faults: Faults;
  random: () => number;
  injected: { conflicts: number; throttles: number };
}

const KEY = Symbol.for("claimledger.faults");
/** Write commands, by their names on the low-level client and on the document client. */
const WRITES = new Set([
  "PutItemCommand",
  "UpdateItemCommand",
  "DeleteItemCommand",
  "BatchWriteItemCommand",
  "TransactWriteItemsCommand",
  "PutCommand",
  "UpdateCommand",
  "DeleteCommand",
  "BatchWriteCommand",
  "TransactWriteCommand",
]);
const TRANSACT = new Set(["TransactWriteItemsCommand", "TransactWriteCommand"]);

/** mulberry32: small, seedable, good enough to pick which requests fail. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function state(): State {
  let s: State | undefined = Reflect.get(globalThis, KEY);
  if (!s) {
    s = { faults: fromEnv(process.env.CLAIMLEDGER_FAULTS), random: prng(1), injected: { conflicts: 0, throttles: 0 } };
    Reflect.set(globalThis, KEY, s);
  }
  return s;
}

export function fromEnv(text: string | undefined): Faults {
  const f: Faults = { conflict: 0, throttle: 0 };
  for (const part of (text ?? "").split(",").filter(Boolean)) {
    const [k, v] = part.split("=");
    const n = Number(v);
    if ((k === "conflict" || k === "throttle") && n >= 0 && n <= 1) f[k] = n;
    else if (k === "seed" && Number.isInteger(n)) f.seed = n;
    else throw new Error(`CLAIMLEDGER_FAULTS: cannot read "${part}" (conflict=0..1, throttle=0..1, seed=N)`);
  }
  return f;
}

/** Turns faults on (or off, with zeros) for every client that carries the middleware. */
export function setFaults(f: Faults): void {
  const s = state();
  s.faults = f;
  s.random = prng(f.seed ?? 1);
}

/** How many faults were injected since the process started (to show a test really met them). */
export function injectedFaults(): { conflicts: number; throttles: number } {
  return { ...state().injected };
}

function awsError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: "client",
    $metadata: { httpStatusCode: 400, attempts: 1 },
    ...extra,
  });
}

type Next = (args: { input: Record<string, unknown> }) => Promise<unknown>;
type Stack = { add(mw: unknown, opts: { step: "deserialize"; name: string }): void };

/**
 * Adds the fault middleware to a DynamoDB client. It sits inside the SDK's retry loop, as a
 * real DynamoDB answer does: throttles are retried by the SDK, conflicts by our transactWrite.
 */
export function injectFaults(client: { middlewareStack: unknown }): void {
  const middleware =
    (next: Next, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
      const s = state();
      const command = context.commandName ?? "";
      if (WRITES.has(command)) {
        if (s.faults.throttle > 0 && s.random() < s.faults.throttle) {
          s.injected.throttles++;
          throw awsError(
            "ProvisionedThroughputExceededException",
            "The level of configured provisioned throughput for the table was exceeded (injected)",
            { $retryable: { throttling: true } },
          );
        }
        if (TRANSACT.has(command) && s.faults.conflict > 0 && s.random() < s.faults.conflict) {
          s.injected.conflicts++;
          const items = (args.input.TransactItems as unknown[] | undefined) ?? [];
          const at = Math.floor(s.random() * Math.max(items.length, 1));
          const CancellationReasons = items.map((_, i) => ({ Code: i === at ? "TransactionConflict" : "None" }));
          throw awsError(
            "TransactionCanceledException",
            `Transaction cancelled, please refer cancellation reasons for specific reasons [${CancellationReasons.map((r) => r.Code).join(", ")}] (injected)`,
            { CancellationReasons },
          );
        }
      }
      return next(args);
    };
  (client.middlewareStack as Stack).add(middleware, { step: "deserialize", name: "claimledgerFaults" });
}
