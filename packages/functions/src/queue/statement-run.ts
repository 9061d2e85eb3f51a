import { runPracticeStatements, statementRunMessages } from "@claimledger/core/patientbilling/index.ts";
import { sqsHandler } from "./sqs.ts";
import { queues } from "../../../../infra/resources.ts";

/** StatementRunQueue consumer: one practice's statements for the run's date. */
export const handler = sqsHandler("statement-run", statementRunMessages.parse, async (message, record) => {
  const attempt = Number(record.attributes?.ApproximateReceiveCount ?? 1);
  await runPracticeStatements(message, attempt >= queues.statementRuns.maxReceiveCount);
});
