import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { bucketName, s3Client } from "../../shared/aws.ts";
import { nextCounter } from "../../shared/counter.ts";
import { Readable } from "node:stream";
import type { ClearinghouseConnection, OutboundFile } from "../connection.ts";
import { read837 } from "./read837.ts";
import { build277CA, build835, build999 } from "./responses.ts";
import { adjudicate, frontEndRejection, type SandboxClaim } from "./payer-model.ts";
import { build271, read270 } from "./eligibility.ts";
import { build277Status, is276, read276 } from "./status.ts";

/**
 * The sandbox clearinghouse: takes an 837P like a real one and answers through the same
 * inbound folder a real one uses. The 999 and 277CA are ready at the next poll; the payers'
 * 835s one poll later (adjudication takes time). A 276 gets its 277 at the next poll. Its folders
 * live in the EDI bucket under `sandbox/<tenant>/`, so the local stack and AWS run it the same way.
 * Eligibility (270) is answered in real time, as most clearinghouses do; a 270 file submitted as
 * a batch is answered with a 271 at the next poll.
 */
const checkName = (name: string) => {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(name))
    throw new Error(`Invalid sandbox file name ${JSON.stringify(name)}`);
  return name;
};

/** ST01 of the file's first transaction set. */
const setOf = (content: string) => /(?:^|[~\n])\s*ST\*(\d{3})\*/.exec(content)?.[1];

export function openSandbox(
  tenantId: string,
  now: () => Date = () => new Date(),
  options: { realtime?: boolean } = {},
): ClearinghouseConnection {
  const s3 = s3Client();
  const Bucket = bucketName("EdiBucket");
  const root = `sandbox/${tenantId}`;
  const put = (key: string, body: string) => s3.send(new PutObjectCommand({ Bucket, Key: key, Body: body }));
  const list = async (prefix: string) => {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const res = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken: token }));
      keys.push(...(res.Contents ?? []).map((o) => o.Key!));
      token = res.NextContinuationToken;
    } while (token);
    return keys.sort();
  };
  const read = async (key: string) =>
    (await (await s3.send(new GetObjectCommand({ Bucket, Key: key }))).Body?.transformToString("utf8")) ?? "";

  return {
    async submit(file: OutboundFile) {
      const at = now();
      const control = () => nextCounter(tenantId, "sandbox-control");
      // Every receipt is kept, numbered, as a real clearinghouse logs them: a file sent twice shows twice.
      const receipt = await nextCounter(tenantId, "sandbox-receipt");
      await put(`${root}/received/${String(receipt).padStart(9, "0")}-${file.name}`, file.content);
      const base = file.name.replace(/\.[^.]*$/, "");
      if (setOf(file.content) === "270") {
        await put(`${root}/inbound/${base}.271`, build271(read270(file.content), await control(), at));
        return;
      }
      // A claim status request (276) is answered with a 277 (005010X212) at the next poll (status.ts).
      if (is276(file.content)) {
        await put(`${root}/inbound/${base}-status.277`, build277Status(read276(file.content), await control(), at));
        return;
      }
      const received = read837(file.content);
      await put(`${root}/inbound/${base}.999`, build999(received, await control(), at));
      const ack = build277CA(received, await control(), at);
      await put(`${root}/inbound/${base}.277`, ack.text);
      // Claims past the front end are adjudicated; each payer answers with its own 835.
      const byPayer = new Map<string, SandboxClaim[]>();
      for (const c of received.transactions.flatMap((t) => t.claims)) {
        if (frontEndRejection(c)) continue;
        byPayer.set(c.payerId, [...(byPayer.get(c.payerId) ?? []), c]);
      }
      for (const [payerId, claims] of byPayer) {
        const text = build835(
          payerId,
          `SANDBOX PAYER ${payerId}`,
          claims.map((claim) => ({ claim, result: adjudicate(claim) })),
          await control(),
          received.senderId,
          at,
        );
        await put(`${root}/pending/${base}-${payerId}.835`, text);
      }
    },
    ...(options.realtime === false
      ? {}
      : {
          async realtime(content: string): Promise<string> {
            if (setOf(content) !== "270") throw new Error("the sandbox answers only 270s in real time");
            return build271(read270(content), await nextCounter(tenantId, "sandbox-control"), now());
          },
        }),
    async listInbound(): Promise<string[]> {
      const names = (await list(`${root}/inbound/`)).map((k) => k.slice(`${root}/inbound/`.length));
      // What was pending becomes available to the next poll.
      for (const k of await list(`${root}/pending/`)) {
        await put(k.replace("/pending/", "/inbound/"), await read(k));
        await s3.send(new DeleteObjectCommand({ Bucket, Key: k }));
      }
      return names;
    },
    async fetchInbound(name: string): Promise<Readable> {
      const res = await s3.send(new GetObjectCommand({ Bucket, Key: `${root}/inbound/${checkName(name)}` }));
      if (!(res.Body instanceof Readable)) throw new Error(`sandbox file ${name} has no body`);
      return res.Body;
    },
    async acknowledge(name: string) {
      await s3.send(new DeleteObjectCommand({ Bucket, Key: `${root}/inbound/${checkName(name)}` }));
    },
    async close() {},
  };
}

/** The names of the files the sandbox received for a tenant, in the order received (once per receipt). */
export async function sandboxReceived(tenantId: string): Promise<string[]> {
  const s3 = s3Client();
  const Prefix = `sandbox/${tenantId}/received/`;
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const res = await s3.send(
      new ListObjectsV2Command({ Bucket: bucketName("EdiBucket"), Prefix, ContinuationToken: token }),
    );
    keys.push(...(res.Contents ?? []).map((o) => o.Key!));
    token = res.NextContinuationToken;
  } while (token);
  return keys.sort().map((k) => k.slice(Prefix.length).replace(/^\d{9}-/, ""));
}
