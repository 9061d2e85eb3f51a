// The resolution module's face: a claim's open denial resolved and carried out (write-off with
// its reason code and, above the company's amount, an owner's approval; bill the patient; a
// corrected claim; a rebill to the patient's other coverage). Above claim, ledger, appeal,
// invoice (the month-close fence), patient, payer and tenant.
export * from "./resolution.schema.ts";
export { resolveDenial, type ResolutionOutcome } from "./resolve.service.ts";
export { approveWriteOff, rejectWriteOff, listWriteOffRequests, getWriteOffRequest } from "./approval.service.ts";
export { resolvable } from "./post.ts";
