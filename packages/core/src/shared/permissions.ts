import { forbidden } from "./errors.ts";
import type { Principal, Role } from "./context.ts";

/**
 * Who may do what: one table of action x roles, read by `authorize` everywhere and printed in the
 * README's role table (a test holds the two together). Reads not listed here are open to every
 * role of the tenant, a practice key seeing its own practice only. `system` is a scheduled job
 * acting for a company (the monthly close), never an API key.
 */
export const PERMISSIONS = {
  "tenant.update": ["owner"],
  "apiKeys.manage": ["owner"],
  "users.read": ["owner", "biller", "viewer"],
  "users.manage": ["owner"],
  "clearinghouse.configure": ["owner"],
  "clearinghouse.read": ["owner", "biller", "viewer"],
  "scrubRules.configure": ["owner"],
  "payerRules.manage": ["owner"],
  "practice.write": ["owner", "biller"],
  "contract.write": ["owner"],
  "provider.write": ["owner", "biller"],
  "payer.write": ["owner", "biller"],
  "feeSchedule.write": ["owner", "biller"],
  "contractSchedule.write": ["owner", "biller"],
  "patient.write": ["owner", "biller", "practice"],
  "eligibility.check": ["owner", "biller", "practice"],
  "encounter.submit": ["owner", "biller", "practice"],
  "claim.edit": ["owner", "biller"],
  "claim.correct": ["owner", "biller"],
  "claim.moveStatus": ["owner", "biller"],
  "batch.create": ["owner", "biller"],
  "batch.list": ["owner", "biller", "viewer"],
  "batch.retry": ["owner", "biller"],
  "clearinghouse.poll": ["owner", "biller"],
  "inbound.read": ["owner", "biller", "viewer"],
  "inbound.retry": ["owner", "biller"],
  "remittance.upload": ["owner", "biller"],
  "remittance.read": ["owner", "biller", "viewer"],
  "payment.post": ["owner", "biller"],
  "payment.desk": ["owner", "biller", "practice"],
  "denial.read": ["owner", "biller", "viewer", "practice"],
  "denial.recordAction": ["owner", "biller"],
  "denial.resolve": ["owner", "biller"],
  "appeal.manage": ["owner", "biller"],
  "writeOff.approve": ["owner"],
  "suspense.resolve": ["owner", "biller"],
  "statement.issue": ["owner", "biller"],
  "statementSettings.write": ["owner", "biller"],
  "statementRun.start": ["owner", "biller", "system"],
  "statementRun.read": ["owner", "biller", "viewer"],
  "paymentPlan.manage": ["owner", "biller", "practice"],
  "collections.read": ["owner", "biller", "viewer"],
  "collections.manage": ["owner", "biller"],
  "report.read": ["owner", "biller", "viewer", "practice"],
  "underpayment.read": ["owner", "biller", "viewer", "practice"],
  "underpayment.manage": ["owner", "biller"],
  "underpayment.configure": ["owner"],
  "profitability.read": ["owner"],
  "invoiceRun.start": ["owner", "biller", "system"],
  "invoiceRun.read": ["owner", "biller", "viewer"],
  "invoice.finalize": ["owner"],
  "invoice.send": ["owner", "biller"],
  "invoice.void": ["owner"],
  "audit.read": ["owner", "biller", "viewer"],
  "webhooks.manage": ["owner", "practice"],
  "webhooks.read": ["owner", "biller", "viewer", "practice"],
  "tasks.read": ["owner", "biller", "viewer", "practice"],
  "tasks.manage": ["owner", "biller"],
} as const satisfies Record<string, readonly (Role | "system")[]>;

export type Action = keyof typeof PERMISSIONS;

export function can(p: Principal, action: Action): boolean {
  return (PERMISSIONS[action] as readonly string[]).includes(p.role);
}

/** Throws 403 naming the action and the roles that may take it, unless the principal holds one. */
export function authorize(p: Principal, action: Action): void {
  if (!can(p, action))
    throw forbidden(
      `${action} needs one of the roles: ${PERMISSIONS[action].filter((r) => r !== "system").join(", ")}`,
    );
}
