import { z } from "zod";
import { postSummaryView } from "../remittance/index.ts";
import { status277SummaryView } from "../claimstatus/index.ts";
import { INBOUND_STATUSES } from "./inbound.entity.ts";
import { POLL_STATUSES } from "./poll.entity.ts";

const count = z.number().int();
/** What a 999 did: transaction sets acknowledged, and the claims its rejections sent back. */
export const ack999SummaryView = z.object({
  sets: count,
  accepted: count,
  rejected: count,
  claimsRejected: count,
  unknownBatches: count,
});
export type Ack999Summary = z.infer<typeof ack999SummaryView>;
/** What a 277CA did, claim by claim. */
export const ack277SummaryView = z.object({ claims: count, accepted: count, rejected: count, unknown: count });
export type Ack277Summary = z.infer<typeof ack277SummaryView>;
/** What a 271 did: eligibility answers, matched to our checks by trace number. */
export const eligibilitySummaryView = z.object({ answers: count, matched: count, unknown: count });

/** A file received from the clearinghouse or uploaded, and what it did. */
export const inboundView = z.object({
  sha256: z.string(),
  name: z.string().optional(),
  kind: z.string().optional(),
  source: z.enum(["poll", "upload"]),
  status: z
    .enum(INBOUND_STATUSES)
    .describe(
      "received (queued), processing (an attempt is running, since processingSince), posting (an 835's claim payments being posted in chunks, see postingRun), processed, or failed (with error)",
    ),
  postingRun: z
    .object({ runId: z.string(), chunks: count, chunksDone: count.optional() })
    .optional()
    .describe("An 835's posting run: its chunks (250 claim payments each) and, on one file's page, how many are done"),
  error: z.string().optional(),
  summary: z
    .union([postSummaryView, ack999SummaryView, ack277SummaryView, status277SummaryView, eligibilitySummaryView])
    .optional()
    .describe(
      "What applying the file did: an 835's posting counts, a 999's or a 277CA's acknowledgement counts, a 277 status response's claims recorded, a 271's answers",
    ),
  bytes: z.number(),
  attempts: z.number(),
  receivedAt: z.string(),
  processedAt: z.string().optional(),
  processingSince: z.string().optional(),
});

/** A clearinghouse poll and what it did. */
export const pollView = z.object({
  pollId: z.string(),
  status: z
    .enum(POLL_STATUSES)
    .describe(
      "queued, running (since startedAt; attempt `attempts`), done (files taken, and any left for the next poll in errors), or failed (could not connect or list; the reason in errors)",
    ),
  requestedBy: z.string(),
  requestedAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  attempts: count,
  received: count.describe("new files archived, recorded and queued for processing"),
  duplicates: count.describe("files fetched again that were already here (recognised by their SHA-256)"),
  files: z
    .array(z.object({ name: z.string(), sha256: z.string(), kind: z.string(), bytes: count, duplicate: z.boolean() }))
    .describe("the first 100 files taken; `GET /v1/inbound-files/{sha256}` shows what each did"),
  errors: z
    .array(z.object({ name: z.string().optional(), message: z.string() }))
    .describe("files left at the clearinghouse for the next poll (by name), or why the poll failed"),
});
export type PollView = z.infer<typeof pollView>;
