/**
 * A worker thread standing in for one Lambda execution environment: it imports the handler
 * module once and runs each event it is sent. The parent terminates the thread when an
 * invocation passes the function's timeout, as Lambda ends a sandbox that times out.
 */
import { parentPort, workerData } from "node:worker_threads";
import { pathToFileURL } from "node:url";

const { modulePath, exportName } = workerData as { modulePath: string; exportName: string };
const mod = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
const handler = mod[exportName];
if (typeof handler !== "function") throw new Error(`${modulePath} does not export ${exportName}`);

parentPort!.on("message", ({ id, event, deadline }: { id: number; event: unknown; deadline: number }) => {
  // The part of Lambda's context handlers read: how long the invocation has left.
  const context = { getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
  (handler as (e: unknown, c: typeof context) => Promise<unknown>)(event, context).then(
    (result) => parentPort!.postMessage({ id, ok: true, result }),
    (err: unknown) => parentPort!.postMessage({ id, ok: false, error: (err as Error).message }),
  );
});
