/** The states of a remittance (one 835 transaction): one list for the table and the API. */
export const REMITTANCE_STATUSES = ["posting", "posted", "unbalanced", "duplicate", "incomplete"] as const;
