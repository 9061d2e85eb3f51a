import { read277, type ClaimAck277 } from "@claimledger/x12";
import { claimUpdateItem, getClaimForSystem, historyEvent, type Claim } from "../claim/index.ts";
import { eventPut } from "../event/index.ts";
import { now } from "../shared/db.ts";
import { TransactionConflict, backoff, transactWrite, tx } from "../shared/transact.ts";
import type { Status277Summary } from "./claimstatus.schema.ts";
import { answerWords, currentPayerStatus, payerStatusFromAnswer } from "./rules.ts";

const ACTOR = "system:277";

/** True when the text is a 277 claim status response (005010X212), not a 277CA. */
export function isStatusResponse(text: string): boolean {
  const sets = read277(text);
  return sets.length > 0 && sets.every((t) => t.kind === "status");
}

/**
 * A 277 claim status response (the payer's answers to our 276s), claim by claim: what the payer
 * says is recorded on the claim (its payerStatus and a history entry, with a
 * `claim.status_received` event) and never moves the claim's status. Finalized: the 835 should
 * follow. Pending: asked again later. A request for information: the claim needs a biller
 * (`needsAction`, with the payer's words). Applying the same file again changes nothing.
 */
export async function applyStatusResponse(tenantId: string, text: string, sha256: string): Promise<Status277Summary> {
  const summary: Status277Summary = {
    kind: "status",
    claims: 0,
    recorded: 0,
    needsAction: 0,
    duplicates: 0,
    unknown: 0,
  };
  const answerFile = sha256.slice(0, 16);
  for (const t of read277(text)) {
    if (t.kind !== "status") continue;
    for (const a of t.claims) {
      summary.claims++;
      const outcome = await record(tenantId, a, answerFile);
      summary[outcome]++;
      if (outcome === "recorded" && a.statusClass === "request-for-information") summary.needsAction++;
    }
  }
  return summary;
}

async function record(tenantId: string, a: ClaimAck277, answerFile: string) {
  for (let round = 1; ; round++) {
    // Our 276 sends the claim id as REF*EJ and as the trace number; either finds it.
    const c: Claim | undefined =
      (await getClaimForSystem(tenantId, a.patientControlNumber)) ??
      (a.traceNumber !== a.patientControlNumber ? await getClaimForSystem(tenantId, a.traceNumber) : undefined);
    if (!c) return "unknown" as const;
    if (c.payerStatus?.answerFile === answerFile) return "duplicates" as const;
    const at = now();
    const payerStatus = payerStatusFromAnswer(currentPayerStatus(c), a, at, answerFile);
    try {
      await transactWrite([
        tx.update(claimUpdateItem(tenantId, c.claimId, { set: { payerStatus }, version: c.version })),
        tx.put(
          historyEvent(
            tenantId,
            c.claimId,
            ACTOR,
            { kind: "payer_status", reason: `277 status: ${answerWords(a)}`.slice(0, 500) },
            at,
          ),
        ),
        eventPut(
          tenantId,
          {
            type: "claim.status_received",
            practiceId: c.practiceId,
            ids: { claimId: c.claimId },
            status: a.statusClass,
          },
          at,
        ),
      ]);
      return "recorded" as const;
    } catch (err) {
      if (!(err instanceof TransactionConflict) || round >= 4) throw err;
      await backoff(round);
    }
  }
}
