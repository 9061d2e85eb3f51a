import { ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openClearinghouse } from "@claimledger/core/clearinghouse/index.ts";
import { runPoll } from "@claimledger/core/inbound/index.ts";
import { bucketName, s3Client } from "@claimledger/core/shared/aws.ts";
import { uploadFile } from "@claimledger/core/shared/storage.ts";
import { startSftpServer, type SftpServer } from "../../core/test/sftp-server.ts";
import { handler as cron } from "../src/cron/poll.ts";
import { call, newKey, newTenant } from "./http.ts";
import { drainPolls, finishedPoll, pollNow } from "./poll.ts";

/** A small X12 file of the given transaction set whose interchange control number is `n`. */
function x12(kind: "999" | "277" | "835", n: number, padSegments = 0): string {
  const icn = String(n).padStart(9, "0");
  return [
    `ISA*00*${" ".repeat(10)}*00*${" ".repeat(10)}*ZZ*${"CLEARHOUSE".padEnd(15)}*ZZ*${"CLDEMO".padEnd(15)}*261201*1200*^*00501*${icn}*0*T*:`,
    `GS*FA*CLEARHOUSE*CLDEMO*20261201*1200*${n}*X*005010X231A1`,
    `ST*${kind}*0001`,
    ...Array.from({ length: padSegments }, (_, i) => `NTE*ADD*padding segment ${i} to make the file large`),
    `SE*${2 + padSegments}*0001`,
    `GE*1*${n}`,
    `IEA*1*${icn}`,
    "",
  ].join("~");
}
const sha = (s: string) => createHash("sha256").update(s).digest("hex");

/** Leaves a file in the company's sandbox inbound folder, as the sandbox does when it answers. */
async function sandboxAnswers(tenantId: string, name: string, content: string) {
  await s3Client().send(
    new PutObjectCommand({
      Bucket: bucketName("EdiBucket"),
      Key: `sandbox/${tenantId}/inbound/${name}`,
      Body: content,
    }),
  );
}

const inboundFiles = async (key: string) =>
  (await call("GET", "/v1/inbound-files?limit=100", { key })).body.items as {
    sha256: string;
    name: string;
    kind: string;
    source: string;
    status: string;
    bytes: number;
  }[];

/** How many objects are archived under the company's inbound prefix in the EDI bucket. */
async function archivedObjects(tenantId: string): Promise<number> {
  const res = await s3Client().send(
    new ListObjectsV2Command({ Bucket: bucketName("EdiBucket"), Prefix: `${tenantId}/in/` }),
  );
  return res.KeyCount ?? 0;
}

describe("POST /v1/clearinghouse/poll queues a poll; the poll worker takes the files", () => {
  it("answers 202 at once without fetching, and the worker archives each file once", async () => {
    const { tenantId, ownerKey: key } = await newTenant("Queued Poll Billing");
    const files = {
      "CL-000000001.999": x12("999", 1),
      "CL-000000001.277": x12("277", 2),
      // About 6 MB: bigger than an API body, streamed from the clearinghouse to S3.
      "CL-000000001-BPH01.835": x12("835", 3, 120_000),
    };
    for (const [name, content] of Object.entries(files)) await sandboxAnswers(tenantId, name, content);

    const queued = await call("POST", "/v1/clearinghouse/poll", { key });
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    expect(queued.body).toMatchObject({ status: "queued", received: 0, files: [], errors: [] });
    expect(queued.body.pollId).toMatch(/^pol_/);
    // Nothing was fetched inside the request: the worker does that.
    expect(await inboundFiles(key)).toEqual([]);

    const done = await finishedPoll(key, queued.body.pollId);
    expect(done).toMatchObject({ status: "done", attempts: 1, received: 3, duplicates: 0, errors: [] });
    expect(done.files.map((f: any) => [f.name, f.kind, f.sha256, f.bytes, f.duplicate]).sort()).toEqual(
      Object.entries(files)
        .map(([name, c]) => [name, name.slice(-3), sha(c), Buffer.byteLength(c), false])
        .sort(),
    );

    // Each file once: recorded from the poll, queued for processing, archived raw under its hash.
    const listed = await inboundFiles(key);
    expect(listed.map((f) => [f.name, f.source, f.status]).sort()).toEqual(
      Object.keys(files)
        .map((n) => [n, "poll", "received"])
        .sort(),
    );
    const big = listed.find((f) => f.kind === "835")!;
    const one = (await call("GET", `/v1/inbound-files/${big.sha256}`, { key })).body;
    expect(sha(await (await fetch(one.fileUrl)).text())).toBe(sha(files["CL-000000001-BPH01.835"]));
    expect(await archivedObjects(tenantId)).toBe(3);

    // Taken files were acknowledged: the next poll finds nothing, and nothing is doubled.
    const again = await pollNow(key);
    expect(again).toMatchObject({ status: "done", received: 0, duplicates: 0, files: [] });
    expect(await inboundFiles(key)).toHaveLength(3);
    expect(await archivedObjects(tenantId)).toBe(3);
  });

  it("keeps polls to their company: another's poll id is 404, and a poll takes only its company's files", async () => {
    const a = await newTenant("Poll Owner A");
    const b = await newTenant("Poll Owner B");
    await sandboxAnswers(a.tenantId, "CL-000000009.999", x12("999", 9));
    const queued = await call("POST", "/v1/clearinghouse/poll", { key: b.ownerKey });
    expect(queued.status).toBe(202);
    expect(await finishedPoll(b.ownerKey, queued.body.pollId)).toMatchObject({ status: "done", received: 0 });
    expect((await call("GET", `/v1/clearinghouse/polls/${queued.body.pollId}`, { key: a.ownerKey })).status).toBe(404);
    const unknown = await call("GET", "/v1/clearinghouse/polls/pol_00000000000000", { key: a.ownerKey });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toMatch(/problem\+json/);
    expect(await inboundFiles(b.ownerKey)).toEqual([]);

    // A's file waited for A's own poll.
    expect(await pollNow(a.ownerKey)).toMatchObject({ status: "done", received: 1 });
    expect((await inboundFiles(a.ownerKey)).map((f) => f.name)).toEqual(["CL-000000009.999"]);

    // A viewer follows polls but does not start them.
    const viewer = await newKey(a.ownerKey, "viewer");
    expect((await call("POST", "/v1/clearinghouse/poll", { key: viewer })).status).toBe(403);
    expect((await call("GET", `/v1/clearinghouse/polls/${queued.body.pollId}`, { key: viewer })).status).toBe(404);
  });

  it("takes a 50 MB 835 through to S3 exactly, spooled to disk and uploaded in parts", async () => {
    const c = await newTenant("Large File Billing");
    const segment = "CLP*CL0000000001*1*185.00*120.00*65.00*12*SBX0000000001~";
    const header = x12("835", 14).split("~SE*")[0]!;
    const dir = await mkdtemp(join(tmpdir(), "cl-big-"));
    const path = join(dir, "z.835");
    const out = createWriteStream(path);
    const hash = createHash("sha256");
    const write = (text: string) => {
      hash.update(text);
      return out.write(text) ? undefined : new Promise<void>((r) => out.once("drain", () => r()));
    };
    await write(header + "~");
    const block = segment.repeat(1000);
    while (out.bytesWritten + out.writableLength < 50 * 1024 * 1024) await write(block);
    await new Promise<void>((r) => out.end(() => r()));
    const bytes = (await stat(path)).size;
    const sha256 = hash.digest("hex");
    await uploadFile("EdiBucket", `sandbox/${c.tenantId}/inbound/z.835`, { path, sha256, bytes });
    await rm(dir, { recursive: true, force: true });

    expect(await runPoll({ tenantId: c.tenantId })).toBe("done");
    const big = (await inboundFiles(c.ownerKey)).find((f) => f.name === "z.835")!;
    expect(big).toMatchObject({ sha256, bytes, kind: "835" });
    // Byte for byte what the clearinghouse had: past S3's single-request size the archive goes up in parts.
    const one = (await call("GET", `/v1/inbound-files/${sha256}`, { key: c.ownerKey })).body;
    const archived = createHash("sha256");
    for await (const chunk of (await fetch(one.fileUrl)).body!) archived.update(chunk);
    expect(archived.digest("hex")).toBe(sha256);
  }, 120_000);
});

describe("a poll over SFTP that dies part-way", () => {
  let sshd: SftpServer;
  let n = 0;
  /** Owner keys of the companies pointed at SFTP here: back on the sandbox afterwards, so no later scheduled poll looks for this file's secret. */
  const onSftp: string[] = [];
  beforeAll(async () => {
    sshd = await startSftpServer();
    process.env.CLAIMLEDGER_SECRET_POLLTEST = JSON.stringify({ privateKey: sshd.privateKey });
  });
  afterAll(async () => {
    for (const key of onSftp) await call("PUT", "/v1/clearinghouse", { key, body: { kind: "sandbox" } });
    await sshd?.stop();
  });

  /** A company on the in-process SFTP server with three files waiting. */
  async function sftpCompany() {
    const t = await newTenant("SFTP Poll Billing");
    const base = join(sshd.root, `c${++n}`);
    const dirs = { inboundDir: join(base, "out"), outboundDir: join(base, "in"), archiveDir: join(base, "taken") };
    for (const d of [dirs.inboundDir, dirs.outboundDir]) await mkdir(d, { recursive: true });
    const put = await call("PUT", "/v1/clearinghouse", {
      key: t.ownerKey,
      body: {
        kind: "sftp",
        host: sshd.host,
        port: sshd.port,
        username: sshd.username,
        ...dirs,
        hostKeySha256: sshd.hostKeySha256,
        secretName: "polltest",
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    onSftp.push(t.ownerKey);
    const files = { "a.999": x12("999", 11), "b.277": x12("277", 12), "c.835": x12("835", 13, 20_000) };
    for (const [name, content] of Object.entries(files)) await writeFile(join(dirs.inboundDir, name), content);
    const left = async () => (await readdir(dirs.inboundDir)).sort();
    const taken = async () => (await readdir(dirs.archiveDir).catch(() => [])).sort();
    return { ...t, files, left, taken };
  }

  /** The company's real connection, broken on purpose: `crash` on the nth fetch or acknowledgement. */
  const breaking =
    (at: { fetch?: number; ack?: number }, crash: () => Error): typeof openClearinghouse =>
    async (tenantId) => {
      const ch = await openClearinghouse(tenantId);
      let fetches = 0;
      let acks = 0;
      const { connection } = ch;
      return {
        ...ch,
        connection: {
          ...connection,
          fetchInbound: async (name) => {
            if (++fetches === at.fetch) throw crash();
            return connection.fetchInbound(name);
          },
          acknowledge: async (name) => {
            if (++acks === at.ack) throw crash();
            return connection.acknowledge(name);
          },
        },
      };
    };
  /** What a worker that died looks like to the code after it: the invocation ends with an error, SQS redelivers. */
  const died = () => Object.assign(new Error("the worker died"), { name: "ThrottlingException" });

  it("resumes on redelivery: the rest archived, file 1 not again, only archived files acknowledged", async () => {
    const c = await sftpCompany();
    const message = { tenantId: c.tenantId };
    await expect(runPoll(message, breaking({ fetch: 2 }, died))).rejects.toThrow("the worker died");
    // File 1 was archived, recorded and only then acknowledged; 2 and 3 wait at the clearinghouse.
    expect((await inboundFiles(c.ownerKey)).map((f) => f.name)).toEqual(["a.999"]);
    expect(await c.taken()).toEqual(["a.999"]);
    expect(await c.left()).toEqual(["b.277", "c.835"]);

    expect(await runPoll(message)).toBe("done");
    const listed = await inboundFiles(c.ownerKey);
    expect(listed.map((f) => [f.name, f.sha256]).sort()).toEqual(
      Object.entries(c.files)
        .map(([name, content]) => [name, sha(content)])
        .sort(),
    );
    expect(await archivedObjects(c.tenantId)).toBe(3);
    expect(await c.taken()).toEqual(["a.999", "b.277", "c.835"]);
    expect(await c.left()).toEqual([]);
  });

  it("takes a file archived but never acknowledged again without a second copy", async () => {
    const c = await sftpCompany();
    const message = { tenantId: c.tenantId };
    await expect(runPoll(message, breaking({ ack: 1 }, died))).rejects.toThrow("the worker died");
    expect((await inboundFiles(c.ownerKey)).map((f) => f.name)).toEqual(["a.999"]);
    expect(await c.taken()).toEqual([]);
    expect(await c.left()).toEqual(["a.999", "b.277", "c.835"]);

    expect(await runPoll(message)).toBe("done");
    expect((await inboundFiles(c.ownerKey)).map((f) => f.name).sort()).toEqual(["a.999", "b.277", "c.835"]);
    expect(await archivedObjects(c.tenantId)).toBe(3);
    expect(await c.taken()).toEqual(["a.999", "b.277", "c.835"]);
  });

  it("leaves a file it cannot fetch for the next poll, names it, and takes the others", async () => {
    const c = await sftpCompany();
    const broken = breaking({ fetch: 2 }, () => new Error("SFTP download of b.277 failed: permission denied"));
    expect(await runPoll({ tenantId: c.tenantId }, broken)).toBe("done");
    expect(await c.left()).toEqual(["b.277"]);
    expect(await c.taken()).toEqual(["a.999", "c.835"]);
    expect((await runPoll({ tenantId: c.tenantId })) === "done" && (await c.left())).toEqual([]);
    expect(await inboundFiles(c.ownerKey)).toHaveLength(3);
  });

  it("ends a poll that cannot connect as failed, with the reason and no secret, for the next poll to try again", async () => {
    const t = await newTenant("Unreachable Clearinghouse Billing");
    const put = await call("PUT", "/v1/clearinghouse", {
      key: t.ownerKey,
      body: {
        kind: "sftp",
        host: "127.0.0.1",
        port: 1,
        username: "x",
        outboundDir: "/in",
        inboundDir: "/out",
        secretName: "polltest",
      },
    });
    expect(put.status).toBe(200);
    onSftp.push(t.ownerKey);
    const logged: string[] = [];
    const level = process.env.CLAIMLEDGER_LOG;
    process.env.CLAIMLEDGER_LOG = "warn";
    const spy = vi.spyOn(console, "error").mockImplementation((line: string) => void logged.push(line));
    try {
      // Not thrown (SQS would redeliver it for half an hour): the schedule polls again in 5 minutes.
      expect(await runPoll({ tenantId: t.tenantId })).toBe("failed");
    } finally {
      spy.mockRestore();
      process.env.CLAIMLEDGER_LOG = level;
    }
    const line = logged.map((l) => JSON.parse(l)).find((l) => l.msg === "clearinghouse poll failed");
    expect(line?.error).toMatch(/SFTP connection to 127\.0\.0\.1:1 failed/);
    for (const l of logged) expect(l).not.toContain(sshd.privateKey.split("\n")[1]);
  });
});

describe("the 5-minute schedule", () => {
  it("queues one poll per company with a configured clearinghouse, each run by the worker on its own", async () => {
    const a = await newTenant("Scheduled A");
    const b = await newTenant("Scheduled B");
    const unset = await newTenant("Never Configured");
    for (const t of [a, b]) {
      expect((await call("PUT", "/v1/clearinghouse", { key: t.ownerKey, body: { kind: "sandbox" } })).status).toBe(200);
      await sandboxAnswers(t.tenantId, "CL-000000021.999", x12("999", 21));
    }

    const { queued } = await cron();
    expect(queued.filter((id) => id === a.tenantId)).toHaveLength(1);
    expect(queued.filter((id) => id === b.tenantId)).toHaveLength(1);
    expect(queued).not.toContain(unset.tenantId);
    expect(new Set(queued).size).toBe(queued.length);

    // Each company's answers arrive without anyone asking, through its own poll.
    const deadline = Date.now() + 25_000;
    while ((await inboundFiles(a.ownerKey)).length + (await inboundFiles(b.ownerKey)).length < 2) {
      if (Date.now() > deadline) throw new Error("the scheduled polls did not run");
      await drainPolls();
    }
    for (const t of [a, b])
      expect((await inboundFiles(t.ownerKey)).map((f) => [f.name, f.source])).toEqual([["CL-000000021.999", "poll"]]);
  });
});
