import { InboundFileEntity } from "./inbound.entity.ts";
import { archiveEdi, archiveEdiFile } from "../shared/storage.ts";
import { sendMessage } from "../shared/queue.ts";
import { inboundMessages, type InboundMessage } from "./messages.ts";
import { now, runPage } from "../shared/db.ts";

/** The transaction set id (ST01) of the first transaction in an X12 file, or "x12". */
export function x12Kind(content: string): string {
  const isa = content.indexOf("ISA");
  if (isa < 0 || content.length < isa + 106) return "x12";
  // The ISA is fixed width: its element separator is its 4th character and its segment terminator
  // its 106th. The first ST is the first segment that starts with ST, never "ST*" inside a value
  // (an ISA id of all 15 characters ending in ST, such as "CLAIMLEDGERTEST", is followed by "*").
  const el = escapeRegExp(content[isa + 3]!);
  const term = escapeRegExp(content[isa + 105]!);
  const st = new RegExp(`${term}\\s*ST${el}(\\d{3})`).exec(content.slice(isa + 105));
  return st?.[1] ?? "x12";
}

const escapeRegExp = (c: string) => c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

/**
 * Takes an inbound file: S3 first (raw, under its SHA-256), then the record (created once per
 * hash), then the queue. The same file again is recognised by its hash and queued nothing.
 */
export async function receiveInbound(tenantId: string, content: string, source: "poll" | "upload", name?: string) {
  const kind = x12Kind(content);
  return recordInbound(tenantId, await archiveEdi(tenantId, "in", kind, content), kind, source, name);
}

/**
 * Takes a file spooled to disk, its hash and size counted on the way (a clearinghouse file, which
 * may be tens of MB, never held in memory). Its record is looked up first: a file already here (the
 * same file fetched again after a poll died before acknowledging it) is neither archived nor
 * recorded twice, and is queued again only if no worker ever took it up. Otherwise: S3 (streamed
 * from disk, in parts when large, checked against the hash), the record, the queue.
 */
export async function receiveSpooled(
  tenantId: string,
  file: { path: string; sha256: string; bytes: number; kind: string },
  source: "poll" | "upload",
  name?: string,
) {
  const existing = await getInboundFile(tenantId, file.sha256);
  if (existing) {
    if (existing.status === "received") await enqueueInbound({ tenantId, sha256: file.sha256 });
    return { sha256: file.sha256, kind: existing.kind ?? file.kind, duplicate: true };
  }
  const stored = await archiveEdiFile(tenantId, "in", file.kind, file);
  return recordInbound(tenantId, stored, file.kind, source, name);
}

/** The record (created once per hash), then the queue; the same hash again queues nothing. */
async function recordInbound(
  tenantId: string,
  stored: { key: string; sha256: string; bytes: number },
  kind: string,
  source: "poll" | "upload",
  name?: string,
) {
  try {
    await InboundFileEntity.create({
      tenantId,
      sha256: stored.sha256,
      key: stored.key,
      bytes: stored.bytes,
      name,
      source,
      kind,
      status: "received",
      attempts: 0,
      receivedAt: now(),
    }).go();
  } catch (err) {
    if (/conditional request failed/i.test((err as Error).message)) {
      return { sha256: stored.sha256, kind, duplicate: true };
    }
    throw err;
  }
  await enqueueInbound({ tenantId, sha256: stored.sha256 });
  return { sha256: stored.sha256, kind, duplicate: false };
}

export async function enqueueInbound(m: InboundMessage) {
  await sendMessage("InboundFileQueue", inboundMessages, m);
}

/** One inbound file's record, or undefined. */
export async function getInboundFile(tenantId: string, sha256: string) {
  return (await InboundFileEntity.get({ tenantId, sha256 }).go()).data ?? undefined;
}

/** Inbound files newest first, without their storage keys. */
export async function listInboundFiles(tenantId: string, q: { limit?: number; cursor?: string }) {
  const page = await runPage(() =>
    InboundFileEntity.query.byTenant({ tenantId }).go({ limit: q.limit, cursor: q.cursor ?? null, order: "desc" }),
  );
  return { items: page.items.map(({ tenantId: _t, key: _k, ...f }) => f), nextCursor: page.nextCursor };
}
