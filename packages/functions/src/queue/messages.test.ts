import { expect, it, vi } from "vitest";
import { claimBatchMessages } from "@claimledger/core/batch/index.ts";
import { inboundMessages } from "@claimledger/core/inbound/index.ts";
import { invoiceRunMessages } from "@claimledger/core/invoice/index.ts";
import { sendMessage, sendMessages } from "@claimledger/core/shared/queue.ts";
import { handler as claimBatch } from "./claim-batch.ts";
import { handler as batchRun } from "./batch-run.ts";
import { handler as inboundFile } from "./inbound-file.ts";
import { handler as clearinghousePoll } from "./clearinghouse-poll.ts";
import { handler as invoiceRun } from "./invoice-run.ts";
import { handler as statusInquiry } from "./status-inquiry.ts";
import { handler as statementRun } from "./statement-run.ts";

const record = (messageId: string, body: unknown) => ({
  messageId,
  body: JSON.stringify(body),
  attributes: { ApproximateReceiveCount: "1" },
});

it("each worker refuses a body its queue's schema does not describe, before touching any data, naming the fields", async () => {
  const logged: string[] = [];
  const level = process.env.CLAIMLEDGER_LOG;
  process.env.CLAIMLEDGER_LOG = "warn";
  vi.spyOn(console, "error").mockImplementation((line: string) => void logged.push(line));
  try {
    for (const [handler, body] of [
      [claimBatch, { tenantId: "tnt_abcd1234", batchId: "not a batch id" }],
      [batchRun, { tenantId: "tnt_abcd1234", runId: "bjr_abcd1234", chunk: -1 }],
      [inboundFile, { tenantId: "tnt_abcd1234", sha256: "abc", extra: 1 }],
      [clearinghousePoll, { tenantId: "tnt_abcd1234", pollId: "not a poll" }],
      [invoiceRun, { tenantId: "tnt_abcd1234", runId: "run_abcd1234", practiceId: "prc_abcd1234", period: "2026-13" }],
      [statusInquiry, { tenantId: "tnt_abcd1234", runId: "sti_abcd1234", claimIds: [] }],
      [
        statementRun,
        { tenantId: "tnt_abcd1234", runId: "srn_abcd1234", practiceId: "prc_abcd1234", runDate: "2026-02-30" },
      ],
    ] as const) {
      const out = await handler({ Records: [record("m1", body)] } as never);
      expect(out.batchItemFailures).toEqual([{ itemIdentifier: "m1" }]);
    }
  } finally {
    vi.restoreAllMocks();
    process.env.CLAIMLEDGER_LOG = level;
  }
  expect(logged.map((l) => JSON.parse(l).error)).toEqual([
    "malformed claim batch message: batchId",
    "malformed batch run message: chunk",
    "malformed inbound file message: sha256, (root)",
    "malformed clearinghouse poll message: pollId",
    "malformed invoice run message: period",
    "malformed status inquiry message: claimIds",
    "malformed statement run message: runDate",
  ]);
});

it("senders refuse to queue a message the worker could not read", async () => {
  await expect(
    sendMessage("ClaimBatchQueue", claimBatchMessages, { tenantId: "tnt_abcd1234", batchId: "" }),
  ).rejects.toThrow(/batchId/);
  await expect(
    sendMessage("InboundFileQueue", inboundMessages, { tenantId: "", sha256: "0".repeat(64) }),
  ).rejects.toThrow(/tenantId/);
  await expect(
    sendMessages("InvoiceRunQueue", invoiceRunMessages, [
      { tenantId: "tnt_abcd1234", runId: "run_abcd1234", practiceId: "prc_abcd1234", period: "26-01" },
    ]),
  ).rejects.toThrow(/period/);
});
