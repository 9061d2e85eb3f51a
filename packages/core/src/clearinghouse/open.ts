import type { ClearinghouseConnection, SftpSecret, SftpSettings } from "./connection.ts";
import { getClearinghouse, readSecret } from "./settings.ts";
import { openSandbox } from "./sandbox/sandbox.ts";
import { SANDBOX_ID } from "./sandbox/responses.ts";

/** Our ISA06 sender id for a tenant unless the clearinghouse assigned one: CL + tenant id. */
export function defaultSenderId(tenantId: string): string {
  return `CL${tenantId.replace(/^tnt_/, "").toUpperCase()}`.slice(0, 15);
}

export type SftpOpener = (settings: SftpSettings, secret: SftpSecret) => Promise<ClearinghouseConnection>;
let sftpOpener: SftpOpener | undefined;

/**
 * Lets this function open SFTP connections: the claim-batch and clearinghouse-poll workers hand
 * in the `sftp` module's `openSftp`. Nothing here imports it, so the API (which never talks to a
 * clearinghouse) does not carry ssh2 in its bundle.
 */
export function useSftp(open: SftpOpener): void {
  sftpOpener = open;
}

export interface OpenClearinghouse {
  connection: ClearinghouseConnection;
  senderId: string;
  receiverId: string;
  receiverName: string;
  usage: "P" | "T";
}

const sandboxFor = (tenantId: string, realtime: boolean): OpenClearinghouse => ({
  connection: openSandbox(tenantId, undefined, { realtime }),
  senderId: defaultSenderId(tenantId),
  receiverId: SANDBOX_ID,
  receiverName: "CLAIMLEDGER SANDBOX",
  usage: "T",
});

/**
 * For the API, which never opens SFTP: the company's clearinghouse when it answers eligibility in
 * real time (the sandbox, unless set to batch only), else undefined (the check is queued).
 */
export async function openRealtimeClearinghouse(tenantId: string): Promise<OpenClearinghouse | undefined> {
  const settings = await getClearinghouse(tenantId);
  return settings.kind === "sandbox" && settings.realtimeEligibility !== false ? sandboxFor(tenantId, true) : undefined;
}

/** The tenant's connection and the X12 ids to address it with. */
export async function openClearinghouse(tenantId: string): Promise<OpenClearinghouse> {
  const settings = await getClearinghouse(tenantId);
  if (settings.kind === "sandbox") return sandboxFor(tenantId, settings.realtimeEligibility !== false);
  if (!sftpOpener)
    throw new Error(
      "SFTP is not available in this function: only the claim-batch and clearinghouse-poll workers open SFTP",
    );
  const secret = await readSecret(tenantId, settings.secretName);
  return {
    connection: await sftpOpener(settings, secret),
    senderId: settings.senderId ?? defaultSenderId(tenantId),
    receiverId:
      settings.receiverId ??
      settings.host
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, "")
        .slice(0, 15),
    receiverName: settings.host.toUpperCase(),
    usage: "P",
  };
}
