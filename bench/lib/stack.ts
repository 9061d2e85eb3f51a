/**
 * The bench's own local stack: DynamoDB Local and fauxqs in memory on free ports, resources
 * provisioned from infra/resources.ts under the prefix "bench", and the Hono API served over
 * HTTP on loopback from this process (so every AWS call it makes is metered here). Nothing is
 * persisted and nothing touches .data/ or a running `npm start`.
 *
 * Core modules read their linked resources when they are imported, so figure modules import
 * them dynamically, after `ctx.stack()` has set the environment.
 */
import { randomBytes } from "node:crypto";
import { startEmulators } from "../../packages/local/src/emulators.ts";
import { provision } from "../../packages/local/src/provision.ts";
import { checkJava } from "../../packages/local/src/stack.ts";
import { enableMetering } from "../../packages/core/src/shared/metering.ts";

export interface Served {
  method: string;
  path: string;
  status: number;
  /** Time inside the app (what the API Lambda would be billed for, minus its cold start). */
  ms: number;
}

export interface BenchStack {
  url: string;
  adminKey: string;
  /** Every request the API served since the last `served.length = 0`. */
  served: Served[];
  /** Bytes of response bodies `call` has received (what API Gateway would send out). */
  received: { bytes: number };
  /** Calls the API over HTTP; throws on an unexpected status. */
  call<T = any>(
    key: string,
    method: string,
    path: string,
    body?: unknown,
    expect?: number,
    headers?: Record<string, string>,
  ): Promise<T>;
  stop(): Promise<void>;
}

export async function startBenchStack(): Promise<BenchStack> {
  checkJava();
  const emulators = await startEmulators();
  try {
    const env = await provision(emulators, "bench");
    const adminKey = `adm_${randomBytes(24).toString("base64url")}`;
    Object.assign(process.env, env, {
      SST_RESOURCE_PlatformAdminKey: JSON.stringify({ value: adminKey }),
      CLAIMLEDGER_LOCAL_ONLY: "1",
      CLAIMLEDGER_LOG: process.env.CLAIMLEDGER_LOG ?? "silent",
    });
    delete process.env.AWS_PROFILE;
    enableMetering();

    const { serve } = await import("@hono/node-server");
    const { createApp } = await import("../../packages/functions/src/api/app.ts");
    const app = createApp();
    const served: Served[] = [];
    const server = serve({
      fetch: async (req: Request) => {
        const t = performance.now();
        const res = await app.fetch(req);
        served.push({
          method: req.method,
          path: new URL(req.url).pathname,
          status: res.status,
          ms: performance.now() - t,
        });
        return res;
      },
      port: 0,
      hostname: "127.0.0.1",
    });
    await new Promise<void>((ok, fail) => {
      server.once("listening", ok);
      server.once("error", fail);
    });
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

    const received = { bytes: 0 };
    const call = async <T>(
      key: string,
      method: string,
      path: string,
      body?: unknown,
      expect?: number,
      headers: Record<string, string> = {},
    ): Promise<T> => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      received.bytes += Buffer.byteLength(text);
      if (expect !== undefined ? res.status !== expect : res.status >= 300) {
        throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
      }
      return (text ? JSON.parse(text) : undefined) as T;
    };

    return {
      url,
      adminKey,
      served,
      received,
      call,
      async stop() {
        await new Promise((r) => server.close(() => r(undefined)));
        await emulators.stop();
      },
    };
  } catch (err) {
    await emulators.stop();
    throw err;
  }
}
