import { z } from "zod";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { clearinghouseUpsert, storedClearinghouse } from "../settings/index.ts";
import { type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { transactWrite, tx } from "../shared/transact.ts";
import { auditPut } from "../audit/index.ts";
import type { SftpSecret } from "./connection.ts";

/**
 * Which clearinghouse a billing company sends to. SFTP settings live here; the password or
 * private key lives in AWS Secrets Manager (locally: an environment variable), never in the table.
 */
const folder = z.string().regex(/^\/?[A-Za-z0-9._/-]{1,200}$/, "must be a folder path");
export const clearinghouseInput = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("sandbox"),
    /**
     * Whether the sandbox answers eligibility (270) in real time, as most clearinghouses do
     * (default), or, false, only as 271 files at the next poll, like a batch-only clearinghouse.
     */
    realtimeEligibility: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal("sftp"),
    host: z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, "must be a host name or IP address"),
    port: z.number().int().min(1).max(65535).default(22),
    username: z.string().min(1).max(100),
    outboundDir: folder,
    inboundDir: folder,
    archiveDir: folder.optional(),
    hostKeySha256: z
      .string()
      .regex(
        /^SHA256:[A-Za-z0-9+/=]{20,64}$/,
        "must be the host key fingerprint as ssh-keygen -l prints it: SHA256:...",
      )
      .optional(),
    /**
     * Name of the company's Secrets Manager secret holding {"password"} or {"privateKey","passphrase"},
     * under the company's own prefix: `sftp` means `claimledger/<stage>/<tenantId>/sftp`. No slashes,
     * so a company can never name another company's secret.
     */
    secretName: z
      .string()
      .regex(/^[A-Za-z0-9_+=.@-]{1,100}$/, "a secret name under your company's prefix, e.g. sftp (no slashes)"),
    /** ISA06 / GS02 sender id the clearinghouse assigned us. */
    senderId: z
      .string()
      .regex(/^[A-Za-z0-9 ]{1,15}$/)
      .optional(),
    /** ISA08 / GS03 receiver id of the clearinghouse. */
    receiverId: z
      .string()
      .regex(/^[A-Za-z0-9 ]{1,15}$/)
      .optional(),
  }),
]);
export type ClearinghouseSettings = z.infer<typeof clearinghouseInput>;
/** The connection as the API shows it: the settings as saved; the secret itself is never here. */
export const clearinghouseView = clearinghouseInput.describe(
  '`{kind: "sandbox"}` or the SFTP settings (never the secret)',
);

/** The tenant's clearinghouse; a new company starts on the sandbox so it can try the cycle. */
export async function getClearinghouse(tenantId: string): Promise<ClearinghouseSettings> {
  return ((await storedClearinghouse(tenantId)) as ClearinghouseSettings | undefined) ?? { kind: "sandbox" };
}

/** The settings a company saved, or undefined when it never chose one (it is then on the sandbox by default). */
export async function configuredClearinghouse(tenantId: string): Promise<ClearinghouseSettings | undefined> {
  return (await storedClearinghouse(tenantId)) as ClearinghouseSettings | undefined;
}

export async function putClearinghouse(p: Principal, settings: ClearinghouseSettings) {
  authorize(p, "clearinghouse.configure");
  await transactWrite([
    clearinghouseUpsert(p.tenantId, settings),
    tx.put(auditPut(p, `settings:${p.tenantId}`, "clearinghouse", { note: settings.kind })),
  ]);
  return settings;
}

let secrets: SecretsManagerClient | undefined;

/** The Secrets Manager id of a company's secret: `claimledger/<stage>/<tenantId>/<name>` (the prefix is set per stage by infra/). */
export function secretId(tenantId: string, name: string): string {
  return `${process.env.CLAIMLEDGER_SECRET_PREFIX ?? "claimledger/local/"}${tenantId}/${name}`;
}

/**
 * A company's SFTP secret: `CLAIMLEDGER_SECRET_<NAME>` (name upper-cased, non-alphanumerics as _)
 * when set — how the local stack and tests pass it — else AWS Secrets Manager under the company's prefix.
 */
export async function readSecret(tenantId: string, name: string): Promise<SftpSecret> {
  const envName = `CLAIMLEDGER_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
  let raw = process.env[envName];
  if (raw === undefined) {
    // Tests run against emulators only, and there is none for Secrets Manager.
    if (process.env.CLAIMLEDGER_LOCAL_ONLY === "1")
      throw new Error(`Secret ${name} is not set locally (${envName}); tests never read AWS Secrets Manager`);
    secrets ??= new SecretsManagerClient({});
    raw = (await secrets.send(new GetSecretValueCommand({ SecretId: secretId(tenantId, name) }))).SecretString ?? "";
  }
  try {
    return JSON.parse(raw) as SftpSecret;
  } catch {
    throw new Error(`Secret ${name} is not JSON of the form {"password": ...} or {"privateKey": ...}`);
  }
}
