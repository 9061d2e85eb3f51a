import { serve } from "@hono/node-server";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { startEmulators } from "./emulators.ts";
import { provision } from "./provision.ts";
import { startWorkers } from "./workers.ts";
import { buildConsole, consoleStale } from "../../console/scripts/build.ts";
import { outboxRoutes, readOutbox } from "./outbox.ts";

export const repoRoot = resolve(import.meta.dirname, "../../..");
export const dataDir = resolve(repoRoot, ".data");
const stackFile = resolve(dataDir, "stack.json");

/** What a running local stack tells other processes (the demo, scripts): where it is. */
export interface StackInfo {
  url: string;
  adminKey: string;
  pid: number;
  demoOwnerKey?: string;
  /** The demo company's owner, to sign in to the console with. */
  demoOwner?: { email: string; password: string };
  /** Emulator endpoints and resource names, so a script can run a scheduled job against this stack. */
  env: Record<string, string>;
}

interface DemoTenant {
  tenantId: string;
  ownerKey: string;
  owner?: { email: string; password: string };
}

/**
 * The demo company's first console user, made the way a person is: invited by email (the mail
 * lands in the outbox) and accepted with a password, here a random one kept in .data/.
 */
async function firstOwner(tenantId: string, outboxDir: string) {
  const { inviteUser, acceptInvitation } = await import("@claimledger/core/user/index.ts");
  const email = "owner@demo-billing.example";
  await inviteUser({ tenantId, keyId: "local-stack", role: "owner" }, { email, name: "Dana Owner", role: "owner" });
  const mail = readOutbox(outboxDir).find((m) => m.to === email)!;
  const token = decodeURIComponent(/\/accept\?token=(\S+)/.exec(mail.text)![1]!);
  const password = randomBytes(12).toString("base64url");
  await acceptInvitation(token, password);
  return { email, password };
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
  if (consoleStale()) {
    if (!opts.quiet) console.log("Building the console (packages/console/dist)…");
    buildConsole({ quiet: true });
  }
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
  const outboxDir = resolve(dataDir, "outbox");
  process.env.CLAIMLEDGER_MAIL_OUTBOX = outboxDir;
  const outbox = outboxRoutes(outboxDir);
  const port = opts.port ?? Number(process.env.PORT ?? 3000);
  const server = serve({
    fetch: (req, env) =>
      new URL(req.url).pathname.startsWith("/local/") ? outbox.fetch(req, env) : app.fetch(req, env),
    port,
    hostname: "127.0.0.1",
  });
  await new Promise<void>((ok, fail) => {
    server.once("listening", ok);
    server.once("error", fail);
  });
  const address = server.address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  process.env.CLAIMLEDGER_CONSOLE_URL = `${url}/app`;

  const abort = new AbortController();
  // Webhooks may reach receivers on this machine (the workers' sandboxes inherit it); never deployed.
  process.env.CLAIMLEDGER_WEBHOOK_ALLOW_LOOPBACK ??= "1";
  const workers = await startWorkers(abort.signal);
  // The webhook sweeper runs each minute here as its cron does in AWS, the follow-up sweep a minute
  // after start and then daily, and the claim status inquiries once a day from the stack's start
  // (`npm run status-inquiries` runs them now); the month close is a command (npm run close-month).
  const { handler: sweep } = await import("@claimledger/functions/cron/webhook-sweep.ts");
  const { handler: followUps } = await import("@claimledger/functions/cron/follow-up-sweep.ts");
  const sweeper = setInterval(() => void sweep().catch(() => undefined), 60_000);
  const sweepFollowUps = () => void followUps().catch(() => undefined);
  const firstFollowUps = setTimeout(sweepFollowUps, 60_000);
  const dailyFollowUps = setInterval(sweepFollowUps, 86_400_000);
  const { handler: inquire } = await import("@claimledger/functions/cron/status-inquiries.ts");
  const inquirer = setInterval(() => void inquire().catch(() => undefined), 86_400_000);
  abort.signal.addEventListener(
    "abort",
    () => {
      clearInterval(sweeper);
      clearTimeout(firstFollowUps);
      clearInterval(dailyFollowUps);
      clearInterval(inquirer);
    },
    { once: true },
  );

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
  const demo = JSON.parse(readFileSync(demoFile, "utf8")) as DemoTenant;
  if (!demo.owner) {
    demo.owner = await firstOwner(demo.tenantId, outboxDir);
    writeFileSync(demoFile, JSON.stringify(demo, null, 2), { mode: 0o600 });
  }
  info.demoOwnerKey = demo.ownerKey;
  info.demoOwner = demo.owner;
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
