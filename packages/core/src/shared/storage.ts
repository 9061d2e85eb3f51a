import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { bucketName, s3Client } from "./aws.ts";

export function sha256(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * Archives a raw EDI file before anything else happens to it: tenant-scoped key that carries
 * the file's SHA-256, so the same file is recognised and never stored twice under two names.
 */
export async function archiveEdi(
  tenantId: string,
  direction: "in" | "out",
  kind: string,
  content: string,
  at = new Date(),
) {
  const hash = sha256(content);
  const key = ediKey(tenantId, direction, kind, hash, at);
  await s3Client().send(
    new PutObjectCommand({
      Bucket: bucketName("EdiBucket"),
      Key: key,
      Body: content,
      ContentType: "application/edi-x12",
      ChecksumAlgorithm: "SHA256",
    }),
  );
  return { key, sha256: hash, bytes: Buffer.byteLength(content) };
}

/** Where an EDI file is archived: tenant, direction, kind, month, and its SHA-256. */
export function ediKey(tenantId: string, direction: "in" | "out", kind: string, hash: string, at = new Date()) {
  return `${tenantId}/${direction}/${kind}/${at.toISOString().slice(0, 7)}/${hash}.${kind}`;
}

/**
 * Archives a raw EDI file from a stream whose SHA-256 and size are already known (computed while
 * it was spooled): S3 checks the bytes against the hash, and the file is never held in memory.
 */
export async function archiveEdiStream(
  tenantId: string,
  direction: "in" | "out",
  kind: string,
  file: { sha256: string; bytes: number; body: Readable },
  at = new Date(),
) {
  const key = ediKey(tenantId, direction, kind, file.sha256, at);
  await s3Client().send(
    new PutObjectCommand({
      Bucket: bucketName("EdiBucket"),
      Key: key,
      Body: file.body,
      ContentLength: file.bytes,
      ContentType: "application/edi-x12",
      ChecksumSHA256: Buffer.from(file.sha256, "hex").toString("base64"),
    }),
  );
  return { key, sha256: file.sha256, bytes: file.bytes };
}

export async function readEdi(key: string): Promise<string> {
  const res = await s3Client().send(new GetObjectCommand({ Bucket: bucketName("EdiBucket"), Key: key }));
  return (await res.Body?.transformToString("utf8")) ?? "";
}

/** The stored file as a stream of chunks, for readers that must not hold a large file in memory. */
export async function streamEdi(key: string): Promise<AsyncIterable<Uint8Array>> {
  const res = await s3Client().send(new GetObjectCommand({ Bucket: bucketName("EdiBucket"), Key: key }));
  return res.Body as AsyncIterable<Uint8Array>;
}

/** A short-lived download link (15 minutes). */
export async function presign(bucketResource: string, key: string, seconds = 900): Promise<string> {
  return getSignedUrl(s3Client(), new GetObjectCommand({ Bucket: bucketName(bucketResource), Key: key }), {
    expiresIn: seconds,
  });
}

/** A short-lived upload link (15 minutes): the client PUTs the file's bytes to it, straight to S3. */
export async function presignUpload(bucketResource: string, key: string, seconds = 900): Promise<string> {
  return getSignedUrl(s3Client(), new PutObjectCommand({ Bucket: bucketName(bucketResource), Key: key }), {
    expiresIn: seconds,
  });
}

/** An object's text, or undefined when there is none under the key. */
export async function readObject(bucketResource: string, key: string): Promise<string | undefined> {
  try {
    const res = await s3Client().send(new GetObjectCommand({ Bucket: bucketName(bucketResource), Key: key }));
    return (await res.Body?.transformToString("utf8")) ?? "";
  } catch (err) {
    if ((err as { name?: string }).name === "NoSuchKey") return undefined;
    throw err;
  }
}

export async function deleteObject(bucketResource: string, key: string): Promise<void> {
  await s3Client().send(new DeleteObjectCommand({ Bucket: bucketName(bucketResource), Key: key }));
}
