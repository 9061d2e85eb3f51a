import { z } from "zod";
import { APPEAL_STATUSES } from "../claim/index.ts";
import { cents, isoDate } from "../shared/schema.ts";
import { APPEAL_FAMILIES, APPEAL_LEVELS } from "./rules.ts";

/** Appeals as the API takes and shows them. Text arrives as paragraphs: text fields hold no line breaks. */
const paragraph = z.string().trim().min(1).max(2000);
const argument = z.array(paragraph).min(1).max(12);
const level = z.union(APPEAL_LEVELS.map((l) => z.literal(l)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>]);

export const appealInput = z.strictObject({
  /** 1 reconsideration/redetermination, 2 second level, 3 external review; default: the next after the last decided one, else 1. */
  level: level.optional(),
  /** The denied lines appealed; the whole claim's open denial when omitted. */
  lineIds: z.array(z.string().min(1).max(20)).min(1).max(50).optional(),
  /** The biller's argument, one string a paragraph. */
  argument,
  /** The letter's template; default: from the CARC codes of the denial. */
  family: z.enum(APPEAL_FAMILIES).optional(),
  /** The last day to send it, when the payer's letter says otherwise than its `appealDays`. */
  deadline: isoDate.optional(),
});
export type AppealInput = z.infer<typeof appealInput>;

export const appealPatch = z
  .strictObject({
    argument: argument.optional(),
    family: z.enum(APPEAL_FAMILIES).optional(),
    deadline: isoDate.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: "change at least one of argument, family, deadline" });
export type AppealPatch = z.infer<typeof appealPatch>;

export const SEND_METHODS = ["fax", "mail", "portal", "electronic"] as const;
export const sentInput = z.strictObject({
  sentOn: isoDate,
  method: z.enum(SEND_METHODS),
  /** A fax confirmation, tracking number, portal reference... */
  reference: z.string().trim().min(1).max(100).optional(),
});
export type SentInput = z.infer<typeof sentInput>;

export const OUTCOMES = ["overturned", "partially_overturned", "upheld"] as const;
export const outcomeInput = z.strictObject({
  outcome: z.enum(OUTCOMES),
  /** The date of the payer's decision (a next level counts its deadline from it). */
  decidedOn: isoDate,
  /** What the payer will pay: overturned, default all appealed; partially overturned, required. */
  expectedCents: cents.optional(),
  note: z.string().trim().min(1).max(1000).optional(),
});
export type OutcomeInput = z.infer<typeof outcomeInput>;

export const withdrawInput = z.strictObject({ reason: z.string().trim().min(3).max(500) });

export const ATTACHMENT_TYPES = ["application/pdf", "image/png", "image/jpeg", "image/tiff"] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
/** Bytes an attachment may have (a body upload is held to the API's 6 MB body limit first). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Attachments an appeal may have. */
export const MAX_ATTACHMENTS = 20;

const fileName = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[^/\\]+$/, "a file name, without folders");
export const attachmentStart = z.strictObject({
  fileName,
  contentType: z.enum(ATTACHMENT_TYPES),
  bytes: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES, `at most ${MAX_ATTACHMENT_BYTES} bytes`),
});
export type AttachmentStart = z.infer<typeof attachmentStart>;
export const attachmentUploadQuery = z.strictObject({ fileName });

export const attachmentView = z.object({
  attachmentId: z.string(),
  fileName: z.string(),
  contentType: z.enum(ATTACHMENT_TYPES),
  bytes: z.number().int(),
  status: z.enum(["pending", "stored"]).describe("`pending` until its upload is completed"),
  uploadedAt: z.string().optional(),
  by: z.string(),
  url: z.string().optional().describe("A 15-minute download link, once stored"),
});
export type AttachmentView = z.infer<typeof attachmentView>;

const reasonView = z.object({
  group: z.string(),
  reason: z.string(),
  description: z.string(),
  amountCents: z.number().int(),
  remarks: z.array(z.object({ code: z.string(), description: z.string() })),
});

export const appealView = z.object({
  appealId: z.string(),
  claimId: z.string(),
  practiceId: z.string(),
  payerId: z.string(),
  seq: z.number().int(),
  level,
  levelName: z.string(),
  status: z.enum(APPEAL_STATUSES),
  family: z.enum(APPEAL_FAMILIES),
  lineIds: z.array(z.string()).optional().describe("The lines appealed; the whole claim when absent"),
  amountCents: z.number().int().describe("The denied money appealed"),
  reasons: z.array(reasonView).describe("The denial reasons, in words"),
  deniedOn: z.string().describe("The date of the 835 that denied it (or of the decision a next level appeals)"),
  deadline: z.string(),
  deadlineSource: z.enum(["payer", "override"]),
  argument: z.array(z.string()),
  previousAppealId: z.string().optional(),
  letterUrl: z.string().describe("The letter PDF, a 15-minute link"),
  letterVersion: z.number().int(),
  attachments: z.array(attachmentView),
  sent: z
    .object({ sentOn: z.string(), method: z.enum(SEND_METHODS), reference: z.string().optional(), by: z.string() })
    .optional(),
  decision: z
    .object({
      outcome: z.enum(OUTCOMES),
      decidedOn: z.string(),
      note: z.string().optional(),
      by: z.string(),
      at: z.string(),
    })
    .optional(),
  expectedCents: z.number().int().optional().describe("What the payer said it will pay"),
  paid: z
    .object({ remittanceId: z.string(), paidCents: z.number().int(), depositDate: z.string(), at: z.string() })
    .optional()
    .describe("The 835 payment the appeal was matched to"),
  withdrawn: z.object({ reason: z.string(), by: z.string(), at: z.string() }).optional(),
  nextLevel: z
    .object({ level, levelName: z.string(), deadline: z.string(), amountCents: z.number().int() })
    .optional()
    .describe("After an upheld (or partly overturned) decision: the level to appeal to next and by when"),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type AppealView = z.infer<typeof appealView>;

export const appealListQuery = z.strictObject({
  status: z.enum(["open", "closed"]).default("open").describe("`open`: draft, sent, overturned not yet paid"),
  practiceId: z.string().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(2048).optional(),
});
export type AppealListQuery = z.infer<typeof appealListQuery>;
