import { Entity, type EntityItem } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";

/**
 * Append-only ledger, partitioned by practice and deposit month (what month close reads); each
 * claim's entries are also reachable by claim. Corrections are new entries, never edits.
 */
export const LedgerEntryEntity = new Entity(
  {
    model: { entity: "ledgerEntry", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      month: { type: "string", required: true, readOnly: true },
      entryId: { type: "string", required: true, readOnly: true },
      /** The claim, or for a provider-level (PLB) entry `PLB-<remittanceId>`. */
      claimId: { type: "string", required: true },
      lineId: { type: "string" },
      kind: { type: "string", required: true },
      group: { type: "string" },
      reason: { type: "string" },
      remarks: { type: "list", items: { type: "string" } },
      amountCents: { type: "number", required: true },
      payerId: { type: "string" },
      remittanceId: { type: "string" },
      depositDate: { type: "string", required: true },
      postedAt: { type: "string", required: true },
      /** For an entry a person made (a denial written off or billed to the patient): who, and why. */
      actor: { type: "string" },
      note: { type: "string" },
    },
    indexes: {
      byPracticeMonth: {
        pk: { field: "pk", composite: ["tenantId", "practiceId", "month"], casing: "none" },
        sk: { field: "sk", composite: ["entryId"], casing: "none" },
      },
      byClaim: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["tenantId", "claimId"], casing: "none" },
        sk: { field: "gsi1sk", composite: ["entryId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

/** One ledger entry as stored. */
export type LedgerEntry = EntityItem<typeof LedgerEntryEntity>;
