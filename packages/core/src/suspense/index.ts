// The suspense module's face: money with no home (835 claim payments no claim matched, PLBs with
// no practice), kept by posting, then applied to claims, refunded to the payer or kept, never lost.
// Under remittance (which fills it); above claim, ledger, invoice (the month-close fence), audit, event.
export * from "./suspense.schema.ts";
export { suspenseItemPut, listSuspense, type SuspenseItem } from "./suspense.store.ts";
export { allocateSuspense, getSuspenseItem } from "./allocate.service.ts";
