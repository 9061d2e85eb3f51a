import type { ClearinghouseConnection } from "./connection.ts";
import { getClearinghouse, readSecret } from "./settings.ts";
import { openSandbox } from "./sandbox/sandbox.ts";
import { SANDBOX_ID } from "./sandbox/responses.ts";

/** Our ISA06 sender id for a tenant unless the clearinghouse assigned one: CL + tenant id. */
export function defaultSenderId(tenantId: string): string {
  return `CL${tenantId.replace(/^tnt_/, "").toUpperCase()}`.slice(0, 15);
}

/** The tenant's connection and the X12 ids to address it with. */
export async function openClearinghouse(tenantId: string): Promise<{
  connection: ClearinghouseConnection;
  senderId: string;
  receiverId: string;
  receiverName: string;
  usage: "P" | "T";
}> {
  const settings = await getClearinghouse(tenantId);
  if (settings.kind === "sandbox") {
    return {
      connection: openSandbox(tenantId),
      senderId: defaultSenderId(tenantId),
      receiverId: SANDBOX_ID,
      receiverName: "CLAIMLEDGER SANDBOX",
      usage: "T",
    };
  }
  const { openSftp } = await import("./sftp.ts");
  const secret = await readSecret(tenantId, settings.secretName);
  return {
    connection: await openSftp(settings, secret),
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
