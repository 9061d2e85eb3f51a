export const ROLES = ["owner", "biller", "viewer", "practice"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling: always a tenant, sometimes narrowed to one practice. Built from the API key, a
 * console user's session, or a scheduled job acting for a company (`system`, whose keyId names
 * the job).
 */
export interface Principal {
  tenantId: string;
  keyId: string;
  role: Role | "system";
  /** Set for `practice` keys and users: the one practice this principal may see. */
  practiceId?: string;
  /** Set when a named user signed in to the console acts (keyId then holds the same id). */
  userId?: string;
}

/** A scheduled job acting for one company, e.g. the monthly close; what it may do is in the permission table. */
export function systemPrincipal(tenantId: string, job: string): Principal {
  return { tenantId, keyId: job, role: "system" };
}

/** True when the principal may see records of this practice. */
export function canSeePractice(p: Principal, practiceId: string): boolean {
  return p.practiceId === undefined || p.practiceId === practiceId;
}

/** Who did something, for audit trails and status history: a user, an API key or a scheduled job. */
export function actorOf(p: Principal): string {
  if (p.userId) return `user:${p.userId}`;
  return p.role === "system" ? `system:${p.keyId}` : `key:${p.keyId}`;
}
