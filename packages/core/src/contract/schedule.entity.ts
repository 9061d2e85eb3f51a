import { Entity } from "electrodb";
import { SERVICE, auditedAttributes, entityConfig } from "../shared/db.ts";

/**
 * A payer's contracted allowed amounts for one practice, in force from `effectiveFrom` (the sort
 * key) to `effectiveTo` (inclusive; open when absent). One item per period: the entries are packed
 * as `{"99214": 11250, "99214-25": 11800}` (code, or code-modifier -> cents), so the posting that
 * compares a line reads one small item, and a replaced schedule is one conditional put. A
 * practice's periods with one payer sort by date under one partition: the period in force on a
 * date is one Query (`effectiveFrom <= date`, newest first, one item).
 */
export const ContractScheduleEntity = new Entity(
  {
    model: { entity: "contractSchedule", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      payerId: { type: "string", required: true, readOnly: true },
      effectiveFrom: { type: "string", required: true, readOnly: true },
      effectiveTo: { type: "string" },
      entries: { type: "any", required: true },
      /** Where the amounts came from: entered, imported, or derived from Medicare rates x percent. */
      basis: { type: "any", required: true },
      ...auditedAttributes,
    },
    indexes: {
      byPayer: {
        pk: {
          field: "pk",
          composite: ["tenantId", "practiceId", "payerId"],
          template: "${tenantId}#${practiceId}#${payerId}#cs",
          casing: "none",
        },
        sk: { field: "sk", composite: ["effectiveFrom"], template: "${effectiveFrom}", casing: "none" },
      },
    },
  },
  entityConfig(),
);
