/** The states of a remittance (one 835 transaction) and the kinds of suspense item: one list for the table and the API. */
export const REMITTANCE_STATUSES = ["posting", "posted", "unbalanced", "duplicate", "incomplete"] as const;
export const SUSPENSE_KINDS = ["claim", "provider_adjustment"] as const;
