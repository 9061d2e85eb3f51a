import { api, ApiError, must } from "../../api/client";
import type { Get } from "../../api/types";
import { sessionApi } from "../../api/session-api";
import { label } from "../../ui/format";
import { Badge } from "../../ui/page";
import { useApi } from "../../ui/use-api";

/** Shared by the work screens (queues, claim, send, remittances, patients, portal). */
export type Claim = Get<"/v1/claims">["items"][number];
export type Finding = Claim["findings"][number];
export type Status = Claim["status"];

const TONE: Partial<Record<Status, "good" | "warn" | "bad" | "info" | "neutral">> = {
  needs_review: "warn",
  ready: "info",
  queued: "info",
  submitted: "info",
  accepted: "info",
  rejected: "bad",
  paid: "good",
  partially_paid: "warn",
  denied: "bad",
  on_hold: "warn",
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={TONE[status as Status] ?? "neutral"}>{label(status)}</Badge>;
}

/** Days since a plain date (YYYY-MM-DD), in whole days, for the age column. */
export function ageDays(ymd: string, today = new Date()): number {
  const [y, m, d] = ymd.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return 0;
  const then = Date.UTC(y, m - 1, d);
  const now = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.max(0, Math.round((now - then) / 86_400_000));
}

export const patientName = (c: Claim) => `${c.doc.patient.lastName}, ${c.doc.patient.firstName}`;

/** Practices and payers by id, for names and the filter selects. Errors leave the maps empty (names fall back to ids). */
export function useDirectory() {
  const s = useApi(async () => {
    const [practices, payers] = await Promise.all([
      must(api.GET("/v1/practices", { params: { query: { limit: 100 } } })).catch(() => ({ items: [] })),
      must(api.GET("/v1/payers", { params: { query: { limit: 100 } } })).catch(() => ({ items: [] })),
    ]);
    return {
      practices: new Map(practices.items.map((p) => [p.practiceId, p.legalName])),
      payers: new Map(payers.items.map((p) => [p.payerId, p.name])),
    };
  }, []);
  return s.data ?? { practices: new Map<string, string>(), payers: new Map<string, string>() };
}

let users: { at: number; list: ReturnType<typeof sessionApi.users> } | undefined;
/** The company's people, read once for the panels of the screens opened within half a minute. */
export function companyUsers(): ReturnType<typeof sessionApi.users> {
  if (!users || Date.now() - users.at > 30_000)
    users = { at: Date.now(), list: sessionApi.users().catch(() => ({ items: [], nextCursor: null })) };
  return users.list;
}

/** People's names for actors (`user:usr_…`); a viewer who may not list users sees the ids. */
export function useActors(enabled: boolean) {
  const s = useApi(
    async () =>
      enabled ? new Map((await companyUsers()).items.map((u) => [u.userId, u.name])) : new Map<string, string>(),
    [enabled],
  );
  const names = s.data ?? new Map<string, string>();
  return (actor: string | undefined) => {
    if (!actor) return "—";
    const [kind, id] = actor.includes(":") ? (actor.split(":", 2) as [string, string]) : ["", actor];
    if (kind === "user") return names.get(id) ?? id;
    if (kind === "key") return `API key ${id}`;
    if (kind === "system") return "ClaimLedger (automatic)";
    return actor;
  };
}

/** A claim id the API does not know (or one of another practice): the same words either way. */
export const isNotFound = (e: unknown) => e instanceof ApiError && e.status === 404;
