import type { Rule, RuleHit } from "./types.ts";
import { isBlank, money } from "./util.ts";
import { x12Characters } from "./x12text.ts";

export const posValid: Rule = {
  id: "pos.valid",
  severity: "error",
  title: "The place of service is a valid CMS place-of-service code",
  check: ({ claim, codes }) =>
    codes.isValidPos(claim.placeOfService)
      ? []
      : [
          {
            path: "placeOfService",
            message: `Place of service "${claim.placeOfService}" is not a CMS place-of-service code.`,
            fixHint:
              "Use the two-digit code for where the service was given, e.g. 11 office, 02/10 telehealth, 22 outpatient hospital.",
          },
        ],
};

export const claimTotal: Rule = {
  id: "claim.total",
  severity: "error",
  title: "The claim total equals the sum of the line charges",
  check: ({ claim }) => {
    const sum = claim.lines.reduce((s, l) => s + l.chargeCents, 0);
    const hits: RuleHit[] = [];
    if (claim.totalChargeCents !== sum) {
      hits.push({
        path: "totalChargeCents",
        message: `The claim total ${money(claim.totalChargeCents)} does not equal the sum of the line charges, ${money(sum)}.`,
        fixHint: "Re-save the claim so the total is recalculated from the lines.",
      });
    }
    if (claim.submittedTotalCents !== undefined && claim.submittedTotalCents !== sum) {
      hits.push({
        path: "submittedTotalCents",
        message: `The total the practice sent, ${money(claim.submittedTotalCents)}, does not equal the sum of the line charges, ${money(sum)}.`,
        fixHint:
          "Compare the lines with the superbill: a line or a charge is missing or wrong. Fix the lines (editing the claim clears the practice's total).",
      });
    }
    return hits;
  },
};

export const claimDuplicate: Rule = {
  id: "claim.duplicate",
  severity: "error",
  title: "Not a duplicate of another claim (same patient, provider, dates and codes)",
  check: ({ duplicateOf }) =>
    duplicateOf === undefined
      ? []
      : [
          {
            path: "claimId",
            message: `This claim duplicates claim ${duplicateOf}: same patient, rendering provider, dates of service and codes.`,
            fixHint: `Compare with claim ${duplicateOf}. If it is the same visit, void this claim; if it is a real second service, change what differs (e.g. a modifier) or correct ${duplicateOf} instead.`,
          },
        ],
};

export const claimFrequency: Rule = {
  id: "claim.frequency",
  severity: "error",
  title: "A replacement (7) or void (8) claim names the payer's claim control number",
  check: ({ claim }) => {
    if (claim.frequencyCode !== "7" && claim.frequencyCode !== "8") return [];
    if (!isBlank(claim.payerClaimControlNumber)) return [];
    const kind = claim.frequencyCode === "7" ? "replacement" : "void";
    return [
      {
        path: "payerClaimControlNumber",
        message: `This ${kind} claim (frequency ${claim.frequencyCode}) has no payer claim control number, so the payer cannot tell which claim it ${kind === "void" ? "voids" : "replaces"}.`,
        fixHint:
          "Enter the payer's claim number (ICN/DCN) of the original claim, from its remittance (835) or the payer portal.",
      },
    ];
  },
};

export const CLAIM_RULES: readonly Rule[] = [posValid, claimTotal, claimDuplicate, claimFrequency, x12Characters];
