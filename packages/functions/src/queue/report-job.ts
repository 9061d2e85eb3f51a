import { reportJobMessages, runReportJob } from "@claimledger/core/report/index.ts";
import { sqsHandler } from "./sqs.ts";

/** ReportJobQueue consumer: computes one report job and writes it to the document bucket. */
export const handler = sqsHandler("report-job", reportJobMessages.parse, async ({ tenantId, jobId }) => {
  await runReportJob(tenantId, jobId);
});
