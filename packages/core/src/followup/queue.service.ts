import { claimsById, claimsInStatus } from "../claim/index.ts";
import { openAppeals } from "../appeal/index.ts";
import type { Principal } from "../shared/context.ts";
import { badRequest } from "../shared/errors.ts";
import { authorize } from "../shared/permissions.ts";
import { appealEntry } from "./appeal-entries.ts";
import { loadContext, queueEntry } from "./context.ts";
import { appealTaskId, autoTaskId } from "./needs.ts";
import { byRisk } from "./risk.ts";
import { isActive, type FollowUpQuery, type FollowUpView } from "./task.schema.ts";
import { tasksById, viewOf } from "./task.store.ts";

type Entry = Omit<FollowUpView, "task">;
/** An entry and the ids of the tasks that work it. */
interface Row {
  entry: Entry;
  taskIds: string[];
}

const encode = (e: Entry) =>
  Buffer.from(
    JSON.stringify({ c: e.claimId, m: e.moneyCents, d: e.daysLeft, ...(e.appeal ? { a: e.appeal.appealId } : {}) }),
  ).toString("base64url");

function decode(
  cursor: string,
): Pick<Entry, "claimId" | "moneyCents" | "daysLeft"> & { appeal?: { appealId: string } } {
  try {
    const k = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as {
      c: unknown;
      m: unknown;
      d: unknown;
      a?: unknown;
    };
    if (typeof k.c === "string" && typeof k.m === "number" && typeof k.d === "number")
      return {
        claimId: k.c,
        moneyCents: k.m,
        daysLeft: k.d,
        ...(typeof k.a === "string" ? { appeal: { appealId: k.a } } : {}),
      };
  } catch {
    // fall through
  }
  throw badRequest("The cursor is not valid for this list");
}

/**
 * The follow-up queue: claims that went to the payer and went quiet (quiet.ts), and open appeals
 * to send, waiting on a decision or on their payment (appeal-entries.ts), highest risk first
 * (risk.ts). Reads the claims the payer has not answered yet through the status index
 * (`submitted`, `accepted`) and the open appeals through theirs (of one practice when asked, or
 * for a practice principal), so its cost follows the open work, never the history. Each page
 * carries the entries' open task, and `total` counts every entry the filters keep. The cursor is
 * the last entry's place in the order, so a page does not repeat one when the queue moves.
 */
export async function followUpQueue(
  p: Principal,
  q: FollowUpQuery,
): Promise<{ items: FollowUpView[]; nextCursor: string | null; total: number }> {
  authorize(p, "tasks.read");
  if (p.practiceId && q.practiceId && q.practiceId !== p.practiceId) return { items: [], nextCursor: null, total: 0 };
  const practiceId = p.practiceId ?? q.practiceId;
  const [ctx, submitted, accepted, appeals] = await Promise.all([
    loadContext(p.tenantId),
    claimsInStatus(p.tenantId, "submitted", { practiceId }),
    claimsInStatus(p.tenantId, "accepted", { practiceId }),
    openAppeals(p.tenantId, practiceId),
  ]);
  const appealed = new Map(
    (await claimsById(p.tenantId, [...new Set(appeals.map((a) => a.claimId))])).map((c) => [c.claimId, c]),
  );
  const rows: Row[] = [];
  for (const c of [...submitted, ...accepted]) {
    const entry = queueEntry(c, ctx);
    if (entry)
      rows.push({
        entry,
        taskIds: [
          autoTaskId(c.claimId, "follow_up", c.submissions),
          autoTaskId(c.claimId, "send_records", c.submissions),
        ],
      });
  }
  for (const a of appeals) {
    const claim = appealed.get(a.claimId);
    const entry = claim && appealEntry(a, claim, ctx);
    if (entry) rows.push({ entry, taskIds: [appealTaskId(a.claimId, a.seq)] });
  }
  const kept = rows.filter((r) => !q.reason || r.entry.reason === q.reason).sort((a, b) => byRisk(a.entry, b.entry));
  const after = q.cursor ? decode(q.cursor) : undefined;
  const start = after ? kept.findIndex((x) => byRisk(after, x.entry) < 0) : 0;
  const page = start < 0 ? [] : kept.slice(start, start + q.limit);
  const tasks = await tasksById(
    p.tenantId,
    page.flatMap((r) => r.taskIds),
  );
  const items = page.map((r) => {
    const task = r.taskIds.map((id) => tasks.get(id)).find((t) => t && isActive(t.status));
    return { ...r.entry, ...(task ? { task: viewOf(task) } : {}) };
  });
  const more = start >= 0 && start + q.limit < kept.length;
  return { items, nextCursor: more ? encode(page.at(-1)!.entry) : null, total: kept.length };
}
