import { InboundFileEntity } from "./inbound.entity.ts";
import { apply277, apply999 } from "./acks.service.ts";
import { post835 } from "../remittance/index.ts";
import { readEdi, streamEdi } from "../shared/storage.ts";
import { now } from "../shared/db.ts";
import { log } from "../shared/log.ts";
import { isTransient } from "../shared/transact.ts";

/** Handlers by transaction set (ST01); each reads the archived file its own way. */
export const inboundHandlers: Record<
  string,
  (tenantId: string, file: { key: string; sha256: string }) => Promise<unknown>
> = {
  "999": async (tenantId, f) => apply999(tenantId, await readEdi(f.key)),
  "277": async (tenantId, f) => apply277(tenantId, await readEdi(f.key)),
  // 835s can be large: streamed from S3, twice (balance first, then posting).
  "835": (tenantId, f) => post835(tenantId, f.sha256, () => streamEdi(f.key)),
};

/**
 * The inbound-file worker's job: read the archived file, apply it, record the outcome. While it
 * runs the file says `processing`, since when, and which attempt; a crash leaves it so, honestly,
 * until SQS redelivers it (or an operator requeues it past the worker's time limit). A file that
 * cannot be applied as it is is kept and marked failed with the reason, and can be processed again;
 * a passing failure (DynamoDB contention or throttling) is thrown for SQS to redeliver. Every step of
 * applying a file is idempotent, so an attempt that died part-way is finished, never doubled.
 */
export async function processInbound(tenantId: string, sha256: string): Promise<"processed" | "skipped" | "failed"> {
  const { data: file } = await InboundFileEntity.get({ tenantId, sha256 }).go();
  if (!file || file.status === "processed") return "skipped";
  const handler = inboundHandlers[file.kind ?? ""];
  await InboundFileEntity.patch({ tenantId, sha256 })
    .set({ status: "processing", processingSince: now() })
    .add({ attempts: 1 })
    .go();
  try {
    if (!handler) throw new Error(`no handler for X12 transaction set ${file.kind}`);
    const summary = await handler(tenantId, { key: file.key, sha256 });
    await InboundFileEntity.patch({ tenantId, sha256 })
      .set({ status: "processed", summary, processedAt: now() })
      .remove(["error"])
      .go();
    return "processed";
  } catch (err) {
    // DynamoDB contention or throttling past the retries: SQS redelivers the message; the file stays `processing`.
    if (isTransient(err)) {
      log("warn", "inbound file interrupted, to be redelivered", {
        tenantId,
        sha256,
        kind: file.kind,
        error: (err as Error).name,
      });
      throw err;
    }
    const error = (err as Error).message.slice(0, 1000);
    await InboundFileEntity.patch({ tenantId, sha256 }).set({ status: "failed", error }).go();
    log("warn", "inbound file failed", { tenantId, sha256, kind: file.kind, error });
    return "failed";
  }
}
