import type { Rule, RuleHit } from "./types.ts";
import { dateLabel } from "./dates.ts";
import { isBlank, isIsoDate, serviceDates } from "./util.ts";

const SUBSCRIBER_FIELDS: ReadonlyArray<[path: string, label: string]> = [
  ["firstName", "first name"],
  ["lastName", "last name"],
  ["dateOfBirth", "date of birth"],
  ["sex", "sex"],
  ["address.line1", "street address"],
  ["address.city", "city"],
  ["address.state", "state"],
  ["address.postalCode", "ZIP code"],
];

function field(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const k of path.split("."))
    v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

export const subscriberComplete: Rule = {
  id: "subscriber.complete",
  severity: "error",
  title: "When the patient is not the subscriber, the subscriber's name, birth date, sex and address are given",
  check: ({ claim }) => {
    const { relationship, subscriber } = claim.coverage;
    if (relationship === "self") return [];
    const hits: RuleHit[] = [];
    for (const [path, label] of SUBSCRIBER_FIELDS) {
      const v = field(subscriber, path);
      if (typeof v === "string" && !isBlank(v)) continue;
      hits.push({
        path: `coverage.subscriber.${path}`,
        message: `The subscriber's ${label} is missing; the patient is the subscriber's ${relationship === "other" ? "dependent (other relationship)" : relationship}, so the payer needs the subscriber's details.`,
        fixHint: `Enter the policy holder's ${label} on the patient's coverage, exactly as on the insurance card or enrollment.`,
      });
    }
    return hits;
  },
};

export const memberId: Rule = {
  id: "member.id",
  severity: "error",
  title: "The member id is 2-80 letters, digits or hyphens",
  check: ({ claim }) => {
    const id = claim.coverage.memberId ?? "";
    if (/^[A-Za-z0-9-]{2,80}$/.test(id)) return [];
    return [
      {
        path: "coverage.memberId",
        message: isBlank(id)
          ? `The coverage with ${claim.coverage.payerName} has no member id.`
          : `The member id "${id}" is not valid: it must be 2-80 letters, digits or hyphens (no spaces or other characters).`,
        fixHint:
          "Copy the member (subscriber) id from the front of the insurance card, without spaces; check eligibility if unsure.",
      },
    ];
  },
};

export const payerId: Rule = {
  id: "payer.id",
  severity: "error",
  title: "The payer has a clearinghouse payer id",
  check: ({ claim }) =>
    isBlank(claim.coverage.clearinghousePayerId)
      ? [
          {
            path: "coverage.clearinghousePayerId",
            message: `The payer "${claim.coverage.payerName}" has no clearinghouse payer id, so the claim cannot be routed.`,
            fixHint:
              "Look up the payer's electronic payer id in the clearinghouse's payer list and enter it on the payer record.",
          },
        ]
      : [],
};

export const coverageActive: Rule = {
  id: "coverage.active",
  severity: "error",
  title: "The dates of service fall within the coverage's effective dates",
  check: ({ claim }) => {
    const { effectiveFrom, effectiveTo, payerName } = claim.coverage;
    const from = isIsoDate(effectiveFrom) ? effectiveFrom : undefined;
    const to = isIsoDate(effectiveTo) ? effectiveTo : undefined;
    if (!from && !to) return [];
    const span = from && to ? `${from} to ${to}` : from ? `from ${from}` : `until ${to}`;
    const hits: RuleHit[] = [];
    for (const { path, date } of serviceDates(claim, true)) {
      if (!isIsoDate(date)) continue;
      const before = from !== undefined && date < from;
      const after = to !== undefined && date > to;
      if (!before && !after) continue;
      hits.push({
        path,
        message: `${dateLabel(path)} ${date} is ${before ? "before the coverage started" : "after the coverage ended"}: the ${payerName} coverage is effective ${span}.`,
        fixHint:
          "Check eligibility for the date of service; bill the coverage that was active then (or the patient), or correct the coverage dates.",
      });
    }
    return hits;
  },
};

export const COVERAGE_RULES: readonly Rule[] = [subscriberComplete, memberId, payerId, coverageActive];
