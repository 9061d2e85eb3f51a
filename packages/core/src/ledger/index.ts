// The ledger module's face: entries (append-only), balances, collection categories.
export {
  type EntryKind,
  type EntryDraft,
  type Balances,
  zeroBalances,
  applyEntries,
  isContractual,
  isDenialReason,
  isPriorPayerReason,
} from "./balances.ts";
export { creditToApply, splitPatientPayment, splitRefund } from "./credit.ts";
export { type Collections, type Category, type LedgerRow, categoryOf, ledgerOf } from "./collections.ts";
export {
  type NewLedgerEntry,
  type SharedEntryFields,
  entryPut,
  entriesPut,
  entriesOfClaim,
  entriesOfPracticeMonth,
} from "./ledger.service.ts";
export type { LedgerEntry } from "./ledger.entity.ts";
export { balancesView, collectionsView, ledgerEntryView, claimLedgerView } from "./ledger.schema.ts";
