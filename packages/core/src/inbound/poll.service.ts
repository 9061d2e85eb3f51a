import { openClearinghouse } from "../clearinghouse/index.ts";
import { receiveInbound } from "./inbound.service.ts";

/**
 * Fetches what the clearinghouse has for the tenant: each file archived in S3 first, recorded
 * and queued for processing, and only then acknowledged at the clearinghouse.
 */
export async function pollClearinghouse(tenantId: string) {
  const ch = await openClearinghouse(tenantId);
  try {
    const files = await ch.connection.fetchInbound();
    const received = [];
    for (const f of files)
      received.push({ name: f.name, ...(await receiveInbound(tenantId, f.content, "poll", f.name)) });
    await ch.connection.acknowledge(files.map((f) => f.name));
    return { files: received };
  } finally {
    await ch.connection.close();
  }
}
