import { eligibilityMessages, runChecks } from "@claimledger/core/eligibility/index.ts";
import { openClearinghouse, useSftp } from "@claimledger/core/clearinghouse/index.ts";
import { openSftp } from "@claimledger/core/sftp/index.ts";
import { sqsHandler } from "./sqs.ts";

// Over SFTP a 270 batch travels like an 837P: this worker submits it (the API never opens SFTP).
useSftp(openSftp);

/** EligibilityQueue consumer: queued checks asked of the payers, in real time or as a 270 file. */
export const handler = sqsHandler("eligibility-checks", eligibilityMessages.parse, async ({ tenantId, checkIds }) => {
  await runChecks(tenantId, checkIds, openClearinghouse);
});
