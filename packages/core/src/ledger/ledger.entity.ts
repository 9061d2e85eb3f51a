import { Entity, type EntityItem } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";

/**
 * Append-only ledger, partitioned by practice and deposit month (what month close reads); each
 * claim's entries are also reachable by claim. Corrections are new entries, never edits.
 *
 * An item is one entry, or (`entries` set) all the entries one 835 claim payment (CLP) posts to
 * its claim: one item a CLP instead of one an entry, written once and never split, each entry
 * read back as itself with the id `<entryId>-<n>` (ledger.service.ts). Stored attribute names are
 * short (`field`): every byte is paid for in write units and storage, twice with the gsi1 copy.
 */
export const LedgerEntryEntity = new Entity(
  {
    model: { entity: "ledgerEntry", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true, field: "t" },
      practiceId: { type: "string", required: true, readOnly: true, field: "p" },
      month: { type: "string", required: true, readOnly: true, field: "m" },
      entryId: { type: "string", required: true, readOnly: true, field: "e" },
      /** The claim, or for a provider-level (PLB) entry `PLB-<remittanceId>`. */
      claimId: { type: "string", required: true, field: "c" },
      lineId: { type: "string", field: "l" },
      kind: { type: "string", required: true, field: "k" },
      group: { type: "string", field: "g" },
      reason: { type: "string", field: "r" },
      remarks: { type: "list", items: { type: "string" }, field: "rm" },
      amountCents: { type: "number", required: true, field: "a" },
      payerId: { type: "string", field: "py" },
      remittanceId: { type: "string", field: "ri" },
      depositDate: { type: "string", required: true, field: "d" },
      postedAt: { type: "string", required: true, field: "at" },
      /** For an entry a person made (a denial written off or billed to the patient): who, and why. */
      actor: { type: "string", field: "ac" },
      note: { type: "string", field: "n" },
      /** A CLP's entries in one item: [{k: kind, l: lineId, g: group, r: reason, a: cents, rm: remarks}]. */
      entries: { type: "any", field: "es" },
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
export type LedgerEntry = Omit<EntityItem<typeof LedgerEntryEntity>, "entries">;
/** A stored item: one entry, or a CLP's entries. */
export type LedgerItem = EntityItem<typeof LedgerEntryEntity>;
