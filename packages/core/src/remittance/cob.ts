import type { ClaimStatus } from "../claim/index.ts";
import type { Balances } from "../ledger/index.ts";

/**
 * Coordination of benefits, pure. A visit billed to a primary payer and then to the patient's
 * secondary (and tertiary) coverage is one chain of claims: the primary first, each next claim
 * pointing at the one before (`doc.primaryClaimId`). The chain bills the services once (its
 * charge is the primary's), the patient owes what the last payer left, and while a next claim
 * is still waiting on its payer the share that moved to it is "pending secondary".
 */
export interface ChainClaim {
  claimId: string;
  serviceDate: string;
  status: ClaimStatus;
  totalChargeCents: number;
  /** The claim before this one in the chain (kept on the claim; its document has it too). */
  primaryClaimId?: string;
  doc?: { primaryClaimId?: string };
  balances?: Balances;
}

type Chained = Pick<ChainClaim, "primaryClaimId" | "doc">;
const primaryOf = (c: Chained) => c.primaryClaimId ?? c.doc?.primaryClaimId;

/** A secondary or tertiary claim: it bills services a primary claim already charged. */
export const isCrossover = (c: Chained) => primaryOf(c) !== undefined;

const ANSWERED: readonly ClaimStatus[] = ["paid", "partially_paid", "denied", "closed"];
const GONE: readonly ClaimStatus[] = ["voided", "corrected"];

/** Claims grouped by visit, each chain in payer order (primary, secondary, tertiary). */
export function chainsOf<C extends ChainClaim>(claims: C[]): C[][] {
  const byId = new Map(claims.map((c) => [c.claimId, c]));
  const rootOf = (c: C): string => {
    let cur = c;
    for (let hops = 0; hops < 5 && primaryOf(cur) && byId.has(primaryOf(cur)!); hops++)
      cur = byId.get(primaryOf(cur)!)!;
    return cur.claimId;
  };
  const chains = new Map<string, C[]>();
  for (const c of claims) chains.set(rootOf(c), [...(chains.get(rootOf(c)) ?? []), c]);
  const depth = (c: C) => {
    let n = 0;
    for (let cur = c; primaryOf(cur) && byId.has(primaryOf(cur)!) && n < 5; n++) cur = byId.get(primaryOf(cur)!)!;
    return n;
  };
  return [...chains.values()].map((chain) => chain.sort((a, b) => depth(a) - depth(b)));
}

export interface VisitBalance {
  /** Where the patient's balance sits (allocate patient payments here): the claim of the payer that left it. */
  claimId: string;
  claimIds: string[];
  serviceDate: string;
  chargeCents: number;
  insurancePaidCents: number;
  /** The patient's share as the last payer to adjudicate left it. */
  patientResponsibilityCents: number;
  patientPaidCents: number;
  patientBalanceCents: number;
  /** Patient share moved to a next coverage whose payer has not answered yet: not billed to the patient. */
  pendingSecondaryCents: number;
  /** Patient money held on the visit, not applied to a share (a desk payment before the payer answered). */
  creditCents: number;
  /** Held credit left once the last payer has answered and nothing more is owed by insurance: due for refund. */
  overpaymentCents: number;
  /** awaiting_payer: no payer has answered the visit yet (money paid is held as credit). */
  status: "awaiting_payer" | "pending_secondary" | "open";
}

/** One visit's patient side: the sums across its chain. */
export function visitBalance(chain: ChainClaim[]): VisitBalance {
  const live = chain.filter((c) => !GONE.includes(c.status) || c === chain[0]);
  const b = (c: ChainClaim) => c.balances;
  const sum = (f: (c: ChainClaim) => number) => live.reduce((s, c) => s + f(c), 0);
  const pending = sum((c) =>
    isCrossover(c) && !ANSWERED.includes(c.status) ? Math.max(0, b(c)?.insuranceBalanceCents ?? 0) : 0,
  );
  const owing = [...live].reverse().find((c) => (b(c)?.patientBalanceCents ?? 0) !== 0) ?? live.at(-1)!;
  const credit = sum((c) => b(c)?.patientCreditCents ?? 0);
  const last = live.at(-1)!;
  const answered = ANSWERED.includes(last.status);
  // The share is known when the last payer answered and insurance owes nothing more (no open denial either).
  const settled = pending === 0 && answered && (b(last)?.insuranceBalanceCents ?? 0) <= 0;
  return {
    claimId: owing.claimId,
    claimIds: chain.map((c) => c.claimId),
    serviceDate: chain[0]!.serviceDate,
    chargeCents: chain[0]!.totalChargeCents,
    insurancePaidCents: sum((c) => b(c)?.insurancePaidCents ?? 0),
    patientResponsibilityCents: sum((c) => (b(c)?.patientResponsibilityCents ?? 0) - (b(c)?.transferredCents ?? 0)),
    patientPaidCents: sum((c) => b(c)?.patientPaidCents ?? 0),
    patientBalanceCents: sum((c) => b(c)?.patientBalanceCents ?? b(c)?.patientResponsibilityCents ?? 0),
    pendingSecondaryCents: pending,
    creditCents: credit,
    overpaymentCents: settled ? Math.max(0, credit) : 0,
    status: pending > 0 ? "pending_secondary" : answered ? "open" : "awaiting_payer",
  };
}
