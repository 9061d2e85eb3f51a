import { claimsInStatus } from "../claim/index.ts";
import type { Principal } from "../shared/context.ts";
import { badRequest } from "../shared/errors.ts";
import { authorize } from "../shared/permissions.ts";
import { loadContext, queueEntry } from "./context.ts";
import { autoTaskId } from "./needs.ts";
import { byRisk } from "./risk.ts";
import { isActive, type FollowUpQuery, type FollowUpView } from "./task.schema.ts";
import { tasksById, viewOf } from "./task.store.ts";

type Entry = Omit<FollowUpView, "task">;

const encode = (e: Entry) =>
  Buffer.from(JSON.stringify({ c: e.claimId, m: e.moneyCents, d: e.daysLeft })).toString("base64url");

function decode(cursor: string): Pick<Entry, "claimId" | "moneyCents" | "daysLeft"> {
  try {
    const k = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { c: unknown; m: unknown; d: unknown };
    if (typeof k.c === "string" && typeof k.m === "number" && typeof k.d === "number")
      return { claimId: k.c, moneyCents: k.m, daysLeft: k.d };
  } catch {
    // fall through
  }
  throw badRequest("The cursor is not valid for this list");
}

/**
 * The follow-up queue: claims that went to the payer and went quiet (quiet.ts), highest risk
 * first (risk.ts). Reads the claims the payer has not answered yet through the status index
 * (`submitted`, `accepted`; of one practice when asked, or for a practice principal), so its cost
 * follows the open claims, never the history. Each page carries the entries' open follow-up (or
 * send-records) task, and `total` counts every entry the filters keep. The cursor is the last
 * entry's place in the order, so a page does not repeat one when the queue moves.
 */
export async function followUpQueue(
  p: Principal,
  q: FollowUpQuery,
): Promise<{ items: FollowUpView[]; nextCursor: string | null; total: number }> {
  authorize(p, "tasks.read");
  if (p.practiceId && q.practiceId && q.practiceId !== p.practiceId) return { items: [], nextCursor: null, total: 0 };
  const practiceId = p.practiceId ?? q.practiceId;
  const [ctx, submitted, accepted] = await Promise.all([
    loadContext(p.tenantId),
    claimsInStatus(p.tenantId, "submitted", { practiceId }),
    claimsInStatus(p.tenantId, "accepted", { practiceId }),
  ]);
  const entries = [...submitted, ...accepted]
    .map((c) => ({ entry: queueEntry(c, ctx), submissions: c.submissions }))
    .filter((x): x is { entry: Entry; submissions: number } => !!x.entry && (!q.reason || x.entry.reason === q.reason))
    .sort((a, b) => byRisk(a.entry, b.entry));
  const after = q.cursor ? decode(q.cursor) : undefined;
  const start = after ? entries.findIndex((x) => byRisk(after, x.entry) < 0) : 0;
  const page = start < 0 ? [] : entries.slice(start, start + q.limit);
  const ids = (x: (typeof page)[number]) => [
    autoTaskId(x.entry.claimId, "follow_up", x.submissions),
    autoTaskId(x.entry.claimId, "send_records", x.submissions),
  ];
  const tasks = await tasksById(p.tenantId, page.flatMap(ids));
  const items = page.map((x) => {
    const task = ids(x)
      .map((id) => tasks.get(id))
      .find((t) => t && isActive(t.status));
    return { ...x.entry, ...(task ? { task: viewOf(task) } : {}) };
  });
  const more = start >= 0 && start + q.limit < entries.length;
  return { items, nextCursor: more ? encode(page.at(-1)!.entry) : null, total: entries.length };
}
