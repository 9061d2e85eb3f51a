import { DEFAULT_APPEAL_DAYS, type Payer } from "../payer/index.ts";
import { presign } from "../shared/storage.ts";
import type { AppealView, AttachmentView } from "./appeal.schema.ts";
import type { AppealRecord } from "./appeal.store.ts";
import { attachmentKey, letterUrl } from "./letter.service.ts";
import { appealDeadline, leftByDecision, levelName, type AppealLevel } from "./rules.ts";

export const appealDaysOf = (payer?: Payer) => payer?.appealDays ?? DEFAULT_APPEAL_DAYS;

/** Its attachments, the stored ones with a 15-minute download link. */
export async function attachmentViews(tenantId: string, a: AppealRecord): Promise<AttachmentView[]> {
  return Promise.all(
    a.attachments.map(async (x) => ({
      ...x,
      ...(x.status === "stored"
        ? { url: await presign("DocumentBucket", attachmentKey(tenantId, a.appealId, x.attachmentId)) }
        : {}),
    })),
  );
}

/** The appeal as the API shows it: its level in words, links to its letter and attachments, and the next level open to it. */
export async function viewOf(tenantId: string, a: AppealRecord, payer?: Payer): Promise<AppealView> {
  const { tenantId: _t, lineDenied: _l, ...rest } = a;
  const next = leftByDecision(a) > 0 && a.level < 3 ? ((a.level + 1) as AppealLevel) : undefined;
  return {
    ...rest,
    levelName: levelName(a.level, payer?.claimFilingIndicator),
    letterUrl: await letterUrl(tenantId, a),
    attachments: await attachmentViews(tenantId, a),
    ...(next && a.decision
      ? {
          nextLevel: {
            level: next,
            levelName: levelName(next, payer?.claimFilingIndicator),
            deadline: appealDeadline(a.decision.decidedOn, appealDaysOf(payer)),
            amountCents: leftByDecision(a),
          },
        }
      : {}),
  };
}
