import { runStatusInquiries, statusInquiryMessages } from "@claimledger/core/claimstatus/index.ts";
import { useSftp } from "@claimledger/core/clearinghouse/index.ts";
import { openSftp } from "@claimledger/core/sftp/index.ts";
import { sqsHandler } from "./sqs.ts";

// This worker submits 276s to clearinghouses over SFTP; the API never does (ssh2 stays out of its bundle).
useSftp(openSftp);

/** StatusInquiryQueue consumer: one company's 276 (the day's due claims, or those asked about now). */
export const handler = sqsHandler("status-inquiry", statusInquiryMessages.parse, async (message) => {
  await runStatusInquiries(message.tenantId, {
    runId: message.runId,
    claimIds: message.claimIds,
    at: message.at === undefined ? undefined : new Date(message.at),
  });
});
