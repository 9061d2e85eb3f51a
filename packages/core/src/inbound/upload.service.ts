import { receiveInbound } from "./inbound.service.ts";
import { newId } from "../shared/ids.ts";
import { type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { AppError, invalid, notFound } from "../shared/errors.ts";
import { deleteObject, presignUpload, readObject } from "../shared/storage.ts";

/** How long an upload link is good for. */
const UPLOAD_SECONDS = 900;

/**
 * Uploads larger than the API takes in a body (6 MB) go straight to S3: the client asks for a
 * link, PUTs the file to it, then says it is done; the file then takes the same path as any
 * other (archived under its SHA-256 in the EDI bucket, recorded once, queued). The staging copy
 * lives under the tenant's own prefix in the document bucket (the EDI bucket locks what it holds
 * for seven years) and is deleted once the file is archived.
 */
const stagingKey = (tenantId: string, uploadId: string) => `${tenantId}/uploads/${uploadId}`;

export async function startUpload(p: Principal) {
  authorize(p, "remittance.upload");
  const uploadId = newId("upl");
  const url = await presignUpload("DocumentBucket", stagingKey(p.tenantId, uploadId), UPLOAD_SECONDS);
  return {
    uploadId,
    url,
    method: "PUT" as const,
    expiresAt: new Date(Date.now() + UPLOAD_SECONDS * 1000).toISOString(),
  };
}

export async function completeUpload(p: Principal, uploadId: string) {
  authorize(p, "remittance.upload");
  if (!/^upl_[0-9a-z]{4,40}$/.test(uploadId)) throw notFound("Upload");
  const key = stagingKey(p.tenantId, uploadId);
  const text = await readObject("DocumentBucket", key);
  if (text === undefined)
    throw new AppError(
      409,
      "nothing-uploaded",
      "Nothing uploaded",
      `No file was PUT to upload ${uploadId} (or it expired); PUT it to the link first`,
    );
  if (!text.trimStart().startsWith("ISA"))
    throw invalid([{ path: "(file)", message: "an 835 file starts with an ISA segment" }]);
  const received = await receiveInbound(p.tenantId, text, "upload", `upload ${uploadId}`);
  await deleteObject("DocumentBucket", key);
  return received;
}
