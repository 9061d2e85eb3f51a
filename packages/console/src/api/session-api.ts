// TEMPORARY: hand-written from /work/notes/contract-16.md until the session/users routes are in
// the generated schema; then these become typed `api.*` calls and the types come from schema.d.ts.
import { ApiError, setCsrfToken } from "./client";

export type Role = "owner" | "biller" | "viewer" | "practice";
export interface UserView {
  userId: string;
  tenantId: string;
  email: string;
  name: string;
  role: Role;
  practiceId?: string;
  status: "active" | "disabled";
  totpEnabled: boolean;
  createdAt: string;
  lastSignInAt?: string;
  companyName: string;
}
export interface SessionView {
  expiresAt: string;
  idleExpiresAt: string;
  csrfToken: string;
  idleTimeoutSeconds: number;
}
export interface Me {
  user: UserView;
  session: SessionView;
}
export interface InvitationView {
  invitationId: string;
  email: string;
  name: string;
  role: Role;
  practiceId?: string;
  status: "pending" | "accepted" | "revoked" | "expired";
  expiresAt: string;
  createdAt: string;
  createdBy: string;
}

let csrf: string | undefined;
async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrf) headers["x-csrf-token"] = csrf;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { title: "Network error", detail: `The API could not be reached (${String(e)})` });
  }
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  if (!res.ok) throw new ApiError(res.status, parsed);
  return parsed as T;
}
const keep = (me: Me) => {
  csrf = me.session.csrfToken;
  setCsrfToken(csrf);
  return me;
};

export const sessionApi = {
  signIn: async (b: { email: string; password: string; totpCode?: string; tenantId?: string }) =>
    keep(await call<Me>("POST", "/v1/sessions", b)),
  current: async () => keep(await call<Me>("GET", "/v1/session")),
  signOut: async () => {
    await call<void>("DELETE", "/v1/session");
    csrf = undefined;
    setCsrfToken(undefined);
  },
  accept: async (b: { token: string; password: string }) => keep(await call<Me>("POST", "/v1/invitations/accept", b)),
  requestReset: (b: { email: string }) => call<void>("POST", "/v1/password-resets", b),
  completeReset: (b: { token: string; password: string }) => call<void>("POST", "/v1/password-resets/complete", b),
  me: () => call<UserView>("GET", "/v1/users/me"),
  startTotp: () => call<{ secret: string; otpauthUri: string }>("POST", "/v1/users/me/totp"),
  confirmTotp: (code: string) => call<UserView>("POST", "/v1/users/me/totp/confirm", { code }),
  disableTotp: (code: string) => call<UserView>("DELETE", "/v1/users/me/totp", { code }),
  users: () => call<{ items: UserView[]; nextCursor: string | null }>("GET", "/v1/users"),
  patchUser: (userId: string, b: { role?: Role; practiceId?: string; status?: "active" | "disabled" }) =>
    call<UserView>("PATCH", `/v1/users/${encodeURIComponent(userId)}`, b),
  invitations: () => call<{ items: InvitationView[]; nextCursor: string | null }>("GET", "/v1/invitations"),
  invite: (b: { email: string; name: string; role: Role; practiceId?: string }) =>
    call<InvitationView>("POST", "/v1/invitations", b),
  revokeInvitation: (id: string) => call<void>("DELETE", `/v1/invitations/${encodeURIComponent(id)}`),
};
