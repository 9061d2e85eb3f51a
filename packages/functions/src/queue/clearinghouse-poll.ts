import { pollMessages, runPoll } from "@claimledger/core/inbound/index.ts";
import { useSftp } from "@claimledger/core/clearinghouse/index.ts";
import { openSftp } from "@claimledger/core/sftp/index.ts";
import { sqsHandler } from "./sqs.ts";

// This worker talks to clearinghouses over SFTP; the API never does (ssh2 stays out of its bundle).
useSftp(openSftp);

/** ClearinghousePollQueue consumer: one company's poll, one file at a time, each archived before it is acknowledged. */
export const handler = sqsHandler("clearinghouse-poll", pollMessages.parse, async (message) => {
  // A poll that cannot connect is recorded as failed (the next poll tries again); contention is redelivered.
  await runPoll(message);
});
