import type { Rule, RuleHit, ScrubContext } from "./types.ts";
import { daysBetween, serviceDates } from "./util.ts";
import { mismatches, sameAsked, type Asked } from "../../shared/eligibility-match.ts";

/** What the claim would ask the payer about: its member id and the subscriber's (and patient's) details. */
function claimAsks({ claim }: ScrubContext): Asked {
  const { coverage, patient } = claim;
  const self = coverage.relationship === "self" || !coverage.subscriber?.lastName;
  const sub = self ? patient : coverage.subscriber!;
  return {
    memberId: coverage.memberId,
    firstName: sub.firstName ?? "",
    lastName: sub.lastName ?? "",
    ...(sub.dateOfBirth ? { dateOfBirth: sub.dateOfBirth } : {}),
    ...(self
      ? {}
      : { dependent: { firstName: patient.firstName, lastName: patient.lastName, dateOfBirth: patient.dateOfBirth } }),
  };
}

const ago = (days: number) => (days <= 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`);

/**
 * The payer's latest 271 for the claim's coverage, when there is one: inactive coverage, a member
 * the payer cannot find, details that differ from the payer's, or dates of service outside the
 * coverage the payer reported, each caught before the claim is sent. Says how old the answer is.
 */
export const eligibility271: Rule = {
  id: "eligibility.271",
  severity: "error",
  title: "The payer's latest eligibility answer (271) shows the coverage active for this member on the dates billed",
  check: (ctx) => {
    const e = ctx.eligibility;
    if (!e) return [];
    const when = `checked ${ago(daysBetween(e.answeredAt.slice(0, 10), ctx.today))}, for ${e.serviceDate}`;
    const payer = ctx.claim.coverage.payerName;
    const asks = claimAsks(ctx);
    if (!sameAsked(asks, e.asked))
      return [
        {
          path: "coverage.memberId",
          severity: "warning",
          message: `The latest eligibility answer from ${payer} (${when}) was for other details than the claim's (member id, name or date of birth changed since).`,
          fixHint: "Check eligibility again with the coverage as it is now.",
        },
      ];
    if (e.status === "rejected")
      return e.rejections.map((r) => ({
        path: "coverage.memberId",
        message: `${payer} could not confirm eligibility (${when}): ${r.code} ${r.description}.`,
        fixHint: `${r.followUpDescription ? `${r.followUpDescription}. ` : ""}Compare the member id, name and date of birth with the insurance card, correct the coverage and check again.`,
      }));
    // Inactive since a plan end date: claims for visits up to that date were covered.
    const planEnd = e.coverageDates.planEnd ?? e.coverageDates.eligibilityEnd;
    if (e.status === "inactive" && planEnd && serviceDates(ctx.claim, true).every((d) => d.date <= planEnd)) return [];
    if (e.status === "inactive")
      return [
        {
          path: "coverage",
          message: `${payer} reported the coverage inactive (${when})${e.coverageDates.planEnd ? `; the plan ended ${e.coverageDates.planEnd}` : ""}.`,
          fixHint: "Ask the patient for their current insurance and add it as the coverage, or bill the patient.",
        },
      ];
    const hits: RuleHit[] = mismatches(asks, e).map((m) => ({
      path: "coverage.memberId",
      message: `${m} (${payer}'s eligibility answer, ${when})`,
      fixHint:
        "Use the member id, name and date of birth exactly as the payer has them (the insurance card), then check again.",
    }));
    const begin = e.coverageDates.eligibilityBegin ?? e.coverageDates.planBegin;
    const end = e.coverageDates.eligibilityEnd ?? e.coverageDates.planEnd;
    for (const d of serviceDates(ctx.claim, true)) {
      if ((begin && d.date < begin) || (end && d.date > end))
        hits.push({
          path: d.path,
          message: `${d.date} is outside the coverage ${payer} reported (${begin ?? "…"} to ${end ?? "…"}; ${when}).`,
          fixHint: "Check the date of service, or the coverage in force on that date.",
        });
    }
    return hits;
  },
};

export const ELIGIBILITY_RULES: readonly Rule[] = [eligibility271];
