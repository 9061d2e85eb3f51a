import { createHash } from "node:crypto";
import { SessionEntity, UserEntity } from "./user.entity.ts";
import type { UserPatch, UserView } from "./user.schema.ts";
import { acceptTotp, newTotpSecret, totpUri } from "./totp.ts";
import { now, runPage } from "../shared/db.ts";
import type { Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { AppError, conflict, forbidden, invalid, notFound } from "../shared/errors.ts";
import { transactWrite, tx } from "../shared/transact.ts";
import { auditPut } from "../audit/index.ts";
import { tenantForSystem } from "../tenant/index.ts";
import { practiceForSystem } from "../practice/index.ts";
import type { ListQuery, Page } from "../shared/schema.ts";

export type UserItem = NonNullable<Awaited<ReturnType<ReturnType<typeof UserEntity.get>["go"]>>["data"]>;

export const emailHash = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex");

export async function companyName(tenantId: string): Promise<string> {
  return (await tenantForSystem(tenantId))?.name ?? "";
}

export function userViewOf(u: UserItem, company: string): UserView {
  return {
    userId: u.userId,
    tenantId: u.tenantId,
    companyName: company,
    email: u.email,
    name: u.name,
    role: u.role,
    practiceId: u.practiceId,
    status: u.status,
    totpEnabled: u.totpEnabled === true,
    createdAt: u.createdAt,
    lastSignInAt: u.lastSignInAt,
  };
}

export async function userItem(tenantId: string, userId: string): Promise<UserItem | undefined> {
  return (await UserEntity.get({ tenantId, userId }).go()).data ?? undefined;
}

/** The signed-in user (a session principal); API keys are not people and get 403. */
async function self(p: Principal): Promise<UserItem> {
  if (!p.userId) throw forbidden("Only a signed-in user has an account; API keys do not");
  const u = await userItem(p.tenantId, p.userId);
  if (!u) throw notFound("User");
  return u;
}

export async function me(p: Principal): Promise<UserView> {
  return userViewOf(await self(p), await companyName(p.tenantId));
}

export async function listUsers(p: Principal, q: ListQuery): Promise<Page<UserView>> {
  authorize(p, "users.read");
  const page = await runPage(() =>
    UserEntity.query.byId({ tenantId: p.tenantId }).go({ limit: q.limit, cursor: q.cursor ?? null }),
  );
  const company = await companyName(p.tenantId);
  return { items: page.items.map((u) => userViewOf(u, company)), nextCursor: page.nextCursor };
}

/** The addresses of a company's active owners (one partition query; a company has few users), for notices. */
export async function ownerEmails(tenantId: string): Promise<string[]> {
  const { data } = await UserEntity.query
    .byId({ tenantId })
    .go({ pages: "all", attributes: ["email", "role", "status"] });
  return data.filter((u) => u.role === "owner" && u.status === "active").map((u) => u.email);
}

/** A person as other modules see them: no email, no secrets. */
export interface UserSummary {
  userId: string;
  name: string;
  role: UserItem["role"];
  status: UserItem["status"];
  practiceId?: string;
}

/** The company's people (one partition query: a company has few), e.g. whom a task may be assigned to. */
export async function companyUsers(tenantId: string): Promise<UserSummary[]> {
  const { data } = await UserEntity.query
    .byId({ tenantId })
    .go({ pages: "all", attributes: ["userId", "name", "role", "status", "practiceId"] });
  return data.map((u) => ({
    userId: u.userId,
    name: u.name,
    role: u.role,
    status: u.status,
    ...(u.practiceId ? { practiceId: u.practiceId } : {}),
  }));
}

/** Every session of one user (a company has few at a time: one partition query, filtered). */
export async function endSessions(tenantId: string, userId: string): Promise<void> {
  const { data } = await SessionEntity.query
    .byId({ tenantId })
    .where(({ userId: u }, { eq }) => eq(u, userId))
    .go({ pages: "all" });
  for (const s of data) await SessionEntity.delete({ tenantId, sessionId: s.sessionId }).go();
}

/** The owner changes a user's role, practice or status; their open sessions end, so the change holds at once. */
export async function patchUser(p: Principal, userId: string, patch: UserPatch): Promise<UserView> {
  authorize(p, "users.manage");
  const u = await userItem(p.tenantId, userId);
  if (!u) throw notFound("User");
  const role = patch.role ?? u.role;
  if (role === "practice" && !(patch.practiceId ?? u.practiceId))
    throw invalid([{ path: "practiceId", message: "is required for a practice user" }]);
  const practiceId = role === "practice" ? (patch.practiceId ?? u.practiceId) : undefined;
  if (practiceId && practiceId !== u.practiceId && !(await practiceForSystem(p.tenantId, practiceId)))
    throw invalid([{ path: "practiceId", message: "no such practice" }]);
  const status = patch.status ?? u.status;
  if (u.role === "owner" && u.status === "active" && (role !== "owner" || status !== "active")) {
    const { data } = await UserEntity.query.byId({ tenantId: p.tenantId }).go({ pages: "all" });
    if (!data.some((o) => o.userId !== userId && o.role === "owner" && o.status === "active"))
      throw conflict("This is the company's last active owner: make another user owner first");
  }
  const fields = Object.keys(patch);
  const base = UserEntity.patch({ tenantId: p.tenantId, userId }).set({ role, status, updatedAt: now() });
  const params = (practiceId ? base.set({ practiceId }) : base.remove(["practiceId"]))
    .add({ version: 1 })
    .where(({ version }, { eq }) => eq(version, u.version))
    .params();
  await transactWrite([tx.update(params), tx.put(auditPut(p, `user:${userId}`, "updated", { fields }))]);
  await endSessions(p.tenantId, userId);
  return userViewOf({ ...u, role, status, practiceId, version: u.version + 1 }, await companyName(p.tenantId));
}

/** Starts TOTP enrolment: a new secret, not yet required until a code from it is confirmed. */
export async function startTotp(p: Principal) {
  const u = await self(p);
  if (u.totpEnabled) throw conflict("Two-factor sign-in is already on; turn it off first to enrol a new device");
  const secret = newTotpSecret();
  await UserEntity.patch({ tenantId: p.tenantId, userId: u.userId }).set({ totpSecret: secret, updatedAt: now() }).go();
  return { secret, otpauthUri: totpUri(secret, u.email) };
}

function checkCode(u: UserItem, code: string): number {
  const step = u.totpSecret ? acceptTotp(u.totpSecret, code, u.totpLastStep) : undefined;
  if (step === undefined) throw invalid([{ path: "code", message: "is not the current code of your authenticator" }]);
  return step;
}

export async function confirmTotp(p: Principal, code: string): Promise<UserView> {
  const u = await self(p);
  if (!u.totpSecret) throw new AppError(409, "conflict", "Conflict", "Start enrolment first (POST /v1/users/me/totp)");
  const step = checkCode(u, code);
  await transactWrite([
    tx.update(
      UserEntity.patch({ tenantId: p.tenantId, userId: u.userId })
        .set({ totpEnabled: true, totpLastStep: step, updatedAt: now() })
        .params(),
    ),
    tx.put(auditPut(p, `user:${u.userId}`, "two-factor-on")),
  ]);
  return userViewOf({ ...u, totpEnabled: true }, await companyName(p.tenantId));
}

export async function disableTotp(p: Principal, code: string): Promise<UserView> {
  const u = await self(p);
  if (!u.totpEnabled) return userViewOf(u, await companyName(p.tenantId));
  checkCode(u, code);
  await transactWrite([
    tx.update(
      UserEntity.patch({ tenantId: p.tenantId, userId: u.userId })
        .set({ totpEnabled: false, updatedAt: now() })
        .remove(["totpSecret", "totpLastStep"])
        .params(),
    ),
    tx.put(auditPut(p, `user:${u.userId}`, "two-factor-off")),
  ]);
  return userViewOf({ ...u, totpEnabled: false }, await companyName(p.tenantId));
}
