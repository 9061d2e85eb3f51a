import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { log } from "@claimledger/core/shared/log.ts";

/**
 * Checks each record's body against its queue's message schema, then runs it; the ones that throw are reported back as batch item failures so SQS
 * redelivers only those (and, past maxReceiveCount, moves them to the dead-letter queue).
 */
export function sqsHandler<M>(
  name: string,
  parse: (raw: unknown) => M,
  work: (message: M, record: SQSRecord, context?: Pick<Context, "getRemainingTimeInMillis">) => Promise<void>,
) {
  return async (event: SQSEvent, context?: Pick<Context, "getRemainingTimeInMillis">): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
    for (const record of event.Records) {
      try {
        // A body the schema refuses fails here, and after its receives lands in the dead-letter queue to be looked at.
        await work(parse(JSON.parse(record.body)), record, context);
      } catch (err) {
        log("error", `${name} failed`, { messageId: record.messageId, error: (err as Error).message });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}
