import { describe, expect, it } from "vitest";
import { totpCode } from "@claimledger/core/user/index.ts";
import { ADMIN_KEY, call, newTenant, samples } from "./http.ts";
import { encounterFor, practiceSetUp } from "./cycle.ts";
import { PASSWORD, asUser, invitedUser, linkToken, mailsTo, sessionFrom, signIn, uniqueEmail } from "./users.ts";

describe("invitations", () => {
  it("an owner invites a biller by email; the link sets a password and signs in, once", async () => {
    const { ownerKey } = await newTenant("Invite Billing LLC");
    const email = uniqueEmail("biller");
    const inv = await call("POST", "/v1/invitations", {
      key: ownerKey,
      body: { email, name: "Bea Biller", role: "biller" },
    });
    expect(inv.status).toBe(201);
    expect(inv.body).toMatchObject({ email, role: "biller", status: "pending" });
    const mail = mailsTo(email).at(-1)!;
    expect(mail.subject).toBe("Invite Billing LLC invited you to ClaimLedger");
    expect(mail.text).toContain("as a biller");
    const token = linkToken(email, "/accept");

    const short = await call("POST", "/v1/invitations/accept", { body: { token, password: "short" } });
    expect(short.status).toBe(422);
    expect(short.body.errors).toEqual([{ path: "password", message: "must be at least 12 characters" }]);

    const ok = await call("POST", "/v1/invitations/accept", { body: { token, password: PASSWORD } });
    expect(ok.status).toBe(201);
    expect(ok.body.user).toMatchObject({
      email,
      name: "Bea Biller",
      role: "biller",
      companyName: "Invite Billing LLC",
      totpEnabled: false,
    });
    const cookie = ok.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^cl_session=cls_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);

    const s = sessionFrom(ok);
    expect((await asUser(s, "GET", "/v1/practices")).status).toBe(200);
    const again = await call("POST", "/v1/invitations/accept", { body: { token, password: PASSWORD } });
    expect(again.status).toBe(422);
    const list = await call("GET", "/v1/invitations", { key: ownerKey });
    expect(list.body.items.map((i: { status: string }) => i.status)).toEqual(["accepted"]);
    // The same person cannot be invited twice into one company.
    const dup = await call("POST", "/v1/invitations", { key: ownerKey, body: { email, name: "Bea", role: "viewer" } });
    expect(dup.status).toBe(409);
  });

  it("a new company's first owner is invited with it and signs in as its owner", async () => {
    const email = uniqueEmail("founder");
    const res = await call("POST", "/v1/tenants", {
      key: ADMIN_KEY,
      body: { name: "Founders Billing", owner: { email, name: "Fran Founder" } },
    });
    expect(res.status).toBe(201);
    expect(res.body.ownerInvitation).toMatchObject({ email, role: "owner", status: "pending" });
    const ok = await call("POST", "/v1/invitations/accept", {
      body: { token: linkToken(email, "/accept"), password: PASSWORD },
    });
    expect(ok.body.user).toMatchObject({
      role: "owner",
      tenantId: res.body.tenant.tenantId,
      companyName: "Founders Billing",
    });
  });

  it("only owners invite; a revoked invitation's link stops working", async () => {
    const { ownerKey } = await newTenant();
    const biller = await invitedUser(ownerKey, uniqueEmail("b"), "biller");
    const refused = await asUser(biller, "POST", "/v1/invitations", {
      email: uniqueEmail("x"),
      name: "X",
      role: "viewer",
    });
    expect(refused.status).toBe(403);
    const email = uniqueEmail("revoked");
    const inv = await call("POST", "/v1/invitations", { key: ownerKey, body: { email, name: "R", role: "viewer" } });
    expect((await call("DELETE", `/v1/invitations/${inv.body.invitationId}`, { key: ownerKey })).status).toBe(204);
    const accept = await call("POST", "/v1/invitations/accept", {
      body: { token: linkToken(email, "/accept"), password: PASSWORD },
    });
    expect(accept.status).toBe(422);
  });
});

describe("sign-in", () => {
  it("a wrong password and an unknown email answer alike; five failures lock even the right password out; a reset lifts it", async () => {
    const { ownerKey } = await newTenant();
    const email = uniqueEmail("lock");
    await invitedUser(ownerKey, email, "biller");
    const unknown = await signIn(uniqueEmail("nobody"));
    const wrong = await signIn(email, "not the password at all");
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.type).toBe(wrong.body.type);
    expect(unknown.body.detail).toBe(wrong.body.detail);
    for (let i = 0; i < 4; i++) expect((await signIn(email, `wrong password ${i}`)).status).toBe(401);
    const locked = await signIn(email);
    expect(locked.status).toBe(423);
    expect(locked.body.type).toBe("urn:claimledger:problem:locked");
    expect(Date.parse(locked.body.lockedUntil) - Date.now()).toBeGreaterThan(800_000);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(800);

    expect((await call("POST", "/v1/password-resets", { body: { email } })).status).toBe(202);
    expect((await call("POST", "/v1/password-resets", { body: { email: uniqueEmail("ghost") } })).status).toBe(202);
    const token = linkToken(email, "/reset");
    const fresh = "a much better passphrase";
    expect((await call("POST", "/v1/password-resets/complete", { body: { token, password: fresh } })).status).toBe(204);
    expect((await call("POST", "/v1/password-resets/complete", { body: { token, password: fresh } })).status).toBe(422);
    expect((await signIn(email)).status).toBe(401);
    expect((await signIn(email, fresh)).status).toBe(201);
  });

  it("attempts are rate-limited per email, known or not", async () => {
    const email = uniqueEmail("flood");
    const statuses: number[] = [];
    // 10 a minute are allowed; 25 tries fill one minute's allowance even if a minute boundary falls among them.
    for (let i = 0; i < 25 && !statuses.includes(429); i++)
      statuses.push((await signIn(email, "guess guess guess")).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(10);
  });

  it("two-factor: enrol with a code, then sign-in asks for one; a code works once", async () => {
    const { ownerKey } = await newTenant();
    const email = uniqueEmail("totp");
    const s = await invitedUser(ownerKey, email, "owner");
    const start = await asUser(s, "POST", "/v1/users/me/totp");
    expect(start.status).toBe(201);
    expect(start.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/ClaimLedger:.+\?.*secret=/);
    const secret = start.body.secret as string;
    expect(
      (
        await asUser(s, "POST", "/v1/users/me/totp/confirm", {
          code: "000000" === totpCode(secret) ? "111111" : "000000",
        })
      ).status,
    ).toBe(422);
    const on = await asUser(s, "POST", "/v1/users/me/totp/confirm", { code: totpCode(secret) });
    expect(on.body.totpEnabled).toBe(true);

    const noCode = await signIn(email);
    expect(noCode.status).toBe(401);
    expect(noCode.body.type).toBe("urn:claimledger:problem:totp-required");
    // The next 30-second step's code (accepted for clock drift) was never used: it signs in, once.
    const next = totpCode(secret, Date.now() + 30_000);
    expect((await signIn(email, PASSWORD, { totpCode: next })).status).toBe(201);
    expect((await signIn(email, PASSWORD, { totpCode: next })).status).toBe(401);
  });

  it("an API key has no account to enrol", async () => {
    const { ownerKey } = await newTenant();
    expect((await call("POST", "/v1/users/me/totp", { key: ownerKey })).status).toBe(403);
  });
});

describe("sessions", () => {
  it("a change sent with the cookie but without the CSRF token, or from another site, is refused; API keys need none", async () => {
    const { ownerKey } = await newTenant();
    const s = await invitedUser(ownerKey, uniqueEmail("csrf"), "owner");
    const noToken = await asUser(s, "POST", "/v1/practices", samples.practice, { "x-csrf-token": "" });
    expect(noToken.status).toBe(403);
    expect(noToken.body.type).toBe("urn:claimledger:problem:csrf");
    const foreign = await asUser(s, "POST", "/v1/practices", samples.practice, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect((await call("GET", "/v1/practices", { key: ownerKey })).body.items).toEqual([]);
    const ok = await asUser(s, "POST", "/v1/practices", samples.practice, { origin: "http://localhost" });
    expect(ok.status).toBe(201);
    // The audit trail names the person who acted.
    const audit = await call("GET", `/v1/audit-events?subject=practice:${ok.body.practiceId}`, { key: ownerKey });
    expect(audit.body.items[0]).toMatchObject({ action: "created", actor: `user:${s.userId}` });
    const byKey = await call("POST", "/v1/practices", {
      key: ownerKey,
      body: { ...samples.practice, npi: "1245319599" },
    });
    expect(byKey.status).toBe(201);
  });

  it("signs out after the idle timeout, and on sign-out", async () => {
    const { ownerKey } = await newTenant();
    const email = uniqueEmail("idle");
    await invitedUser(ownerKey, email, "viewer");
    const before = process.env.CLAIMLEDGER_SESSION_IDLE_SECONDS;
    process.env.CLAIMLEDGER_SESSION_IDLE_SECONDS = "1";
    try {
      const s = sessionFrom(await signIn(email));
      await new Promise((r) => setTimeout(r, 1500));
      const gone = await asUser(s, "GET", "/v1/claims");
      expect(gone.status).toBe(401);
      expect(gone.body.detail).toContain("without activity");
    } finally {
      if (before === undefined) delete process.env.CLAIMLEDGER_SESSION_IDLE_SECONDS;
      else process.env.CLAIMLEDGER_SESSION_IDLE_SECONDS = before;
    }
    const s = sessionFrom(await signIn(email));
    const current = await asUser(s, "GET", "/v1/session");
    expect(current.body.session.idleTimeoutSeconds).toBe(900);
    expect(Date.parse(current.body.session.idleExpiresAt) - Date.now()).toBeGreaterThan(800_000);
    // GET /v1/session ("stay signed in") counts as activity at once, not only every 30 s.
    await new Promise((r) => setTimeout(r, 1100));
    const stay = await asUser(s, "GET", "/v1/session");
    expect(Date.parse(stay.body.session.idleExpiresAt)).toBeGreaterThan(Date.parse(current.body.session.idleExpiresAt));
    expect((await asUser(s, "DELETE", "/v1/session")).status).toBe(204);
    expect((await asUser(s, "GET", "/v1/session")).status).toBe(401);
  });

  it("a practice user sees its practice only; disabling a user ends their sessions; the last owner stays", async () => {
    const { ownerKey } = await newTenant();
    const mine = await call("POST", "/v1/practices", { key: ownerKey, body: samples.practice });
    const other = await call("POST", "/v1/practices", {
      key: ownerKey,
      body: { ...samples.practice, npi: "1245319599" },
    });
    const pu = await invitedUser(ownerKey, uniqueEmail("practice"), "practice", mine.body.practiceId);
    const list = await asUser(pu, "GET", "/v1/practices");
    expect(list.body.items.map((p: { practiceId: string }) => p.practiceId)).toEqual([mine.body.practiceId]);
    expect((await asUser(pu, "GET", `/v1/practices/${other.body.practiceId}`)).status).toBe(404);

    const disabled = await call("PATCH", `/v1/users/${pu.userId}`, { key: ownerKey, body: { status: "disabled" } });
    expect(disabled.status).toBe(200);
    expect((await asUser(pu, "GET", "/v1/practices")).status).toBe(401);

    const owner = await invitedUser(ownerKey, uniqueEmail("owner"), "owner");
    const demote = await call("PATCH", `/v1/users/${owner.userId}`, { key: ownerKey, body: { role: "biller" } });
    expect(demote.status).toBe(409);
    const users = await asUser(owner, "GET", "/v1/users");
    expect(users.body.items.map((u: { role: string; status: string }) => `${u.role}:${u.status}`).sort()).toEqual([
      "owner:active",
      "practice:disabled",
    ]);
  });
});

describe("who acted", () => {
  it("a claim's history names the practice user who uploaded the visit and the biller who held it", async () => {
    const s = await practiceSetUp();
    const pu = await invitedUser(s.key, uniqueEmail("frontdesk"), "practice", s.practiceId);
    const biller = await invitedUser(s.key, uniqueEmail("biller"), "biller");
    const enc = await asUser(pu, "POST", `/v1/practices/${s.practiceId}/encounters`, encounterFor(s, 1));
    expect(enc.status, JSON.stringify(enc.body)).toBe(201);
    const held = await asUser(biller, "POST", `/v1/claims/${enc.body.claimId}/status`, {
      to: "on_hold",
      reason: "waiting for the referral",
    });
    expect(held.status).toBe(200);
    const history = await call("GET", `/v1/claims/${enc.body.claimId}/history`, { key: s.key });
    expect(history.body.items.map((e: { to: string; actor: string }) => `${e.to} by ${e.actor}`)).toEqual([
      `draft by user:${pu.userId}`,
      "ready by scrubber",
      `on_hold by user:${biller.userId}`,
    ]);
    for (const e of history.body.items) expect(new Date(e.at).toISOString()).toBe(e.at);
  });
});
