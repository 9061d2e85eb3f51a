import { AttemptEntity, LoginEntity, SessionEntity, UserEntity } from "./user.entity.ts";
import type { SignInInput, SignedIn } from "./user.schema.ts";
import { companyName, emailHash, endSessions, userItem, userViewOf, type UserItem } from "./user.service.ts";
import { newToken, parseToken, tokenMatches } from "./tokens.ts";
import { hashPassword, passwordMatches, spendLikeACheck } from "./password.ts";
import { acceptTotp } from "./totp.ts";
import { newId, newSecret } from "../shared/ids.ts";
import { now } from "../shared/db.ts";
import type { Principal } from "../shared/context.ts";
import { AppError, invalid, unauthorized } from "../shared/errors.ts";
import { transactWrite, tx } from "../shared/transact.ts";
import { consoleUrl, sendMail } from "../shared/mail.ts";
import { auditPut } from "../audit/index.ts";

/** Automatic log-off after this long without a request (HIPAA 164.312(a)(2)(iii)); 15 minutes unless set. */
const idleSeconds = () => Number(process.env.CLAIMLEDGER_SESSION_IDLE_SECONDS ?? 900);
/** However active, a session ends after a working day. */
const ABSOLUTE_SECONDS = 12 * 3600;
/** Failed sign-ins in a row that lock an account, and for how long. */
const LOCK_AFTER = 5;
const LOCK_MINUTES = 15;
/**
 * Attempts per minute from one client address (an office behind one NAT signs in together, so
 * this is wider; `CLAIMLEDGER_SIGNIN_PER_ADDRESS` sets it), and for one email address.
 */
const perAddress = () => Number(process.env.CLAIMLEDGER_SIGNIN_PER_ADDRESS ?? 30);
const PER_EMAIL = 10;
const RESET_MINUTES = 60;

const userPrincipal = (u: UserItem): Principal => ({
  tenantId: u.tenantId,
  keyId: u.userId,
  userId: u.userId,
  role: u.role,
  practiceId: u.practiceId,
});

const problem = (status: number, kind: string, title: string, detail: string) =>
  new AppError(status, kind, title, detail);
const badCredentials = () =>
  problem(401, "invalid-credentials", "Sign-in failed", "The email or password is not right");

/** Counts one attempt in this minute's bucket; over the limit the caller gets 429 until the minute ends. */
async function countAttempt(bucket: string, limit: number): Promise<void> {
  const minute = Math.floor(Date.now() / 60_000);
  const { data } = await AttemptEntity.update({ bucket, minute })
    .add({ count: 1 })
    .set({ expiresAt: (minute + 10) * 60 })
    .go({ response: "all_new" });
  if ((data.count ?? 0) > limit) {
    const err = problem(
      429,
      "rate-limited",
      "Too many attempts",
      "Too many sign-in attempts; wait a minute and try again",
    );
    err.retryAfterSeconds = 60 - (Math.floor(Date.now() / 1000) % 60);
    throw err;
  }
}

async function limitAttempts(email: string, clientAddress: string): Promise<void> {
  await countAttempt(`address:${emailHash(clientAddress)}`, perAddress());
  await countAttempt(`email:${emailHash(email)}`, PER_EMAIL);
}

async function recordFailure(p: Principal, u: UserItem): Promise<void> {
  const { data } = await UserEntity.patch({ tenantId: u.tenantId, userId: u.userId })
    .add({ failedSignIns: 1 })
    .go({ response: "all_new" });
  if ((data.failedSignIns ?? 0) >= LOCK_AFTER) {
    const until = new Date(Date.now() + LOCK_MINUTES * 60_000).toISOString();
    await transactWrite([
      tx.update(
        UserEntity.patch({ tenantId: u.tenantId, userId: u.userId })
          .set({ lockedUntil: until, failedSignIns: 0 })
          .params(),
      ),
      tx.put(auditPut(p, `user:${u.userId}`, "locked", { note: `${LOCK_AFTER} failed sign-ins` })),
    ]);
  }
}

export async function openSession(u: UserItem, via: string): Promise<{ signedIn: SignedIn; cookie: string }> {
  const sessionId = newId("ses");
  const { token, secretHash } = newToken("session", u.tenantId, sessionId);
  const at = now();
  const expiresAt = Math.floor(Date.now() / 1000) + ABSOLUTE_SECONDS;
  const csrfToken = newSecret();
  const p = userPrincipal(u);
  await transactWrite([
    tx.put(
      SessionEntity.create({
        tenantId: u.tenantId,
        sessionId,
        userId: u.userId,
        secretHash,
        csrfToken,
        createdAt: at,
        lastSeenAt: at,
        expiresAt,
      }).params(),
    ),
    tx.update(
      UserEntity.patch({ tenantId: u.tenantId, userId: u.userId })
        .set({ lastSignInAt: at, failedSignIns: 0 })
        .remove(["lockedUntil"])
        .params(),
    ),
    tx.put(auditPut(p, `user:${u.userId}`, "signed-in", { note: via })),
  ]);
  const view = userViewOf({ ...u, lastSignInAt: at }, await companyName(u.tenantId));
  return { signedIn: { user: view, session: sessionView(csrfToken, at, expiresAt) }, cookie: token };
}

function sessionView(csrfToken: string, lastSeenAt: string, expiresAt: number) {
  const idle = idleSeconds();
  const idleEnd = Math.min(Date.parse(lastSeenAt) + idle * 1000, expiresAt * 1000);
  return {
    csrfToken,
    expiresAt: new Date(expiresAt * 1000).toISOString(),
    idleExpiresAt: new Date(idleEnd).toISOString(),
    idleTimeoutSeconds: idle,
  };
}

/**
 * Email + password (+ TOTP code when the user has two-factor on) -> a new session. Unknown email
 * and wrong password answer alike and take as long; five failures in a row lock the account for 15
 * minutes (423, even with the right password), and attempts are rate-limited per client address
 * and per email (429).
 */
export async function signIn(input: SignInInput, clientAddress: string) {
  await limitAttempts(input.email, clientAddress);
  const logins = (await LoginEntity.query.byEmail({ emailHash: emailHash(input.email) }).go()).data.filter(
    (l) => !input.tenantId || l.tenantId === input.tenantId,
  );
  const users = (await Promise.all(logins.map((l) => userItem(l.tenantId, l.userId)))).filter(
    (u): u is UserItem => u !== undefined && u.status === "active",
  );
  if (users.length === 0) {
    await spendLikeACheck(input.password);
    throw badCredentials();
  }
  const locked = users.find((u) => u.lockedUntil && Date.parse(u.lockedUntil) > Date.now());
  if (locked && users.length === 1) {
    const err = problem(
      423,
      "locked",
      "Account locked",
      `Too many failed sign-ins: the account is locked until ${locked.lockedUntil}. Try again then, or reset your password.`,
    );
    err.retryAfterSeconds = (Date.parse(locked.lockedUntil!) - Date.now()) / 1000;
    err.extra = { lockedUntil: locked.lockedUntil };
    throw err;
  }
  const open = users.filter((u) => u !== locked);
  const matches: UserItem[] = [];
  for (const u of open) if (await passwordMatches(input.password, u.passwordHash)) matches.push(u);
  if (matches.length === 0) {
    for (const u of open) await recordFailure(userPrincipal(u), u);
    throw badCredentials();
  }
  if (matches.length > 1) {
    const companies = await Promise.all(
      matches.map(async (u) => ({ tenantId: u.tenantId, name: await companyName(u.tenantId) })),
    );
    const err = problem(
      409,
      "choose-company",
      "Choose a company",
      "This email signs in to more than one company: send tenantId",
    );
    err.extra = { companies };
    throw err;
  }
  const u = matches[0]!;
  if (u.totpEnabled) {
    if (!input.totpCode)
      throw problem(
        401,
        "totp-required",
        "Two-factor code needed",
        "Enter the 6-digit code from your authenticator app",
      );
    const step = u.totpSecret ? acceptTotp(u.totpSecret, input.totpCode, u.totpLastStep) : undefined;
    if (step === undefined) {
      await recordFailure(userPrincipal(u), u);
      throw badCredentials();
    }
    await UserEntity.patch({ tenantId: u.tenantId, userId: u.userId }).set({ totpLastStep: step }).go();
  }
  return openSession(u, u.totpEnabled ? "password and TOTP" : "password");
}

export interface SessionAuth {
  principal: Principal;
  sessionId: string;
  csrfToken: string;
}

/**
 * A session cookie -> the user's principal, or 401. Ends the session when it has been idle too long
 * or its user was disabled; otherwise the request counts as activity (written at most every 30 s,
 * or at once with `touch`: GET /v1/session, the console's "stay signed in").
 */
export async function authenticateSession(cookie: string, opts: { touch?: boolean } = {}): Promise<SessionAuth> {
  const t = parseToken("session", cookie);
  if (!t) throw unauthorized("The session cookie is malformed: sign in again");
  const s = (await SessionEntity.get({ tenantId: t.tenantId, sessionId: t.id }).go()).data;
  if (!s || !tokenMatches(t.secret, s.secretHash)) throw unauthorized("You are signed out: sign in again");
  const u = await userItem(t.tenantId, s.userId);
  const nowMs = Date.now();
  const idleEnd = Date.parse(s.lastSeenAt) + idleSeconds() * 1000;
  if (s.expiresAt * 1000 <= nowMs || idleEnd <= nowMs || !u || u.status !== "active") {
    await SessionEntity.delete({ tenantId: t.tenantId, sessionId: t.id }).go();
    throw unauthorized(
      idleEnd <= nowMs
        ? `You were signed out after ${Math.round(idleSeconds() / 60)} minutes without activity: sign in again`
        : "Your session has ended: sign in again",
    );
  }
  if (opts.touch || nowMs - Date.parse(s.lastSeenAt) > 30_000)
    await SessionEntity.patch({ tenantId: t.tenantId, sessionId: t.id })
      .set({ lastSeenAt: new Date(nowMs).toISOString() })
      .go();
  return { principal: userPrincipal(u), sessionId: t.id, csrfToken: s.csrfToken };
}

/** The current session, for the console (GET /v1/session). */
export async function currentSession(p: Principal, sessionId: string): Promise<SignedIn> {
  const [s, u] = await Promise.all([
    SessionEntity.get({ tenantId: p.tenantId, sessionId })
      .go()
      .then((r) => r.data),
    userItem(p.tenantId, p.userId ?? ""),
  ]);
  if (!s || !u) throw unauthorized("You are signed out: sign in again");
  return {
    user: userViewOf(u, await companyName(p.tenantId)),
    session: sessionView(s.csrfToken, s.lastSeenAt, s.expiresAt),
  };
}

export async function signOut(p: Principal, sessionId: string): Promise<void> {
  await transactWrite([
    tx.del(SessionEntity.delete({ tenantId: p.tenantId, sessionId }).params()),
    tx.put(auditPut(p, `user:${p.userId}`, "signed-out")),
  ]);
}

/** Mails a reset link to each company's user with this email; answers the same whether there is one or not. */
export async function requestPasswordReset(email: string, clientAddress: string): Promise<void> {
  await limitAttempts(email, clientAddress);
  const logins = (await LoginEntity.query.byEmail({ emailHash: emailHash(email) }).go()).data;
  for (const l of logins) {
    const u = await userItem(l.tenantId, l.userId);
    if (!u || u.status !== "active") continue;
    const { token, secretHash } = newToken("reset", u.tenantId, u.userId);
    const expires = new Date(Date.now() + RESET_MINUTES * 60_000).toISOString();
    await UserEntity.patch({ tenantId: u.tenantId, userId: u.userId })
      .set({ resetHash: secretHash, resetExpiresAt: expires })
      .go();
    await sendMail({
      to: u.email,
      subject: `Reset your ClaimLedger password (${await companyName(u.tenantId)})`,
      text: `Someone asked to reset the password of ${u.email}.\n\nChoose a new password: ${consoleUrl(`/reset?token=${encodeURIComponent(token)}`)}\n\nThe link works once, for ${RESET_MINUTES} minutes. If you did not ask, ignore this mail: your password stays as it is.`,
    });
  }
}

/** A reset link's token + a new password: the password changes, the lock lifts, every session ends. */
export async function completePasswordReset(token: string, password: string): Promise<void> {
  const t = parseToken("reset", token);
  const u = t ? await userItem(t.tenantId, t.id) : undefined;
  if (
    !t ||
    !u ||
    !tokenMatches(t.secret, u.resetHash) ||
    !u.resetExpiresAt ||
    Date.parse(u.resetExpiresAt) < Date.now()
  )
    throw invalid([{ path: "token", message: "this reset link is not valid or has expired: ask for a new one" }]);
  const passwordHash = await hashPassword(password);
  await transactWrite([
    tx.update(
      UserEntity.patch({ tenantId: u.tenantId, userId: u.userId })
        .set({ passwordHash, failedSignIns: 0, updatedAt: now() })
        .remove(["resetHash", "resetExpiresAt", "lockedUntil"])
        .where(({ resetHash }, { eq }) => eq(resetHash, u.resetHash!))
        .params(),
    ),
    tx.put(auditPut(userPrincipal(u), `user:${u.userId}`, "password-reset")),
  ]);
  await endSessions(u.tenantId, u.userId);
}
