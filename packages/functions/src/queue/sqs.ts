import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { log } from "@claimledger/core/shared/log.ts";

/**
 * Runs each record; the ones that throw are reported back as batch item failures so SQS
 * redelivers only those (and, past maxReceiveCount, moves them to the dead-letter queue).
 */
export function sqsHandler(name: string, work: (body: unknown, record: SQSRecord) => Promise<void>) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
    for (const record of event.Records) {
      try {
        await work(JSON.parse(record.body), record);
      } catch (err) {
        log("error", `${name} failed`, { messageId: record.messageId, error: (err as Error).message });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}
