import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { auditPut } from "../audit/index.ts";
import { getClaim } from "../claim/index.ts";
import { payerForSystem } from "../payer/index.ts";
import { bucketName, s3Client } from "../shared/aws.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import { AppError, invalid, notFound, preconditionFailed } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { authorize } from "../shared/permissions.ts";
import { presignUpload } from "../shared/storage.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import {
  MAX_ATTACHMENTS,
  MAX_ATTACHMENT_BYTES,
  ATTACHMENT_TYPES,
  type AttachmentStart,
  type AttachmentType,
} from "./appeal.schema.ts";
import { appealPutItem, appealsById, type AppealRecord, type StoredAttachment } from "./appeal.store.ts";
import { appealFor } from "./access.ts";
import { attachmentKey, writeLetter } from "./letter.service.ts";
import { viewOf } from "./view.ts";
import { isOpen } from "./rules.ts";

/**
 * An appeal's attachments (records, proof of timely filing, the authorization): files in the
 * document bucket under the appeal, PDF or image, at most 10 MB and 20 to an appeal. Two ways in:
 * a body upload (the API's 6 MB body limit applies), or a presigned PUT straight to S3 for larger
 * files, completed by a call that checks what arrived. Either way the first bytes must be what the
 * content type says. While the appeal is a draft, its letter is written again to list them.
 */

/** Whether the first bytes of a file are what its content type says. */
export function looksLike(type: AttachmentType, head: Uint8Array): boolean {
  const starts = (...b: number[]) => b.every((x, i) => head[i] === x);
  switch (type) {
    case "application/pdf":
      return starts(0x25, 0x50, 0x44, 0x46, 0x2d); // %PDF-
    case "image/png":
      return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case "image/jpeg":
      return starts(0xff, 0xd8, 0xff);
    case "image/tiff":
      return starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a);
  }
}

function openFor(a: AppealRecord) {
  if (!isOpen(a.status))
    throw new AppError(409, "appeal-closed", "Appeal closed", `A ${a.status} appeal takes no more attachments`);
}

/** Saves the appeal with its attachments changed (under the version read), audited; a draft's letter follows. */
async function save(p: Principal, before: AppealRecord, attachments: StoredAttachment[], note: string) {
  const letter = before.status === "draft" && attachments.some((x, i) => x.status !== before.attachments[i]?.status);
  const after: AppealRecord = {
    ...before,
    attachments,
    letterVersion: before.letterVersion + (letter ? 1 : 0),
    updatedAt: now(),
    version: before.version + 1,
  };
  if (letter) {
    const previous = before.previousAppealId
      ? (await appealsById(p.tenantId, [before.previousAppealId]))[0]
      : undefined;
    await writeLetter(p, after, await getClaim(p, before.claimId), previous);
  }
  try {
    await transactWrite([
      appealPutItem(after, before.version),
      tx.put(auditPut(p, `appeal:${before.appealId}`, "attachment", { practiceId: before.practiceId, note })),
    ]);
  } catch (err) {
    if (err instanceof TransactionConflict)
      throw preconditionFailed("The appeal changed at the same time; reload it and retry");
    throw err;
  }
  return viewOf(p.tenantId, after, await payerForSystem(p.tenantId, before.payerId));
}

/** A file sent in the request body: checked, stored, listed. */
export async function uploadAttachment(
  p: Principal,
  appealId: string,
  file: { fileName: string; contentType: string; body: Uint8Array },
) {
  authorize(p, "appeal.manage");
  const before = await appealFor(p, appealId);
  openFor(before);
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.contentType))
    throw invalid([{ path: "content-type", message: `must be one of ${ATTACHMENT_TYPES.join(", ")}` }]);
  const contentType = file.contentType as AttachmentType;
  if (file.body.length === 0 || file.body.length > MAX_ATTACHMENT_BYTES)
    throw invalid([{ path: "(body)", message: `a file of 1 to ${MAX_ATTACHMENT_BYTES} bytes` }]);
  if (!looksLike(contentType, file.body.subarray(0, 8)))
    throw invalid([{ path: "(body)", message: `is not a ${contentType} file` }]);
  if (before.attachments.length >= MAX_ATTACHMENTS)
    throw invalid([{ path: "(body)", message: `an appeal has at most ${MAX_ATTACHMENTS} attachments` }]);
  const attachmentId = newId("att", 12);
  await s3Client().send(
    new PutObjectCommand({
      Bucket: bucketName("DocumentBucket"),
      Key: attachmentKey(p.tenantId, appealId, attachmentId),
      Body: file.body,
      ContentType: contentType,
    }),
  );
  const added: StoredAttachment = {
    attachmentId,
    fileName: file.fileName,
    contentType,
    bytes: file.body.length,
    status: "stored",
    uploadedAt: now(),
    by: actorOf(p),
  };
  return save(
    p,
    before,
    [...before.attachments, added],
    `added ${attachmentId} (${contentType}, ${added.bytes} bytes)`,
  );
}

/** A presigned PUT for a larger file (15 minutes); complete it when the file is there. */
export async function startAttachment(p: Principal, appealId: string, input: AttachmentStart) {
  authorize(p, "appeal.manage");
  const before = await appealFor(p, appealId);
  openFor(before);
  if (before.attachments.length >= MAX_ATTACHMENTS)
    throw invalid([{ path: "fileName", message: `an appeal has at most ${MAX_ATTACHMENTS} attachments` }]);
  const attachmentId = newId("att", 12);
  const pending: StoredAttachment = { attachmentId, ...input, status: "pending", by: actorOf(p) };
  const appeal = await save(p, before, [...before.attachments, pending], `upload of ${attachmentId} started`);
  const url = await presignUpload("DocumentBucket", attachmentKey(p.tenantId, appealId, attachmentId));
  return {
    appeal,
    attachmentId,
    uploadUrl: url,
    method: "PUT" as const,
    headers: { "content-type": input.contentType },
    expiresAt: new Date(Date.now() + 900_000).toISOString(),
  };
}

/** The uploaded file is there: its size is the one declared (at most 10 MB), its first bytes its type's. */
export async function completeAttachment(p: Principal, appealId: string, attachmentId: string) {
  authorize(p, "appeal.manage");
  const before = await appealFor(p, appealId);
  const pending = before.attachments.find((x) => x.attachmentId === attachmentId);
  if (!pending) throw notFound("Attachment");
  if (pending.status === "stored") return viewOf(p.tenantId, before, await payerForSystem(p.tenantId, before.payerId));
  const Bucket = bucketName("DocumentBucket");
  const Key = attachmentKey(p.tenantId, appealId, attachmentId);
  const s3 = s3Client();
  const head = await s3.send(new HeadObjectCommand({ Bucket, Key })).catch((err: { name?: string }) => {
    if (err.name === "NotFound" || err.name === "NoSuchKey")
      throw new AppError(409, "not-uploaded", "Not uploaded", "Nothing was uploaded to the link yet");
    throw err;
  });
  const first = await s3.send(new GetObjectCommand({ Bucket, Key, Range: "bytes=0-7" }));
  const bytes = (await first.Body?.transformToByteArray()) ?? new Uint8Array();
  const problem =
    head.ContentLength !== pending.bytes
      ? `holds ${head.ContentLength ?? 0} bytes, not the ${pending.bytes} declared`
      : !looksLike(pending.contentType, bytes)
        ? `is not a ${pending.contentType} file`
        : undefined;
  if (problem) {
    await s3.send(new DeleteObjectCommand({ Bucket, Key }));
    throw invalid([{ path: "file", message: `the upload ${problem}; upload it again` }]);
  }
  const attachments = before.attachments.map((x) =>
    x.attachmentId === attachmentId ? { ...x, status: "stored" as const, uploadedAt: now() } : x,
  );
  return save(p, before, attachments, `added ${attachmentId} (${pending.contentType}, ${pending.bytes} bytes)`);
}
