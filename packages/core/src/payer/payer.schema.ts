import { z } from "zod";
import { address, orgName, status } from "../shared/schema.ts";

/** X12 SBR09 claim filing indicator codes. */
export const CLAIM_FILING_INDICATORS = [
  "11",
  "12",
  "13",
  "14",
  "15",
  "16",
  "17",
  "AM",
  "BL",
  "CH",
  "CI",
  "DS",
  "FI",
  "HM",
  "LM",
  "MA",
  "MB",
  "MC",
  "OF",
  "TV",
  "VA",
  "WC",
  "ZZ",
] as const;

/** What a payer's `expectedPaymentDays` is when nobody set it. */
export const DEFAULT_EXPECTED_PAYMENT_DAYS = 30;

/** What a payer's `appealDays` is when nobody set it: most payers allow 60 to 180 days from the denial. */
export const DEFAULT_APPEAL_DAYS = 180;

const base = {
  name: orgName,
  /** The payer's id at the clearinghouse (2010BB NM109). */
  clearinghousePayerId: z.string().regex(/^[A-Za-z0-9]{2,80}$/, "must be 2-80 letters or digits"),
  claimFilingIndicator: z.enum(
    CLAIM_FILING_INDICATORS,
    "must be an X12 claim filing indicator code (SBR09), e.g. CI, MB, MC, BL",
  ),
  /** Days after the date of service a claim may still be filed. */
  timelyFilingDays: z.number().int().min(1).max(1095),
  /**
   * Days a submitted claim waits for its 835 before we ask the payer about it (276), and between
   * questions while none comes; default 30 (DEFAULT_STATUS_INQUIRY_DAYS).
   */
  statusInquiryDays: z.number().int().min(1).max(365).optional(),
  /**
   * Days after sending by which the payer usually answers with its 835: an accepted claim with no
   * 835 that long after it was sent is on the follow-up queue.
   */
  expectedPaymentDays: z.number().int().min(1).max(365).default(DEFAULT_EXPECTED_PAYMENT_DAYS),
  /**
   * Days the payer allows to appeal a denial, from the date of the 835 that denied it (a next
   * level: from the date of the decision it appeals). Medicare: 120 for a redetermination.
   */
  appealDays: z.number().int().min(1).max(730).default(DEFAULT_APPEAL_DAYS),
  address: address.optional(),
  status: status.default("active"),
};

/** What `statusInquiryDays` means when the payer has none. */
export const DEFAULT_STATUS_INQUIRY_DAYS = 30;

export const payerInput = z.strictObject(base);
export type PayerInput = z.infer<typeof payerInput>;

export const payerPatch = z
  .strictObject({
    ...base,
    status: status.optional(),
    expectedPaymentDays: base.expectedPaymentDays.unwrap().optional(),
    appealDays: base.appealDays.unwrap().optional(),
  })
  .partial();
export type PayerPatch = z.infer<typeof payerPatch>;

export const payerView = z.object({
  payerId: z.string(),
  ...base,
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Payer = z.infer<typeof payerView>;
