import { AuditEventEntity } from "./audit.entity.ts";
import { newId } from "../shared/ids.ts";
import { runPage, now } from "../shared/db.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import type { ListQuery, Page } from "../shared/schema.ts";

export interface AuditEvent {
  subject: string;
  eventId: string;
  at: string;
  action: string;
  actor: string;
  practiceId?: string;
  fields?: string[];
  note?: string;
}

/** The Put params of an audit event, to go into the same transaction as the change it records. */
export function auditPut(
  p: Principal,
  subject: string,
  action: string,
  extra: { practiceId?: string; fields?: string[]; note?: string } = {},
) {
  return AuditEventEntity.create({
    tenantId: p.tenantId,
    subject,
    eventId: newId("evt"),
    at: now(),
    action,
    actor: actorOf(p),
    ...extra,
  }).params();
}

/** Audit events of one subject (`practice:prc_...`), newest first. */
export async function listAudit(p: Principal, subject: string, q: ListQuery): Promise<Page<AuditEvent>> {
  const page = await runPage(() =>
    AuditEventEntity.query
      .bySubject({ tenantId: p.tenantId, subject })
      .go({ limit: q.limit, cursor: q.cursor ?? null, order: "desc" }),
  );
  return {
    nextCursor: page.nextCursor,
    items: page.items
      .filter((e) => e.practiceId === undefined || p.practiceId === undefined || e.practiceId === p.practiceId)
      .map(({ tenantId: _t, ...e }) => e),
  };
}
