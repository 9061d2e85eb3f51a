import { serve } from "@hono/node-server";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { startEmulators } from "./emulators.ts";
import { provision } from "./provision.ts";
import { startWorkers } from "./workers.ts";
import { ensureConsoleBuilt } from "../../console/scripts/build.ts";

export const repoRoot = resolve(import.meta.dirname, "../../..");
export const dataDir = resolve(repoRoot, ".data");
const stackFile = resolve(dataDir, "stack.json");

/** What a running local stack tells other processes (the demo, scripts): where it is. */
export interface StackInfo {
  url: string;
  adminKey: string;
  pid: number;
  demoOwnerKey?: string;
  /** Emulator endpoints and resource names, so a script can run a scheduled job against this stack. */
  env: Record<string, string>;
}

export function checkJava(): void {
  try {
    execFileSync("java", ["-version"], { stdio: "pipe" });
  } catch {
    throw new Error(
      "DynamoDB Local needs Java 17 or newer on PATH (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless).",
    );
  }
}

/** The running stack recorded in .data/stack.json, if it still answers. */
export async function runningStack(): Promise<StackInfo | undefined> {
  if (!existsSync(stackFile)) return undefined;
  const info = JSON.parse(readFileSync(stackFile, "utf8")) as StackInfo;
  try {
    const res = await fetch(`${info.url}/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts the whole product locally: emulators (persisted under .data/), resources provisioned
 * from infra/resources.ts, the Hono app over HTTP, and the queue workers calling the Lambda
 * handlers. Returns a stop function that ends all of it.
 */
export async function startStack(opts: { reset?: boolean; port?: number; quiet?: boolean } = {}) {
  checkJava();
  // The console at /app: built on first start, and again whenever its sources are newer.
  ensureConsoleBuilt({ quiet: opts.quiet });
  if (opts.reset) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const adminFile = resolve(dataDir, "admin-key");
  if (!existsSync(adminFile))
    writeFileSync(adminFile, `adm_${randomBytes(24).toString("base64url")}\n`, { mode: 0o600 });
  const adminKey = readFileSync(adminFile, "utf8").trim();

  const emulators = await startEmulators({ dataDir });
  const env = await provision(emulators, "local");
  Object.assign(process.env, env, { SST_RESOURCE_PlatformAdminKey: JSON.stringify({ value: adminKey }) });

  // Imported only now: the app's clients read the endpoints and resource names set above.
  const { createApp } = await import("@claimledger/functions/api/app.ts");
  const app = createApp();
  const port = opts.port ?? Number(process.env.PORT ?? 3000);
  const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
  await new Promise<void>((ok, fail) => {
    server.once("listening", ok);
    server.once("error", fail);
  });
  const address = server.address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;

  const abort = new AbortController();
  const workers = await startWorkers(abort.signal);

  const info: StackInfo = {
    url,
    adminKey,
    pid: process.pid,
    env: { ...env, SST_RESOURCE_PlatformAdminKey: JSON.stringify({ value: adminKey }) },
  };
  const demoFile = resolve(dataDir, "demo-tenant.json");
  if (!existsSync(demoFile)) {
    const { createTenant } = await import("@claimledger/core/tenant/tenant.service.ts");
    const demo = await createTenant({ name: "Demo Billing Company", ownerKeyName: "demo owner" });
    writeFileSync(
      demoFile,
      JSON.stringify({ tenantId: demo.tenant.tenantId, ownerKey: demo.ownerKey.apiKey }, null, 2),
      { mode: 0o600 },
    );
  }
  info.demoOwnerKey = JSON.parse(readFileSync(demoFile, "utf8")).ownerKey;
  writeFileSync(stackFile, JSON.stringify(info, null, 2), { mode: 0o600 });

  let stopped = false;
  return {
    info,
    async stop() {
      if (stopped) return;
      stopped = true;
      abort.abort();
      await Promise.allSettled(workers);
      await new Promise((r) => server.close(() => r(undefined)));
      await emulators.stop();
      rmSync(stackFile, { force: true });
    },
  };
}
