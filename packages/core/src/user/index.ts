// The user module's face: named people of a company, their invitations, sessions and sign-in.
export * from "./user.schema.ts";
export {
  me,
  listUsers,
  patchUser,
  startTotp,
  confirmTotp,
  disableTotp,
  ownerEmails,
  companyUsers,
  type UserSummary,
} from "./user.service.ts";
export { inviteUser, listInvitations, revokeInvitation, acceptInvitation } from "./invitation.service.ts";
export {
  signIn,
  authenticateSession,
  currentSession,
  signOut,
  requestPasswordReset,
  completePasswordReset,
} from "./session.service.ts";
export { totpCode } from "./totp.ts";
