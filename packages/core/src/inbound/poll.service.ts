import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { configuredClearinghouse, openClearinghouse, type ClearinghouseConnection } from "../clearinghouse/index.ts";
import { receiveSpooled, x12Kind } from "./inbound.service.ts";
import { ClearinghousePollEntity } from "./poll.entity.ts";
import { pollMessages, type PollMessage } from "./messages.ts";
import type { PollView } from "./inbound.schema.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { now } from "../shared/db.ts";
import { log } from "../shared/log.ts";
import { sendMessage, sendMessages } from "../shared/queue.ts";
import { isTransient } from "../shared/transact.ts";

/** How long a poll's record is kept (DynamoDB's TTL deletes it). */
const KEEP_SECONDS = 30 * 24 * 3600;
/** File entries kept on one poll's record (its counts go on); every file is in the inbound files too. */
const LISTED_FILES = 100;

/** Queues a poll of the company's clearinghouse (the worker does it); the answer names the poll to follow. */
export async function requestPoll(p: Principal): Promise<PollView> {
  authorize(p, "clearinghouse.poll");
  const poll = {
    tenantId: p.tenantId,
    pollId: newId("pol"),
    status: "queued" as const,
    requestedBy: actorOf(p),
    requestedAt: now(),
    attempts: 0,
    received: 0,
    duplicates: 0,
    files: [],
    errors: [],
    expiresAt: Math.floor(Date.now() / 1000) + KEEP_SECONDS,
  };
  await ClearinghousePollEntity.create(poll).go();
  await sendMessage("ClearinghousePollQueue", pollMessages, { tenantId: p.tenantId, pollId: poll.pollId });
  return viewPoll(poll);
}

export async function getPoll(p: Principal, pollId: string): Promise<PollView> {
  authorize(p, "inbound.read");
  if (!/^pol_[0-9a-z]{4,40}$/.test(pollId)) throw notFound("Poll");
  const { data } = await ClearinghousePollEntity.get({ tenantId: p.tenantId, pollId }).go({ consistent: true });
  if (!data) throw notFound("Poll");
  return viewPoll(data);
}

function viewPoll(r: {
  pollId: string;
  status: PollView["status"];
  requestedBy: string;
  requestedAt: string;
  startedAt?: string;
  finishedAt?: string;
  attempts: number;
  received: number;
  duplicates: number;
  files?: PollView["files"];
  errors?: PollView["errors"];
}): PollView {
  return {
    pollId: r.pollId,
    status: r.status,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    ...(r.startedAt ? { startedAt: r.startedAt } : {}),
    ...(r.finishedAt ? { finishedAt: r.finishedAt } : {}),
    attempts: r.attempts,
    received: r.received,
    duplicates: r.duplicates,
    files: r.files ?? [],
    errors: r.errors ?? [],
  };
}

/**
 * The schedule: one queue message per company whose clearinghouse is configured (`PUT
 * /v1/clearinghouse`, the sandbox or SFTP), each polled by its own worker invocation. Returns the
 * companies queued.
 */
export async function schedulePolls(tenantIds: AsyncIterable<string>): Promise<string[]> {
  const queued: string[] = [];
  let pending: PollMessage[] = [];
  const flush = async () => {
    await sendMessages("ClearinghousePollQueue", pollMessages, pending);
    queued.push(...pending.map((m) => m.tenantId));
    pending = [];
  };
  for await (const tenantId of tenantIds) {
    if (!(await configuredClearinghouse(tenantId))) continue;
    pending.push({ tenantId });
    if (pending.length === 10) await flush();
  }
  if (pending.length) await flush();
  return queued;
}

/** The first bytes of a file kept while spooling it: enough for the ISA and the first ST. */
const HEAD_BYTES = 4096;

/** Streams one clearinghouse file to a local file, counting its bytes and hashing it on the way. */
async function spool(from: Readable, path: string) {
  const hash = createHash("sha256");
  let bytes = 0;
  let head = Buffer.alloc(0);
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
      done(null, chunk);
    },
  });
  await pipeline(from, count, createWriteStream(path));
  return { path, sha256: hash.digest("hex"), bytes, kind: x12Kind(head.toString("latin1")) };
}

/** One file: spooled, archived in S3, recorded and queued; acknowledged at the clearinghouse only then. */
async function takeFile(tenantId: string, connection: ClearinghouseConnection, name: string) {
  const dir = await mkdtemp(join(tmpdir(), "claimledger-poll-"));
  try {
    const file = await spool(await connection.fetchInbound(name), join(dir, "file"));
    const received = await receiveSpooled(tenantId, file, "poll", name);
    await connection.acknowledge(name);
    return { name, sha256: received.sha256, kind: received.kind, bytes: file.bytes, duplicate: received.duplicate };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const errorText = (err: unknown) => ((err as Error)?.message ?? String(err)).slice(0, 300);

/**
 * The poll worker's job: one company's clearinghouse, one file at a time. It lists the waiting
 * files, then for each: streams it to disk and on to S3 (archive first), records and queues it for
 * processing, and only then acknowledges that one file at the clearinghouse. A worker that dies
 * part-way leaves the files it had not acknowledged where they were; the next run (SQS redelivers
 * the message, or the next poll) fetches them again, and a file already archived is recognised by
 * its SHA-256, so nothing is doubled. A file that cannot be taken is left for the next poll and
 * named in the poll's errors; the others are still taken. A poll that cannot connect or list is
 * `failed` with the reason. DynamoDB contention or throttling is thrown, for SQS to redeliver.
 * `open` is the clearinghouse connection (tests hand in one that breaks on purpose).
 */
export async function runPoll(
  msg: PollMessage,
  open: typeof openClearinghouse = openClearinghouse,
): Promise<"done" | "failed" | "skipped"> {
  const { tenantId, pollId } = msg;
  const key = pollId ? { tenantId, pollId } : undefined;
  let listed = 0;
  if (key) {
    const { data } = await ClearinghousePollEntity.get(key).go({ consistent: true });
    if (!data || data.status === "done" || data.status === "failed") return "skipped";
    listed = data.files?.length ?? 0;
    await ClearinghousePollEntity.patch(key).set({ status: "running", startedAt: now() }).add({ attempts: 1 }).go();
  }

  let ch: Awaited<ReturnType<typeof open>> | undefined;
  let names: string[];
  try {
    ch = await open(tenantId);
    names = await ch.connection.listInbound();
  } catch (err) {
    await ch?.connection.close();
    if (isTransient(err)) throw err;
    const message = errorText(err);
    if (key)
      await ClearinghousePollEntity.patch(key)
        .set({ status: "failed", finishedAt: now() })
        .append({ errors: [{ message }] })
        .go();
    log("warn", "clearinghouse poll failed", { tenantId, pollId, error: message });
    return "failed";
  }

  let taken = 0;
  let left = 0;
  try {
    for (const name of names) {
      try {
        const file = await takeFile(tenantId, ch.connection, name);
        taken++;
        if (key) {
          const counted = ClearinghousePollEntity.patch(key).add(file.duplicate ? { duplicates: 1 } : { received: 1 });
          await (listed++ < LISTED_FILES ? counted.append({ files: [file] }) : counted).go();
        }
      } catch (err) {
        if (isTransient(err)) throw err;
        left++;
        const message = errorText(err);
        if (key)
          await ClearinghousePollEntity.patch(key)
            .append({ errors: [{ name, message }] })
            .go();
        log("warn", "clearinghouse file left for the next poll", { tenantId, pollId, error: message });
      }
    }
  } finally {
    await ch.connection.close();
  }
  if (key) await ClearinghousePollEntity.patch(key).set({ status: "done", finishedAt: now() }).go();
  log("info", "clearinghouse poll done", { tenantId, pollId, files: names.length, taken, left });
  return "done";
}
