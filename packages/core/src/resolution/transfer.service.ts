import { correctClaim, coverageOf, rebillClaim, type Claim } from "../claim/index.ts";
import { getPatient } from "../patient/index.ts";
import { getPayer } from "../payer/index.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import { invalid } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import type { DenialResolution, DenialResolutionInput } from "./resolution.schema.ts";
import { amountFor, balancesAfter, inOpenMonth, resolutionEntry } from "./post.ts";
import { workItem } from "../shared/work.ts";

/**
 * Resolutions that move the denied money to another claim: a corrected claim (frequency 7, with
 * the fix) to the same payer, or a new claim to the patient's other coverage. The denied claim
 * gets a `denial_transfer` entry for what was open (its denied A/R closes; the new claim owes it),
 * in the same transaction as the new claim and the old one's move, within the month-close fence.
 */
type Corrected = Extract<DenialResolutionInput, { resolution: "corrected_claim" }>;
type Rebill = Extract<DenialResolutionInput, { resolution: "rebill" }>;

export async function resolveByCorrection(p: Principal, claim: Claim, input: Corrected): Promise<DenialResolution> {
  const amountCents = amountFor(claim);
  const balances = balancesAfter(claim, { kind: "denial_transfer", amountCents });
  const entryId = newId("res");
  const at = now();
  return inOpenMonth(p, claim.practiceId, async (month, fence, date) => {
    const r = await correctClaim(
      p,
      claim.claimId,
      "replacement",
      { reason: input.reason, payerClaimControlNumber: input.payerClaimControlNumber },
      {
        fix: input.fix,
        original: claim,
        changes: { balances },
        fence,
        extra: (next) => [
          resolutionEntry(
            p,
            claim,
            { entryId, kind: "denial_transfer", amountCents, note: `corrected claim ${next}: ${input.reason}` },
            month,
            date,
            at,
          ),
          workItem(p.tenantId, claim.practiceId, at, "denialsWorked", entryId),
        ],
      },
    );
    return {
      claimId: claim.claimId,
      resolution: "corrected_claim" as const,
      amountCents,
      reason: input.reason,
      entryId,
      by: actorOf(p),
      at,
      status: r.original.status,
      balances,
      newClaimId: r.correction.claimId,
    };
  });
}

const ORDER = { primary: 0, secondary: 1, tertiary: 2 } as const;

/** The lines the payer denied (as posted on the claim), or undefined when its denial names no line. */
function deniedLines(claim: Claim): string[] | undefined {
  const ids = [...new Set((claim.denials ?? []).filter((d) => d.amountCents > 0).flatMap((d) => d.lineIds))];
  return ids.length ? ids : undefined;
}

export async function resolveByRebill(p: Principal, claim: Claim, input: Rebill): Promise<DenialResolution> {
  const patient = await getPatient(p, claim.practiceId, claim.patientId);
  const others = patient.coverages
    .filter((c) => c.payerId !== claim.payerId)
    .sort((a, b) => ORDER[a.order] - ORDER[b.order]);
  const chosen = input.coverageId ? patient.coverages.find((c) => c.coverageId === input.coverageId) : others[0];
  if (!chosen)
    throw invalid([
      {
        path: "coverageId",
        message: input.coverageId
          ? "is not a coverage of the patient"
          : "the patient has no coverage with another payer: add it to the patient first",
      },
    ]);
  if (chosen.payerId === claim.payerId) throw invalid([{ path: "coverageId", message: "is the payer that denied it" }]);
  const payer = await getPayer(p, chosen.payerId);
  // Billed instead of the denying payer: as the primary when the denied claim was.
  const coverage = {
    ...coverageOf(chosen, payer),
    order: claim.doc.coverage.order === "primary" ? ("primary" as const) : chosen.order,
  };
  const amountCents = amountFor(claim);
  const balances = balancesAfter(claim, { kind: "denial_transfer", amountCents });
  const close = balances.insuranceBalanceCents === 0 && (balances.patientBalanceCents ?? 0) === 0;
  const entryId = newId("res");
  const at = now();
  return inOpenMonth(p, claim.practiceId, async (month, fence, date) => {
    const r = await rebillClaim(p, claim.claimId, {
      coverage,
      lineIds: input.lineIds ?? deniedLines(claim),
      reason: input.reason,
      original: claim,
      changes: { balances },
      close,
      fence,
      extra: (next) => [
        resolutionEntry(
          p,
          claim,
          {
            entryId,
            kind: "denial_transfer",
            amountCents,
            note: `rebilled to ${payer.name} as ${next}: ${input.reason}`,
          },
          month,
          date,
          at,
        ),
        workItem(p.tenantId, claim.practiceId, at, "denialsWorked", entryId),
      ],
    });
    return {
      claimId: claim.claimId,
      resolution: "rebill" as const,
      amountCents,
      reason: input.reason,
      entryId,
      by: actorOf(p),
      at,
      status: close ? "closed" : claim.status,
      balances,
      newClaimId: r.rebill.claimId,
    };
  });
}
