import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { call, type Res } from "./http.ts";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

/** Mails sent to one address, oldest first, from this worker's outbox directory. */
export function mailsTo(to: string): Mail[] {
  const dir = process.env.CLAIMLEDGER_MAIL_OUTBOX!;
  return readdirSync(dir)
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Mail)
    .filter((m) => m.to === to);
}

/** The token of the last link of this kind (`/accept` or `/reset`) mailed to an address. */
export function linkToken(to: string, path: "/accept" | "/reset"): string {
  const mail = mailsTo(to).at(-1);
  const m = mail && new RegExp(`/app${path}\\?token=([^\\s]+)`).exec(mail.text);
  if (!m) throw new Error(`no ${path} link mailed to ${to}`);
  return decodeURIComponent(m[1]!);
}

/** A browser's session as a test holds it: the cookie and the CSRF token. */
export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

export function sessionFrom(res: Res): Session {
  const set = res.headers.get("set-cookie") ?? "";
  const m = /cl_session=([^;]+)/.exec(set);
  if (!m) throw new Error(`no session cookie in ${res.status} ${JSON.stringify(res.body)}`);
  return { cookie: `cl_session=${m[1]}`, csrf: res.body.session.csrfToken, userId: res.body.user.userId };
}

/** A request as the console makes it: the cookie, and the CSRF token on changes. */
export function asUser(s: Session, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { cookie: s.cookie, ...headers };
  if (!["GET", "HEAD"].includes(method)) h["x-csrf-token"] ??= s.csrf;
  return call(method, path, { body, headers: h });
}

export const PASSWORD = "correct horse battery staple";

/** The owner key invites a person, who accepts through the mailed link: a signed-in user. */
export async function invitedUser(
  ownerKey: string,
  email: string,
  role: string,
  practiceId?: string,
): Promise<Session> {
  const inv = await call("POST", "/v1/invitations", {
    key: ownerKey,
    body: { email, name: `Test ${role}`, role, practiceId },
  });
  if (inv.status !== 201) throw new Error(`invitation failed: ${inv.status} ${JSON.stringify(inv.body)}`);
  const res = await call("POST", "/v1/invitations/accept", {
    body: { token: linkToken(email, "/accept"), password: PASSWORD },
  });
  return sessionFrom(res);
}

export const signIn = (email: string, password = PASSWORD, extra: Record<string, string> = {}) =>
  call("POST", "/v1/sessions", { body: { email, password, ...extra } });

let n = 0;
/** An email address no other test uses. */
export const uniqueEmail = (who: string) => `${who}.${process.pid}.${Date.now()}.${n++}@example.com`;
