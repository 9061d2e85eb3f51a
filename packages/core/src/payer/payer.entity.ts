import { Entity } from "electrodb";
import { SERVICE, auditedAttributes, entityConfig } from "../shared/db.ts";

/** A payer as this billing company knows it; `payerId` is ours, `clearinghousePayerId` the clearinghouse's. */
export const PayerEntity = new Entity(
  {
    model: { entity: "payer", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      payerId: { type: "string", required: true, readOnly: true },
      name: { type: "string", required: true },
      clearinghousePayerId: { type: "string", required: true },
      claimFilingIndicator: { type: "string", required: true },
      timelyFilingDays: { type: "number", required: true },
      /** Days before a claim with no 835 is asked about (276); absent = 30. */
      statusInquiryDays: { type: "number" },
      /** Days after sending by which this payer usually pays (its 835); payers stored before it read as 30. */
      expectedPaymentDays: { type: "number" },
      /** Days this payer allows to appeal a denial; payers stored before it read as 180. */
      appealDays: { type: "number" },
      address: { type: "any" },
      status: { type: ["active", "inactive"] as const, required: true },
      ...auditedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId"], casing: "none" },
        sk: { field: "sk", composite: ["payerId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);
