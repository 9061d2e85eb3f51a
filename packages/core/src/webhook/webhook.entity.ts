import { Entity } from "electrodb";
import { SERVICE, auditedAttributes, entityConfig } from "../shared/db.ts";

/**
 * A company's webhook endpoint: where events go, which types, optionally one practice's only.
 * The signing secret is kept here (encrypted at rest with the table's KMS key) because every
 * delivery is signed with it; no view ever carries it after the creating response.
 */
export const EndpointEntity = new Entity(
  {
    model: { entity: "whEndpoint", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      endpointId: { type: "string", required: true, readOnly: true },
      url: { type: "string", required: true },
      types: { type: "list", items: { type: "string" }, required: true },
      practiceId: { type: "string" },
      description: { type: "string" },
      secret: { type: "string", required: true },
      status: { type: ["enabled", "disabled"] as const, required: true },
      disabledReason: { type: "string" },
      /** The first failed attempt since the last success: failing for days disables the endpoint. */
      failingSince: { type: "string" },
      createdBy: { type: "string", required: true },
      ...auditedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId"], template: "${tenantId}#wh", casing: "none" },
        sk: { field: "sk", composite: ["endpointId"], template: "${endpointId}", casing: "none" },
      },
    },
  },
  entityConfig(),
);

/**
 * One event's delivery to one endpoint: its attempts (the last ten: time, response code or error,
 * milliseconds), its state, and when the next attempt is due. Keyed by endpoint and event id, so an
 * endpoint's deliveries list in time order and a time range is one Query. Kept as long as the event.
 */
export const DeliveryEntity = new Entity(
  {
    model: { entity: "whDelivery", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true, field: "t" },
      endpointId: { type: "string", required: true, readOnly: true, field: "w" },
      eventId: { type: "string", required: true, readOnly: true, field: "e" },
      type: { type: "string", required: true, field: "y" },
      status: { type: ["pending", "delivered", "failed"] as const, required: true, field: "s" },
      attemptCount: { type: "number", required: true, field: "n" },
      attempts: { type: "any", field: "at" },
      firstAttemptAt: { type: "string", field: "fa" },
      nextAttemptAt: { type: "string", field: "na" },
      deliveredAt: { type: "string", field: "da" },
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      byEndpoint: {
        pk: {
          field: "pk",
          composite: ["tenantId", "endpointId"],
          template: "${tenantId}#${endpointId}",
          casing: "none",
        },
        sk: { field: "sk", composite: ["eventId"], template: "${eventId}", casing: "none" },
      },
    },
  },
  entityConfig(),
);
