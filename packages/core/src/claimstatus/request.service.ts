import { getClaim } from "../claim/index.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { authorize } from "../shared/permissions.ts";
import { sendMessage } from "../shared/queue.ts";
import { InquiryRunEntity } from "./claimstatus.entity.ts";
import type { InquiryRunView } from "./claimstatus.schema.ts";
import { statusInquiryMessages } from "./messages.ts";
import { viewRun } from "./inquiry.service.ts";
import { ASKED_STATUSES } from "./rules.ts";

const KEEP_SECONDS = 90 * 86_400;

/**
 * Ask the payer about one claim now: a run of its own, queued for the status-inquiry worker (the
 * API never talks to a clearinghouse). Only a claim the payer has and has not paid or denied
 * (submitted or accepted) is asked about.
 */
export async function requestStatusInquiry(p: Principal, claimId: string): Promise<InquiryRunView> {
  authorize(p, "claim.moveStatus");
  const claim = await getClaim(p, claimId);
  if (!ASKED_STATUSES.includes(claim.status))
    throw new AppError(
      409,
      "not-with-the-payer",
      "Nothing to ask the payer",
      `A ${claim.status} claim is not asked about: only submitted or accepted claims, which wait for an 835`,
    );
  const run = {
    tenantId: p.tenantId,
    runId: newId("sti"),
    status: "queued" as const,
    requestedBy: actorOf(p),
    requestedAt: now(),
    claimIds: [claim.claimId],
    expiresAt: Math.floor(Date.now() / 1000) + KEEP_SECONDS,
  };
  await InquiryRunEntity.create(run).go();
  await sendMessage("StatusInquiryQueue", statusInquiryMessages, {
    tenantId: p.tenantId,
    runId: run.runId,
    claimIds: run.claimIds,
  });
  return viewRun(run);
}

/** A status inquiry run by id: who asked, which claims, the 276 file and when it left. */
export async function getStatusInquiry(p: Principal, runId: string): Promise<InquiryRunView> {
  authorize(p, "inbound.read");
  if (!/^sti_[0-9a-z]{4,40}$/.test(runId)) throw notFound("Status inquiry");
  const { data } = await InquiryRunEntity.get({ tenantId: p.tenantId, runId }).go({ consistent: true });
  if (!data) throw notFound("Status inquiry");
  return viewRun(data);
}
