import { InvitationEntity, LoginEntity, UserEntity } from "./user.entity.ts";
import type { InvitationInput, InvitationView } from "./user.schema.ts";
import { companyName, emailHash } from "./user.service.ts";
import { openSession } from "./session.service.ts";
import { newToken, parseToken, tokenMatches } from "./tokens.ts";
import { hashPassword } from "./password.ts";
import { newId } from "../shared/ids.ts";
import { now, runPage } from "../shared/db.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { conflict, invalid, notFound } from "../shared/errors.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { assertMailConfigured, consoleUrl, sendMail } from "../shared/mail.ts";
import { auditPut } from "../audit/index.ts";
import { practiceForSystem } from "../practice/index.ts";
import type { ListQuery, Page } from "../shared/schema.ts";

/** An invitation link works for a week. */
const VALID_DAYS = 7;
const ROLE_WORDS = { owner: "an owner", biller: "a biller", viewer: "a viewer", practice: "a practice user" } as const;

type InvitationItem = NonNullable<Awaited<ReturnType<ReturnType<typeof InvitationEntity.get>["go"]>>["data"]>;

function view(i: InvitationItem): InvitationView {
  const expired = i.status === "pending" && Date.parse(i.expiresOn) < Date.now();
  return {
    invitationId: i.invitationId,
    email: i.email,
    name: i.name,
    role: i.role,
    practiceId: i.practiceId,
    status: expired ? "expired" : i.status,
    expiresAt: i.expiresOn,
    createdAt: i.createdAt,
    createdBy: i.createdBy,
  };
}

/** The owner invites a person by email with a role; the mail carries a one-time link to set a password. */
export async function inviteUser(p: Principal, input: InvitationInput): Promise<InvitationView> {
  authorize(p, "users.manage");
  assertMailConfigured();
  if (input.practiceId && !(await practiceForSystem(p.tenantId, input.practiceId)))
    throw invalid([{ path: "practiceId", message: "no such practice" }]);
  const existing = await LoginEntity.get({ emailHash: emailHash(input.email), tenantId: p.tenantId }).go();
  if (existing.data) throw conflict(`${input.email} is already a user of this company`);
  const invitationId = newId("ivt");
  const { token, secretHash } = newToken("invitation", p.tenantId, invitationId);
  const at = now();
  const expiresOn = new Date(Date.now() + VALID_DAYS * 86_400_000).toISOString();
  const item = {
    tenantId: p.tenantId,
    invitationId,
    email: input.email,
    name: input.name,
    role: input.role,
    practiceId: input.practiceId,
    status: "pending" as const,
    secretHash,
    expiresOn,
    expiresAt: Math.floor(Date.parse(expiresOn) / 1000) + 30 * 86_400,
    createdBy: actorOf(p),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await transactWrite([
    tx.put(InvitationEntity.create(item).params()),
    tx.put(
      auditPut(p, `invitation:${invitationId}`, "created", {
        practiceId: input.practiceId,
        note: `role ${input.role}`,
      }),
    ),
  ]);
  const company = await companyName(p.tenantId);
  await sendMail({
    to: input.email,
    subject: `${company} invited you to ClaimLedger`,
    text: `Hello ${input.name},\n\n${company} invited you to ClaimLedger as ${ROLE_WORDS[input.role]}.\n\nSet your password and sign in: ${consoleUrl(`/accept?token=${encodeURIComponent(token)}`)}\n\nThe link works once and expires on ${expiresOn.slice(0, 10)}.`,
  });
  return view(item);
}

export async function listInvitations(p: Principal, q: ListQuery): Promise<Page<InvitationView>> {
  authorize(p, "users.manage");
  const page = await runPage(() =>
    InvitationEntity.query.byId({ tenantId: p.tenantId }).go({ limit: q.limit, cursor: q.cursor ?? null }),
  );
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}

export async function revokeInvitation(p: Principal, invitationId: string): Promise<void> {
  authorize(p, "users.manage");
  const { data } = await InvitationEntity.get({ tenantId: p.tenantId, invitationId }).go();
  if (!data) throw notFound("Invitation");
  if (data.status !== "pending") return;
  await transactWrite([
    tx.update(
      InvitationEntity.patch({ tenantId: p.tenantId, invitationId })
        .set({ status: "revoked", updatedAt: now() })
        .where(({ status }, { eq }) => eq(status, "pending"))
        .params(),
    ),
    tx.put(auditPut(p, `invitation:${invitationId}`, "revoked")),
  ]);
}

/**
 * The invitation link's token + a password: the user exists, the invitation is spent, and the
 * person is signed in. All in one transaction, so a link used twice at once makes one user.
 */
export async function acceptInvitation(token: string, password: string) {
  const t = parseToken("invitation", token);
  const inv = t ? (await InvitationEntity.get({ tenantId: t.tenantId, invitationId: t.id }).go()).data : undefined;
  if (!t || !inv || !tokenMatches(t.secret, inv.secretHash) || view(inv).status !== "pending")
    throw invalid([
      {
        path: "token",
        message: "this invitation link is not valid, was used already or has expired: ask for a new one",
      },
    ]);
  const userId = newId("usr");
  const at = now();
  const user = {
    tenantId: inv.tenantId,
    userId,
    email: inv.email,
    name: inv.name,
    role: inv.role,
    practiceId: inv.practiceId,
    status: "active" as const,
    passwordHash: await hashPassword(password),
    createdBy: inv.createdBy,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const actor: Principal = {
    tenantId: inv.tenantId,
    keyId: userId,
    userId,
    role: inv.role,
    practiceId: inv.practiceId,
  };
  try {
    await transactWrite([
      tx.put(UserEntity.create(user).params()),
      tx.put(LoginEntity.create({ emailHash: emailHash(inv.email), tenantId: inv.tenantId, userId }).params()),
      tx.update(
        InvitationEntity.patch({ tenantId: inv.tenantId, invitationId: inv.invitationId })
          .set({ status: "accepted", userId, updatedAt: at })
          .where(({ status }, { eq }) => eq(status, "pending"))
          .params(),
      ),
      tx.put(
        auditPut(actor, `user:${userId}`, "created", {
          practiceId: inv.practiceId,
          note: `invitation ${inv.invitationId}, role ${inv.role}`,
        }),
      ),
    ]);
  } catch (err) {
    if (err instanceof TransactionConflict && !err.transient)
      throw conflict("This invitation was used already, or the email became a user meanwhile");
    throw err;
  }
  return openSession(user, "invitation");
}
