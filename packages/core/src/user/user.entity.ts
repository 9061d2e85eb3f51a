import { Entity } from "electrodb";
import { SERVICE, auditedAttributes, entityConfig } from "../shared/db.ts";

const ROLES = ["owner", "biller", "viewer", "practice"] as const;

/** A named person of one billing company. Sign-in secrets live here, never in a view. */
export const UserEntity = new Entity(
  {
    model: { entity: "user", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      userId: { type: "string", required: true, readOnly: true },
      email: { type: "string", required: true },
      name: { type: "string", required: true },
      role: { type: ROLES, required: true },
      practiceId: { type: "string" },
      status: { type: ["active", "disabled"] as const, required: true },
      passwordHash: { type: "string", required: true },
      /** Failed sign-ins since the last success or lock; at the limit the account locks. */
      failedSignIns: { type: "number" },
      lockedUntil: { type: "string" },
      totpSecret: { type: "string" },
      totpEnabled: { type: "boolean" },
      /** The last TOTP time step accepted: a code is good once. */
      totpLastStep: { type: "number" },
      resetHash: { type: "string" },
      resetExpiresAt: { type: "string" },
      lastSignInAt: { type: "string" },
      createdBy: { type: "string", required: true },
      ...auditedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId"], casing: "none" },
        sk: { field: "sk", composite: ["userId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

/**
 * The sign-in directory: which companies an email address has a user in. At sign-in nothing but
 * the email is known, so this is the one partition keyed by something other than a tenant: the
 * SHA-256 of the normalised address (no address stored), one item per company it belongs to.
 */
export const LoginEntity = new Entity(
  {
    model: { entity: "login", version: "1", service: SERVICE },
    attributes: {
      emailHash: { type: "string", required: true, readOnly: true },
      tenantId: { type: "string", required: true, readOnly: true },
      userId: { type: "string", required: true },
    },
    indexes: {
      byEmail: {
        pk: { field: "pk", composite: ["emailHash"], casing: "none" },
        sk: { field: "sk", composite: ["tenantId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

export const InvitationEntity = new Entity(
  {
    model: { entity: "invitation", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      invitationId: { type: "string", required: true, readOnly: true },
      email: { type: "string", required: true },
      name: { type: "string", required: true },
      role: { type: ROLES, required: true },
      practiceId: { type: "string" },
      status: { type: ["pending", "accepted", "revoked"] as const, required: true },
      secretHash: { type: "string", required: true },
      /** When the link stops working (ISO). */
      expiresOn: { type: "string", required: true },
      /** DynamoDB TTL (epoch seconds): a month after the link expires, the invitation goes. */
      expiresAt: { type: "number", required: true },
      userId: { type: "string" },
      createdBy: { type: "string", required: true },
      ...auditedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId"], casing: "none" },
        sk: { field: "sk", composite: ["invitationId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

/** A signed-in browser. Deleted on sign-out; DynamoDB's TTL removes it at its absolute expiry. */
export const SessionEntity = new Entity(
  {
    model: { entity: "session", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      sessionId: { type: "string", required: true, readOnly: true },
      userId: { type: "string", required: true, readOnly: true },
      secretHash: { type: "string", required: true, readOnly: true },
      csrfToken: { type: "string", required: true, readOnly: true },
      createdAt: { type: "string", required: true, readOnly: true },
      lastSeenAt: { type: "string", required: true },
      expiresAt: { type: "number", required: true, readOnly: true },
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId"], casing: "none" },
        sk: { field: "sk", composite: ["sessionId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

/**
 * Sign-in attempts per email hash or client address per minute, for rate limiting before any
 * tenant is known (hence not tenant-partitioned; no address or email is stored, only hashes).
 */
export const AttemptEntity = new Entity(
  {
    model: { entity: "signInAttempt", version: "1", service: SERVICE },
    attributes: {
      bucket: { type: "string", required: true, readOnly: true },
      minute: { type: "number", required: true, readOnly: true },
      count: { type: "number" },
      expiresAt: { type: "number" },
    },
    indexes: {
      byBucket: {
        pk: { field: "pk", composite: ["bucket"], casing: "none" },
        sk: { field: "sk", composite: ["minute"] },
      },
    },
  },
  entityConfig(),
);
