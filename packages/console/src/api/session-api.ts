import { api, must, setCsrfToken } from "./client";
import type { Get } from "./types";

/** The session and users calls (issue 16), typed from the generated schema like every other call. */
export type Me = Get<"/v1/session">;
export type UserView = Get<"/v1/users/me">;
export type SessionView = Me["session"];
export type Role = UserView["role"];
export type InvitationView = Get<"/v1/invitations">["items"][number];

/** Keeps the CSRF token of a session the API just answered with (memory only, never storage). */
const keep = (me: Me) => {
  setCsrfToken(me.session.csrfToken);
  return me;
};

export const sessionApi = {
  signIn: async (body: { email: string; password: string; totpCode?: string; tenantId?: string }) =>
    keep(await must(api.POST("/v1/sessions", { body }))),
  current: async () => keep(await must(api.GET("/v1/session"))),
  signOut: async () => {
    try {
      await must(api.DELETE("/v1/session"));
    } finally {
      setCsrfToken(undefined);
    }
  },
  accept: async (body: { token: string; password: string }) =>
    keep(await must(api.POST("/v1/invitations/accept", { body }))),
  requestReset: (body: { email: string }) => must(api.POST("/v1/password-resets", { body })),
  completeReset: (body: { token: string; password: string }) =>
    must(api.POST("/v1/password-resets/complete", { body })),
  startTotp: () => must(api.POST("/v1/users/me/totp")),
  confirmTotp: (code: string) => must(api.POST("/v1/users/me/totp/confirm", { body: { code } })),
  disableTotp: (code: string) => must(api.DELETE("/v1/users/me/totp", { body: { code } })),
  users: () => must(api.GET("/v1/users", { params: { query: { limit: 100 } } })),
  patchUser: (userId: string, body: { role?: Role; practiceId?: string; status?: "active" | "disabled" }) =>
    must(api.PATCH("/v1/users/{userId}", { params: { path: { userId } }, body })),
  invitations: () => must(api.GET("/v1/invitations", { params: { query: { limit: 100 } } })),
  invite: (body: { email: string; name: string; role: Role; practiceId?: string }) =>
    must(api.POST("/v1/invitations", { body })),
  revokeInvitation: (invitationId: string) =>
    must(api.DELETE("/v1/invitations/{invitationId}", { params: { path: { invitationId } } })),
};
