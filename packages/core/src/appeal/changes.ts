import { auditPut } from "../audit/index.ts";
import { claimUpdateItem, getClaim, historyEvent, type Claim } from "../claim/index.ts";
import { eventPut, type EventType } from "../event/index.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import { conflict, preconditionFailed } from "../shared/errors.ts";
import { TransactionConflict, transactWrite, tx, type TxItem } from "../shared/transact.ts";
import { appealCreateItem, appealPutItem, marksWith, type AppealRecord } from "./appeal.store.ts";

/**
 * One change of an appeal, in one transaction: the appeal (created, or rewritten under its
 * version), its mark on the claim (under the claim's version), the audit event (who; field
 * names, a note, never PHI), the claim's history and the `appeal.*` event.
 */
export interface AppealChange {
  after: AppealRecord;
  before?: AppealRecord;
  audit: { action: string; fields?: string[]; note?: string };
  history: string;
  event?: { type: EventType; status: string };
  /** More writes of the same transaction. */
  extra?: TxItem[];
}

export function changeItems(p: Principal, claim: Claim, c: AppealChange, at = now()): TxItem[] {
  const a = c.after;
  return [
    c.before ? appealPutItem(a, c.before.version) : appealCreateItem(a),
    tx.update(
      claimUpdateItem(p.tenantId, claim.claimId, {
        set: { appeals: marksWith(claim.appeals, a), updatedAt: at },
        version: claim.version,
      }),
      "claim",
    ),
    tx.put(
      auditPut(p, `appeal:${a.appealId}`, c.audit.action, {
        practiceId: a.practiceId,
        ...(c.audit.fields ? { fields: c.audit.fields } : {}),
        ...(c.audit.note ? { note: c.audit.note } : {}),
      }),
    ),
    tx.put(historyEvent(p.tenantId, claim.claimId, actorOf(p), { kind: "denial_action", reason: c.history }, at)),
    ...(c.event
      ? [
          eventPut(
            p.tenantId,
            {
              type: c.event.type,
              practiceId: a.practiceId,
              ids: { appealId: a.appealId, claimId: a.claimId },
              status: c.event.status,
            },
            at,
          ),
        ]
      : []),
    ...(c.extra ?? []),
  ];
}

/**
 * Commits a change built from the claim as it is now: when a posting or another change moved
 * the claim in between, its version no longer matches, and the change is built again from the
 * claim read again (a few times). A stale appeal is a 412: someone changed it since it was read.
 */
export async function commitChange(
  p: Principal,
  claimId: string,
  build: (claim: Claim) => AppealChange | Promise<AppealChange>,
  first?: Claim,
): Promise<AppealRecord> {
  let claim = first ?? (await getClaim(p, claimId));
  for (let attempt = 0; ; attempt++) {
    const change = await build(claim);
    try {
      await transactWrite(changeItems(p, claim, change));
      return change.after;
    } catch (err) {
      if (!(err instanceof TransactionConflict)) throw err;
      if (err.failed("appeal")) throw preconditionFailed("The appeal changed since it was read; reload it and retry");
      if (!err.failed("claim") || attempt >= 3)
        throw conflict("The claim changed at the same time; reload it and retry");
      claim = await getClaim(p, claimId);
    }
  }
}
