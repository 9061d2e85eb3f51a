import type { Claim835, ChunkSource, Remittance835 } from "@claimledger/x12";
import { PostingChunkEntity, PostingRunEntity, RemittanceEntity } from "./remittance.entity.ts";
import { postClaim } from "./claim-posting.ts";
import { beginRemittance, checkFile, finishRemittance, postProviderAdjustments } from "./remittance.service.ts";
import type { PostSummary } from "./remittance.schema.ts";
import { Periods } from "../invoice/index.ts";
import { stream835 } from "@claimledger/x12";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { WORK_PREFIX, putWorkFile, readWorkFile } from "../shared/storage.ts";
import { newId } from "../shared/ids.ts";
import { now } from "../shared/db.ts";

/**
 * Posting an 835 of any size in bounded steps. Planning reads the file once (checking envelopes
 * and balances first): each payment is classified (posts, or is incomplete, unbalanced, a
 * duplicate), and the claim payments of those that post are cut into chunks of a few hundred,
 * each written to S3 as a work file. Each chunk is then posted on its own (one queue message
 * each, side by side), saving its progress as it goes, so a chunk cut off by a time limit or a
 * crash resumes where it stopped; the chunk that completes the run posts the PLBs and marks the
 * payments posted. Every claim posting is idempotent by itself, so nothing posts twice, whatever
 * runs again.
 */

/** Claim payments per chunk: `CLAIMLEDGER_POSTING_CHUNK`, 250 by default. */
export function chunkSize(): number {
  const v = Number(process.env.CLAIMLEDGER_POSTING_CHUNK ?? "250");
  if (!Number.isInteger(v) || v < 1) throw new Error("CLAIMLEDGER_POSTING_CHUNK must be a positive integer");
  return v;
}

/** A chunk's progress is saved every this many claims (and when it stops for time). */
const CHECKPOINT_EVERY = 25;

/** What a chunk's work file holds: the claim payments and the payment (remittance) they belong to. */
interface ChunkFile {
  remittanceId: string;
  depositDate: string;
  payerKey: string;
  rerun: boolean;
  /** Index of the first claim payment within its remittance (the CLP's place in the file names its entries). */
  first: number;
  claims: Claim835[];
}

export interface PlannedRun {
  runId: string;
  chunks: number;
}

const workKey = (tenantId: string, sha256: string, runId: string, chunk: number) =>
  `${WORK_PREFIX}${tenantId}/posting/${sha256}/${runId}/${String(chunk).padStart(5, "0")}.json.gz`;

const emptySummary = (): PostSummary => ({
  remittances: 0,
  incomplete: 0,
  posted: 0,
  unmatched: 0,
  skipped: 0,
  unbalanced: 0,
  duplicates: 0,
  providerAdjustments: 0,
});

/** Reads the file and writes its chunks; the run it returns is posted by postChunk, chunk by chunk. */
export async function planPosting(
  tenantId: string,
  sha256: string,
  open: () => Promise<ChunkSource>,
): Promise<PlannedRun> {
  const verdicts = await checkFile(open);
  const runId = newId("run", 10);
  const size = chunkSize();
  const totals = emptySummary();
  const remittances: Record<string, { posted: number; unmatched: number; skipped: number }> = {};
  let chunks = 0;
  let index = 0;
  let current: { remittanceId: string; depositDate: string; payerKey: string; rerun: boolean } | undefined;
  let claimIndex = 0;
  let begun = false;
  let buffer: Claim835[] = [];
  let bufferFirst = 0;

  const flush = async () => {
    if (!current || buffer.length === 0) return;
    const file: ChunkFile = { ...current, first: bufferFirst, claims: buffer };
    await putWorkFile(workKey(tenantId, sha256, runId, chunks), file);
    chunks++;
    buffer = [];
  };

  for await (const e of stream835(await open())) {
    if (!begun) {
      begun = true;
      claimIndex = 0;
      const outcome = await beginRemittance(tenantId, sha256, index, e.remittance, verdicts);
      totals.remittances++;
      if (outcome.status === "posting") {
        current = { ...outcome.posting };
        remittances[current.remittanceId] = { posted: 0, unmatched: 0, skipped: 0 };
        await RemittanceEntity.patch({ tenantId, remittanceId: current.remittanceId })
          .set({ rerun: current.rerun })
          .go();
      } else totals[outcome.status]++;
    }
    if (e.type === "claim") {
      if (current) {
        if (buffer.length === 0) bufferFirst = claimIndex;
        buffer.push(e.claim);
        if (buffer.length >= size) await flush();
      }
      claimIndex++;
      continue;
    }
    // The end of one payment (SE): its last chunk, and its PLBs kept for the run's end.
    if (current) {
      await flush();
      await RemittanceEntity.patch({ tenantId, remittanceId: current.remittanceId })
        .set({ providerAdjustments: e.remittance.providerAdjustments })
        .go();
    }
    current = undefined;
    begun = false;
    index++;
  }
  await PostingRunEntity.create({
    tenantId,
    sha256,
    runId,
    chunks,
    chunksDone: 0,
    totals,
    remittances,
    startedAt: now(),
  }).go();
  return { runId, chunks };
}

export type ChunkOutcome =
  /** The chunk stopped for time, progress saved: send it again to go on. */
  | { state: "continue" }
  /** Posted; other chunks of the run are still to finish. */
  | { state: "done" }
  /** Posted, and so is the whole run: the file's summary. */
  | { state: "finished"; summary: PostSummary };

/**
 * Posts one chunk of a run from where its saved progress says, until done or until `deadline`
 * (epoch ms) is near: then it saves its place and answers "continue". A chunk already done only
 * looks whether the run is finished (a redelivered message).
 */
export async function postChunk(
  tenantId: string,
  sha256: string,
  runId: string,
  chunk: number,
  deadline = Infinity,
): Promise<ChunkOutcome> {
  const key = { tenantId, sha256, runId, chunk };
  const { data: saved } = await PostingChunkEntity.get(key).go({ consistent: true });
  if (saved?.done) return finishIfComplete(tenantId, sha256, runId);
  const file = await readWorkFile<ChunkFile>(workKey(tenantId, sha256, runId, chunk));
  const progress = {
    next: saved?.next ?? 0,
    posted: saved?.posted ?? 0,
    unmatched: saved?.unmatched ?? 0,
    skipped: saved?.skipped ?? 0,
    practiceId: saved?.practiceId,
  };
  const save = () => PostingChunkEntity.put({ ...key, ...progress, done: false }).go();
  const periods = new Periods(tenantId);
  // Leave time to save and answer: a fifth of what is left when the chunk starts, at most 5 s.
  const margin = Math.min(5_000, (deadline - Date.now()) / 5);
  for (; progress.next < file.claims.length; progress.next++) {
    if (Date.now() > deadline - margin) {
      await save();
      return { state: "continue" };
    }
    if (progress.next > (saved?.next ?? 0) && progress.next % CHECKPOINT_EVERY === 0) await save();
    const outcome = await postClaim(
      tenantId,
      periods,
      file.remittanceId,
      file.first + progress.next,
      file.claims[progress.next]!,
      file.depositDate,
      file.payerKey,
    );
    // A claim already posted from this payment in a first run was posted by this run, before a
    // restart (the progress saved lags behind): it counts as posted. In a re-run it is skipped.
    const result = outcome.result === "skipped" && !file.rerun ? "posted" : outcome.result;
    progress[result]++;
    progress.practiceId ??= outcome.practiceId;
  }
  await completeChunk(tenantId, sha256, runId, chunk, file.remittanceId, progress);
  return finishIfComplete(tenantId, sha256, runId);
}

/** The chunk done and its counts added to the run's, in one transaction: a chunk counts once. */
async function completeChunk(
  tenantId: string,
  sha256: string,
  runId: string,
  chunk: number,
  remittanceId: string,
  p: { posted: number; unmatched: number; skipped: number; practiceId?: string; next: number },
) {
  const { TableName, Key } = PostingRunEntity.get({ tenantId, sha256, runId }).params();
  const practice = p.practiceId ? ", #r.#rid.#practice = if_not_exists(#r.#rid.#practice, :practice)" : "";
  try {
    await transactWrite([
      tx.put(
        PostingChunkEntity.put({ tenantId, sha256, runId, chunk, ...p, done: true })
          .where((a, op) => `${op.notExists(a.done)} OR ${op.eq(a.done, false)}`)
          .params(),
        "chunk",
      ),
      tx.update({
        TableName,
        Key,
        UpdateExpression: `ADD chunksDone :one, #t.posted :posted, #t.unmatched :unmatched, #t.skipped :skipped, #r.#rid.posted :posted, #r.#rid.unmatched :unmatched, #r.#rid.skipped :skipped${practice ? ` SET ${practice.slice(2)}` : ""}`,
        ExpressionAttributeNames: {
          "#t": "totals",
          "#r": "remittances",
          "#rid": remittanceId,
          ...(practice ? { "#practice": "practiceId" } : {}),
        },
        ExpressionAttributeValues: {
          ":one": 1,
          ":posted": p.posted,
          ":unmatched": p.unmatched,
          ":skipped": p.skipped,
          ...(practice ? { ":practice": p.practiceId } : {}),
        },
      }),
    ]);
  } catch (err) {
    // Completed by an earlier delivery of the same chunk.
    if (err instanceof TransactionConflict && err.failed("chunk")) return;
    throw err;
  }
}

/**
 * When every chunk is done: each remittance's PLBs posted (once, by their marker) and the
 * remittance marked posted with its counts; the run finished. Whoever completes last does it, and
 * doing it twice (two last chunks at once, a redelivery) changes nothing.
 */
async function finishIfComplete(tenantId: string, sha256: string, runId: string): Promise<ChunkOutcome> {
  const { data: run } = await PostingRunEntity.get({ tenantId, sha256, runId }).go({ consistent: true });
  if (!run) throw new Error(`posting run ${runId} not found`);
  if (run.chunksDone < run.chunks) return { state: "done" };
  const totals = { ...(run.totals as PostSummary) };
  const periods = new Periods(tenantId);
  const remittances = run.remittances as Record<
    string,
    { posted: number; unmatched: number; skipped: number; practiceId?: string }
  >;
  for (const [remittanceId, counts] of Object.entries(remittances)) {
    const { data: r } = await RemittanceEntity.get({ tenantId, remittanceId }).go({ consistent: true });
    if (!r) continue;
    const plbs = (r.providerAdjustments ?? []) as Remittance835["providerAdjustments"];
    await postProviderAdjustments(tenantId, periods, { ...r, practiceId: counts.practiceId }, plbs);
    totals.providerAdjustments += plbs.length;
    await finishRemittance(
      tenantId,
      remittanceId,
      r.rerun ?? false,
      {
        ...emptySummary(),
        remittances: 1,
        posted: counts.posted,
        unmatched: counts.unmatched,
        skipped: counts.skipped,
        providerAdjustments: plbs.length,
      },
      counts.practiceId,
    );
  }
  if (!run.finishedAt) await PostingRunEntity.patch({ tenantId, sha256, runId }).set({ finishedAt: now() }).go();
  return { state: "finished", summary: totals };
}

/**
 * Posts a whole file here and now, chunk after chunk (tests, scripts and the bench; the inbound
 * worker queues the chunks instead). Answers the file's summary.
 */
export async function post835(
  tenantId: string,
  sha256: string,
  open: () => Promise<ChunkSource>,
): Promise<PostSummary> {
  const { runId, chunks } = await planPosting(tenantId, sha256, open);
  if (chunks === 0) return finishRun(tenantId, sha256, runId);
  let outcome: ChunkOutcome = { state: "done" };
  for (let c = 0; c < chunks; c++) {
    do outcome = await postChunk(tenantId, sha256, runId, c);
    while (outcome.state === "continue");
  }
  if (outcome.state !== "finished") throw new Error(`posting run ${runId} did not finish`);
  return outcome.summary;
}

/** A run with no chunk to post (every payment unbalanced, a duplicate, or without claims) finishes at once. */
export async function finishRun(tenantId: string, sha256: string, runId: string): Promise<PostSummary> {
  const outcome = await finishIfComplete(tenantId, sha256, runId);
  if (outcome.state !== "finished") throw new Error(`posting run ${runId} has chunks to post`);
  return outcome.summary;
}

/** How many of a run's chunks are done (for the file's page while it is posting). */
export async function chunksDone(tenantId: string, sha256: string, runId: string): Promise<number | undefined> {
  const { data } = await PostingRunEntity.get({ tenantId, sha256, runId }).go({ attributes: ["chunksDone"] });
  return data?.chunksDone;
}
