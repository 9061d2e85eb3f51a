import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
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

/** Above this a file goes to S3 in parts (S3's minimum part is 5 MiB), each read from disk as it is sent. */
const PART_BYTES = 8 * 1024 * 1024;

/** The SHA-256 (base64, as S3 takes it) of a byte range of a file on disk, read as a stream. */
async function rangeChecksum(path: string, start: number, end: number): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { start, end })) hash.update(chunk as Buffer);
  return hash.digest("base64");
}

/**
 * Archives a raw EDI file spooled to disk, whose SHA-256 and size are already known (see
 * uploadFile): the file is never held in memory.
 */
export async function archiveEdiFile(
  tenantId: string,
  direction: "in" | "out",
  kind: string,
  file: { path: string; sha256: string; bytes: number },
  at = new Date(),
) {
  const key = ediKey(tenantId, direction, kind, file.sha256, at);
  await uploadFile("EdiBucket", key, file, "application/edi-x12");
  return { key, sha256: file.sha256, bytes: file.bytes };
}

/**
 * Uploads a file from disk, streamed (in 8 MiB parts when larger), each request checked by S3
 * against its SHA-256; nothing is held in memory but the chunk in flight.
 */
export async function uploadFile(
  bucketResource: string,
  Key: string,
  file: { path: string; sha256: string; bytes: number },
  ContentType?: string,
): Promise<void> {
  const s3 = s3Client();
  const Bucket = bucketName(bucketResource);
  if (file.bytes <= PART_BYTES) {
    await s3.send(
      new PutObjectCommand({
        Bucket,
        Key,
        Body: createReadStream(file.path),
        ContentLength: file.bytes,
        ContentType,
        ChecksumSHA256: Buffer.from(file.sha256, "hex").toString("base64"),
      }),
    );
    return;
  }
  const { UploadId } = await s3.send(
    new CreateMultipartUploadCommand({ Bucket, Key, ContentType, ChecksumAlgorithm: "SHA256" }),
  );
  try {
    const parts = [];
    for (let start = 0, n = 1; start < file.bytes; start += PART_BYTES, n++) {
      const end = Math.min(start + PART_BYTES, file.bytes) - 1;
      const ChecksumSHA256 = await rangeChecksum(file.path, start, end);
      const { ETag } = await s3.send(
        new UploadPartCommand({
          Bucket,
          Key,
          UploadId,
          PartNumber: n,
          Body: createReadStream(file.path, { start, end }),
          ContentLength: end - start + 1,
          ChecksumSHA256,
        }),
      );
      parts.push({ PartNumber: n, ETag, ChecksumSHA256 });
    }
    await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts } }));
  } catch (err) {
    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => undefined);
    throw err;
  }
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

/** Work files (an 835's posting chunks): gzipped JSON in the document bucket, expired by its lifecycle. */
export async function putWorkFile(key: string, value: unknown): Promise<void> {
  await s3Client().send(
    new PutObjectCommand({
      Bucket: bucketName("DocumentBucket"),
      Key: key,
      Body: gzipSync(JSON.stringify(value)),
      ContentType: "application/json",
      ContentEncoding: "gzip",
    }),
  );
}

export async function readWorkFile<T>(key: string): Promise<T> {
  const res = await s3Client().send(new GetObjectCommand({ Bucket: bucketName("DocumentBucket"), Key: key }));
  const bytes = await res.Body!.transformToByteArray();
  return JSON.parse(gunzipSync(bytes).toString("utf8")) as T;
}

/** Where work files live: a prefix of their own, so one lifecycle rule expires them after 14 days. */
export const WORK_PREFIX = "work/";
